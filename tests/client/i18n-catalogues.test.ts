import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { en } from '../../client/src/lib/i18n/en';
import { fr } from '../../client/src/lib/i18n/fr';

/**
 * The message catalogues: French is the source, English must say everything French says. Each live
 * feature keeps its texts in `client/src/features/<feature>/messages.ts`, spread into the app's
 * catalogues; components show text through `t()` only.
 */

const CLIENT = path.resolve('client/src');
type Catalogue = Readonly<Record<string, string>>;
const french: Catalogue = fr;
const english: Catalogue = en;

/**
 * Keys whose English is rightly the same as their French: names, formats, symbols, and words both
 * languages share. Anything else identical in both is an untranslated string.
 */
const SAME_IN_BOTH = new Set([
  'app.name', // Croisée
  'lang.fr', // each language is named in itself
  'lang.en',
  'records.export.md', // Markdown
  'records.export.json', // JSON
  'records.export.docx', // Word (DOCX)
  // Words spelt alike in both languages.
  'organiser.workshop_date', // Date
  'records.date',
  'attendance.total', // Total
  'projection.code', // Code
  'speaking.kind_label.question', // Question
  'speaking.kind.question',
  'polls.question',
  'records.kind.question',
  'speaking.console.timer_minutes_one', // {count} minute
  'speaking.console.timer_minutes_other',
  'speaking.console.moderation.approved', // Visible
  'polls.votes_one', // {count} vote
  'polls.votes_other',
  'clouds.col_action', // Action
  'records.version', // Version
  'records.versions',
  'records.version_n',
  'records.current_version',
]);

/** Text left in components on purpose: technical abbreviations read the same in both languages. */
const TECHNICAL_TEXTS = new Set([
  'features/records/RecordTimeline.svelte: v', // "v2", a version's link
  'features/records/WebhookSettings.svelte: HTTP', // "HTTP 500", a webhook delivery's status
]);

/** `{name}` parameters of a message, sorted. */
const paramsOf = (message: string): string[] => [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

function files(dir: string, ext: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? files(full, ext) : entry.name.endsWith(ext) ? [full] : [];
  });
}

