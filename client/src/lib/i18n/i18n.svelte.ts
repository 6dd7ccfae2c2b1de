import type { WorkshopState } from '../../../../shared/schemas/workshops';
import { DEFAULT_STANDPOINTS, DEFAULT_STANDPOINT_PLURALS, type Standpoint } from '../../../../shared/standpoints';
import { en } from './en';
import { fr, type Catalogue, type MessageKey } from './fr';

export type Lang = 'fr' | 'en';
export const LANGUAGES: readonly Lang[] = ['fr', 'en'];

const STORAGE_KEY = 'croisee.lang';
const catalogues: Record<Lang, Catalogue> = { fr, en };

/** Keys that have plural forms, without their `_one` / `_other` suffix. */
export type PluralKey = MessageKey extends infer K ? (K extends `${infer Base}_one` ? Base : never) : never;

export type Params = Record<string, string | number>;

function storedLanguage(): Lang {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === 'fr' || stored === 'en') return stored;
  } catch {
    // Storage may be refused (private mode, policy): French is the default anyway.
  }
  return 'fr';
}

/** The interface language: French unless the person chose English on this device. */
class Language {
  current = $state<Lang>(storedLanguage());

  constructor() {
    document.documentElement.lang = this.current;
  }

  set(lang: Lang): void {
    this.current = lang;
    document.documentElement.lang = lang;
    try {
      localStorage.setItem(STORAGE_KEY, lang);
    } catch {
      // Not remembered on this device; the choice still holds for this page.
    }
  }
}

export const language = new Language();

function fill(text: string, params?: Params): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/** French typography: a no-break space before `: ; ! ? »` and after `«`, so that none starts a line alone. */
function frenchSpacing(text: string): string {
  return text.replace(/ ([:;!?»])/g, '\u00a0$1').replace(/« /g, '«\u00a0');
}

/** The text of `key` in the current language, with `{name}` parameters filled in. Reactive in templates. */
export function t(key: MessageKey, params?: Params): string {
  const text = fill(catalogues[language.current][key], params);
  return language.current === 'fr' ? frenchSpacing(text) : text;
}

/** Formats a number the way the current language writes it. */
export function formatCount(count: number): string {
  return new Intl.NumberFormat(language.current === 'fr' ? 'fr-FR' : 'en-GB').format(count);
}

/** A calendar date (YYYY-MM-DD) written out: "21 novembre 2025". */
export function formatDate(isoDate: string): string {
  const date = new Date(`${isoDate}T12:00:00`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return new Intl.DateTimeFormat(language.current === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'long' }).format(date);
}

/** True when `count` takes the plural in the current language (French: 0 and 1 are singular). */
export function isPlural(count: number): boolean {
  return new Intl.PluralRules(language.current).select(count) !== 'one';
}

/** The plural form of `base` that suits `count` (see `isPlural`); `{count}` is filled in. */
export function tn(base: PluralKey, count: number, params?: Params): string {
  const key = `${base}_${isPlural(count) ? 'other' : 'one'}` as MessageKey;
  return t(key, { count: formatCount(count), ...params });
}

/** A standpoint's label in the current language. */
export function standpointLabel(standpoint: Standpoint): string {
  return standpoint.label[language.current];
}

/**
 * A standpoint's label for several people ("personnes concernées / accompagnées") when the workshop kept
 * a default label; a label the workshop wrote itself stays as written.
 */
export function standpointLabelMany(standpoint: Standpoint): string {
  const lang = language.current;
  const byDefault = DEFAULT_STANDPOINTS.find((s) => s.key === standpoint.key);
  const plural = DEFAULT_STANDPOINT_PLURALS[standpoint.key];
  return plural && byDefault && byDefault.label[lang] === standpoint.label[lang] ? plural[lang] : standpoint.label[lang];
}

const STATE_KEYS: Record<WorkshopState, MessageKey> = { draft: 'state.draft', live: 'state.live', closed: 'state.closed' };

/** "En préparation", "En cours", "Terminé". */
export function workshopStateLabel(state: WorkshopState): string {
  return t(STATE_KEYS[state]);
}
