import { reduceWord } from './french-inflection';

/** A word-cloud entry as it is grouped (`key`) and as it may be shown (`display`). */
export interface NormalisedEntry {
  /** Grouping key: entries with the same key count as one word of the cloud. Not meant to be shown. */
  key: string;
  /** The entry as typed, trimmed, inner whitespace collapsed, surrounding punctuation removed. */
  display: string;
}

/** Apostrophe look-alikes typed by phones and word processors ("d’agir", "d´agir", "dʼagir"). */
const APOSTROPHES = /[\u2019\u2018\u201B\u02BC\u00B4\u0060\u2032\uFF07]/g;

/**
 * Punctuation that may surround an entry without being part of it: quotes, guillemets, end-of-sentence
 * marks, dashes, bullets. Brackets stay in the display since one may open a word: "(re)trouver".
 */
const EDGE = /^[\s.,;:!?¡¿…«»‹›"“”„'’\-–—*·•]+|[\s.,;:!?¡¿…«»‹›"“”„'’\-–—*·•]+$/gu;

/** Anything but a letter, digit, symbol (emoji, "+", "€"), apostrophe or emoji joiner separates words. */
const SEPARATOR = /[^\p{L}\p{N}\p{S}'\u200D]+/u;

/**
 * Folds text for comparison: compatibility forms (NFKC: "ﬁ" → "fi", full-width letters), one apostrophe,
 * lowercase, "œ"/"æ" spelled out, accents and other combining marks (emoji variation selectors too)
 * removed. Case and accents never distinguish two entries of a word cloud.
 */
export function foldText(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(APOSTROPHES, "'")
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .normalize('NFC');
}

/**
 * Inclusive endings written after a word ("écriture inclusive"): with a middle dot, "motivé·e",
 * "motivé·e·s", "acteur·rice·s", "professionnel·les" (the point médian recommended by the Haut Conseil à
 * l'Égalité entre les femmes et les hommes, Guide pratique pour une communication publique sans
 * stéréotype de sexe, 2015; its look-alikes "⋅", "‧" and "•" too); or in brackets, "motivé(e)s",
 * "acteur(rice)". The ending only marks the feminine or the plural, which are not told apart anyway,
 * so it is dropped and the word is reduced like any other: "motivé·e·s" counts with "motivé".
 */
const DOTTED_ENDINGS = /(?<=\p{L})(?:[\u00B7\u22C5\u2027\u2022]\p{L}{1,5})+(?!\p{L})/gu;
const BRACKETED_ENDING = /(?<=\p{L})\(\p{L}{1,5}\)/gu;

/** The words of folded text; an elided article stays glued to its word even across a space ("l' équipe"). */
export function foldedWords(folded: string): string[] {
  return folded
    .replace(DOTTED_ENDINGS, '')
    .replace(BRACKETED_ENDING, '')
    .replace(/(\p{L})'\s+(?=\p{L})/gu, "$1'")
    .split(SEPARATOR)
    .map((word) => word.replace(/^'+|'+$/g, ''))
    .filter((word) => word.length > 0);
}

/** Reduces the word after an elision ("d'agir" → "d'" + "agir"), which is where inflection shows. */
function reduceToken(token: string): string {
  const cut = token.lastIndexOf("'") + 1;
  return token.slice(0, cut) + reduceWord(token.slice(cut));
}

/** The grouping stems of an entry's words, in order (see `french-inflection.ts`). */
export function entryStems(raw: string): string[] {
  return foldedWords(foldText(raw)).map(reduceToken);
}

/**
 * Normalises a word-cloud entry. Entries that differ only by case, accents, apostrophe style, spacing,
 * surrounding punctuation, or French plural and feminine endings get the same key:
 * "motivé", "Motivée", "MOTIVÉS" and "« motivées ! »" all give "motive"; "Pouvoir d’agir" and
 * "pouvoir  d'agir" give "pouvoir d'agir". Hyphens separate words ("vivre-ensemble" = "vivre ensemble").
 * The key is deterministic and idempotent: `normaliseEntry(key).key === key`.
 * Returns null for an entry with no letter, digit or symbol left once punctuation is removed.
 */
export function normaliseEntry(raw: string): NormalisedEntry | null {
  const stems = entryStems(raw);
  if (stems.length === 0) return null;
  const display = raw.normalize('NFC').replace(/\s+/gu, ' ').replace(EDGE, '');
  return { key: stems.join(' '), display: display.length > 0 ? display : stems.join(' ') };
}