const featureMessageFiles = fs
  .readdirSync(path.join(CLIENT, 'features'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => path.join(CLIENT, 'features', entry.name, 'messages.ts'));

describe('the French and English message catalogues', () => {
  it('have exactly the same keys', () => {
    const onlyFrench = Object.keys(french).filter((key) => !(key in english));
    const onlyEnglish = Object.keys(english).filter((key) => !(key in french));
    expect({ onlyFrench, onlyEnglish }).toEqual({ onlyFrench: [], onlyEnglish: [] });
  });

  it('hold every feature’s messages, each feature with the same keys in both languages', async () => {
    expect(featureMessageFiles.length).toBeGreaterThanOrEqual(7);
    for (const file of featureMessageFiles) {
      const feature = path.basename(path.dirname(file));
      expect(fs.existsSync(file), `${feature} has no messages.ts`).toBe(true);
      const messages = (await import(pathToFileURL(file).href)) as { fr: Catalogue; en: Catalogue };
      expect(Object.keys(messages.en).sort(), feature).toEqual(Object.keys(messages.fr).sort());
      for (const [key, value] of Object.entries(messages.fr)) expect(french[key], `${feature}: ${key} missing from the app's French catalogue`).toBe(value);
      for (const [key, value] of Object.entries(messages.en)) expect(english[key], `${feature}: ${key} missing from the app's English catalogue`).toBe(value);
    }
  });

  it('have no empty message', () => {
    const empty = Object.entries({ ...french }).flatMap(([key, value]) => [
      ...(value.trim() === '' ? [`fr ${key}`] : []),
      ...((english[key] ?? '').trim() === '' ? [`en ${key}`] : []),
    ]);
    expect(empty).toEqual([]);
  });

  it('translate every message, but for a short list of names and symbols that both languages share', () => {
    const untranslated = Object.keys(french).filter((key) => english[key] === french[key] && !SAME_IN_BOTH.has(key));
    expect(untranslated).toEqual([]);
    // The list itself stays true: each key on it exists and is the same in both.
    for (const key of SAME_IN_BOTH) expect(english[key], key).toBe(french[key]);
  });

  it('give each message the same {parameters} in both languages', () => {
    const mismatched = Object.keys(french).filter((key) => english[key] !== undefined && paramsOf(french[key]!).join() !== paramsOf(english[key]!).join());
    expect(mismatched).toEqual([]);
  });

  it('complete every plural pair (…_one with …_other) in both languages', () => {
    const incomplete: string[] = [];
    for (const catalogue of [french, english]) {
      for (const key of Object.keys(catalogue)) {
        const pair = key.endsWith('_one') ? key.replace(/_one$/, '_other') : key.endsWith('_other') ? key.replace(/_other$/, '_one') : null;
        if (pair && !(pair in catalogue)) incomplete.push(`${key} without ${pair}`);
      }
    }
    expect(incomplete).toEqual([]);
  });

  it('write English without French typography (no space before « : ; ! ? », no guillemets)', () => {
    const french_typography = Object.entries(english).filter(([, value]) => / [;!?]|«|»/.test(value)).map(([key]) => key);
    expect(french_typography).toEqual([]);
  });
});

/** Removes `{…}` expressions, keeping nested braces balanced. */
function withoutExpressions(source: string): string {
  let out = '';
  let depth = 0;
  for (const char of source) {
    if (char === '{') depth++;
    else if (char === '}' && depth > 0) {
      depth--;
      if (depth === 0) out += '\u0000';
      continue;
    }
    if (depth === 0) out += char;
  }
  return out;
}

/** Attributes whose literal value a person reads or hears. */
const READ_ATTRIBUTES = /\s(?:aria-label|aria-description|aria-roledescription|title|placeholder|alt|label)="([^"]*)"/g;

/**
 * Text a component shows without the catalogues: letters between tags that are not a `{…}` expression,
 * or a literal value of an attribute read by people or screen readers.
 */
function hardCodedTexts(source: string): string[] {
  const template = source
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<!--[\s\S]*?-->/g, '');
  const bare = withoutExpressions(template);
  const found: string[] = [];
  for (const match of bare.matchAll(/>([^<>]+)</g)) {
    const textNode = match[1]!.replace(/\u0000/g, ' ').replace(/&[a-z]+;|&#\d+;/g, ' ').trim();
    if (/\p{L}/u.test(textNode)) found.push(textNode);
  }
  for (const match of bare.matchAll(READ_ATTRIBUTES)) {
    if (/\p{L}/u.test(match[1]!.replace(/\u0000/g, ''))) found.push(`${match[0].trim()}`);
  }
  return found;
}

describe('the components', () => {
  it('show no text written in a .svelte file rather than in the catalogues', () => {
    const components = files(CLIENT, '.svelte');
    expect(components.length).toBeGreaterThan(50);
    const found = components.flatMap((file) => hardCodedTexts(fs.readFileSync(file, 'utf8')).map((text) => `${path.relative(CLIENT, file)}: ${text}`));
    expect(found.filter((text) => !TECHNICAL_TEXTS.has(text))).toEqual([]);
  });

  it('are scanned by a check that finds hard-coded text and lets expressions through', () => {
    const sample = [
      '<script lang="ts">const a = { b: 1 };</script>',
      '<p class="x">{t(\'a.b\')}</p>',
      '<button onclick={() => go()}>Envoyer</button>',
      '<span aria-label="Fermer">×</span>',
      '<span aria-label={t(\'c\')}>{count} · {total}</span>',
      '<!-- a comment with words -->',
      '<style>p { color: red; }</style>',
    ].join('\n');
    expect(hardCodedTexts(sample)).toEqual(['Envoyer', 'aria-label="Fermer"']);
  });
});
