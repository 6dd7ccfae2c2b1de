import { ALLOWED_PHRASES, DEFAULT_BLOCKED_PHRASES, DEFAULT_BLOCKED_WORDS } from './blocklist-words';
import { reduceWord } from './french-inflection';
import { foldText } from './normalise-entry';

/** Words are split on anything but letters, digits and the characters used to disguise letters. */
const SEPARATOR = /[^\p{L}\p{N}*@$]+/u;
/** Digits and signs typed for look-alike letters ("c0nnard", "p3d3", "$alope"). */
const LEET: Readonly<Record<string, string>> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's' };

interface CompiledList {
  words: ReadonlySet<string>;
  /** The same words with repeated letters collapsed, to catch "connnnard" or "puuute". */
  squeezed: ReadonlySet<string>;
  phrases: ReadonlyArray<readonly string[]>;
}

function tokens(raw: string): string[] {
  return foldText(raw).split(SEPARATOR).filter((t) => t.length > 0);
}

const hasLetter = (token: string) => /\p{L}/u.test(token);
const squeeze = (word: string) => word.replace(/(.)\1+/gu, '$1');

function decodeLeet(token: string): string {
  if (!hasLetter(token)) return token;
  return token.replace(/[0134579@$]/g, (c) => LEET[c] ?? c);
}

/** The stems a written word may stand for: as typed, and with look-alike digits read as letters. */
function forms(token: string): string[] {
  const plain = reduceWord(token);
  const decoded = reduceWord(decodeLeet(token));
  return plain === decoded ? [plain] : [plain, decoded];
}

function compile(words: readonly string[], phrases: readonly string[]): CompiledList {
  const single = new Set<string>();
  const multi: string[][] = [];
  for (const entry of [...words, ...phrases]) {
    const stems = tokens(entry).map((t) => reduceWord(t));
    if (stems.length === 1 && stems[0] !== undefined) single.add(stems[0]);
    else if (stems.length > 1) multi.push(stems);
  }
  return { words: single, squeezed: new Set([...single].map(squeeze)), phrases: multi };
}

const DEFAULT_LIST = compile(DEFAULT_BLOCKED_WORDS, DEFAULT_BLOCKED_PHRASES);
const ALLOWED = compile([], ALLOWED_PHRASES).phrases;

/** Start positions where `phrase` occurs in `stems`, each position offering one or more stems. */
function occurrences(stems: ReadonlyArray<readonly string[]>, phrase: readonly string[]): number[] {
  const found: number[] = [];
  for (let start = 0; start + phrase.length <= stems.length; start += 1) {
    if (phrase.every((word, i) => stems[start + i]?.includes(word))) found.push(start);
  }
  return found;
}

/** A word with "*" for hidden letters ("p*te", "f**k") matches a listed word of the same shape. */
function wildcardMatch(token: string, words: ReadonlySet<string>): boolean {
  const letters = token.replace(/[^\p{L}]/gu, '').length;
  if (!token.includes('*') || letters < 2) return false;
  const shapes = [token, token.replace(/s$/, '')].map((shape) => {
    const escaped = decodeLeet(shape).replace(/[.*+?^${}()|[\]\\]/g, (c) => (c === '*' ? '\\p{L}' : `\\${c}`));
    return new RegExp(`^${escaped}$`, 'u');
  });
  for (const word of words) if (shapes.some((shape) => shape.test(word))) return true;
  return false;
}

function wordIsBlocked(token: string, list: CompiledList): boolean {
  const candidates = forms(token);
  if (candidates.some((stem) => list.words.has(stem))) return true;
  if (/(\p{L})\1\1/u.test(decodeLeet(token))) {
    // Collapse before and after reducing: "puuuute" must not lose its -e to the -ute rule first.
    const stretched = [...candidates, ...forms(squeeze(token))].map(squeeze);
    if (stretched.some((stem) => list.squeezed.has(stem))) return true;
  }
  return wildcardMatch(token, list.words);
}

/** Words spelled out letter by letter ("p u t e") are read as one word. */
function spelledOutWords(raw: readonly string[]): string[] {
  const joined: string[] = [];
  let run: string[] = [];
  for (const token of [...raw, '']) {
    if ([...token].length === 1) {
      run.push(token);
      continue;
    }
    if (run.length >= 3) joined.push(run.join(''));
    run = [];
  }
  return joined;
}

function matches(raw: string, lists: readonly CompiledList[]): boolean {
  const words = tokens(raw);
  if (words.length === 0) return false;
  const stems = words.map(forms);
  const exempt = new Set<number>();
  for (const phrase of ALLOWED) {
    for (const start of occurrences(stems, phrase)) phrase.forEach((_, i) => exempt.add(start + i));
  }
  const whole = words.length > 1 ? [words.join('')] : [];
  for (const list of lists) {
    if (list.phrases.some((phrase) => occurrences(stems, phrase).length > 0)) return true;
    if (words.some((word, i) => !exempt.has(i) && wordIsBlocked(word, list))) return true;
    if ([...spelledOutWords(words), ...whole].some((word) => forms(word).some((stem) => list.words.has(stem)))) return true;
  }
  return false;
}

/**
 * A matcher for the default blocklist plus `extra` words or phrases (a workshop's own list). An entry is
 * blocked when one of its words, a phrase of consecutive words, or the whole entry read as one word is on
 * a list, after normalisation (case, accents, plural and feminine endings), with disguises undone:
 * look-alike digits ("c0nnard"), letters hidden by "*" ("p*te"), stretched letters ("connnnard"),
 * letters spelled out ("p u t e"). Words are never matched inside other words: "contribution" is not "con".
 */
export function createBlockMatcher(extra: readonly string[] = []): (raw: string) => boolean {
  const lists = extra.length > 0 ? [DEFAULT_LIST, compile(extra, [])] : [DEFAULT_LIST];
  return (raw) => matches(raw, lists);
}

const defaultMatcher = createBlockMatcher();

/** True when a word-cloud entry contains an insult, a slur or vulgarity (see `createBlockMatcher`). */
export function isBlocked(raw: string, extra?: readonly string[]): boolean {
  return extra !== undefined && extra.length > 0 ? createBlockMatcher(extra)(raw) : defaultMatcher(raw);
}
