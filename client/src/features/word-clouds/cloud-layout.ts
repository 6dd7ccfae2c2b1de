import cloud from 'd3-cloud';
import { hashOf } from './palette';

/** A word to lay out: its key (stable across updates), the text shown and its count. */
export interface CloudWordInput {
  key: string;
  text: string;
  count: number;
}

/** A word placed by the layout: centre of its baseline (`x`, `y`) relative to the cloud's centre, font size in px. */
export interface PlacedWord extends CloudWordInput {
  x: number;
  y: number;
  size: number;
}

/** Where each word stood in the previous layout, and at what size, by key. */
export type CloudPositions = ReadonlyMap<string, { x: number; y: number; size: number }>;

/** The font the words are measured and drawn in: the app's system fonts, bold. */
export const CLOUD_FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Liberation Sans', Arial, sans-serif";
export const CLOUD_WEIGHT = 700;

/** Font scales tried in turn until every word fits. */
const SCALES = [1, 0.85, 0.72, 0.6, 0.5, 0.42, 0.35];

interface LayoutWord extends CloudWordInput {
  size: number;
  x?: number;
  y?: number;
}

/**
 * Font sizes by count: the area of a word grows with its count (size ∝ √count), the most frequent at
 * `max`, none below `min`.
 */
export function fontSize(count: number, maxCount: number, max: number, min: number): number {
  return Math.round(Math.max(min, max * Math.sqrt(count / Math.max(1, maxCount))));
}

/**
 * The numbers d3-cloud draws for each word, in its placing order (largest first, ties in input order):
 * its start x and y, then the spiral's direction. d3-cloud starts a word at
 * `x = (width · (r + 0.5)) >> 1` and walks an Archimedean spiral out from there, trying the start
 * itself first; so r = (2x + ½) / width − 0.5 starts a word exactly where it stood before, and it stays
 * there unless a grown neighbour now overlaps it, in which case it moves to the nearest free spot.
 * New words start near the centre, nudged by a hash of their key so that they do not all queue on
 * the same point.
 */
function seeds(words: readonly LayoutWord[], width: number, height: number, previous: CloudPositions): number[] {
  const order = words.map((word, index) => ({ word, index })).sort((a, b) => b.word.size - a.word.size || a.index - b.index);
  return order.flatMap(({ word }) => {
    const before = previous.get(word.key);
    const hash = hashOf(word.key);
    // Half a pixel more, so that floating-point rounding cannot shift the start by one pixel at each update.
    if (before) return [(2 * (before.x + width / 2) + 0.5) / width - 0.5, (2 * (before.y + height / 2) + 0.5) / height - 0.5, hash & 1 ? 0.25 : 0.75];
    const jitter = (bits: number) => (((hash >>> bits) & 0xff) / 255 - 0.5) * 0.2;
    return [0.5 + jitter(0), 0.5 + jitter(8), hash & 1 ? 0.25 : 0.75];
  });
}

/**
 * d3-cloud places the largest words first and, among words of one size, keeps the given order. Putting
 * first the words whose size did not change, then those that grew or shrank, then the new ones, makes a
 * word that grows into its neighbour move itself, rather than push the neighbour and everything after it.
 */
function steadyFirst(words: readonly LayoutWord[], previous: CloudPositions): LayoutWord[] {
  const rank = (word: LayoutWord) => {
    const before = previous.get(word.key);
    return !before ? 2 : before.size === word.size ? 0 : 1;
  };
  return words.map((word) => ({ word, rank: rank(word) })).sort((a, b) => a.rank - b.rank).map(({ word }) => word);
}

function run(all: LayoutWord[], width: number, height: number, previous: CloudPositions): LayoutWord[] {
  const words = steadyFirst(all, previous);
  const queue = seeds(words, width, height, previous);
  let drawn = 0;
  let placed: LayoutWord[] = [];
  cloud<LayoutWord>()
    .size([width, height])
    .words(words)
    .text((word) => word.text)
    .font(CLOUD_FONT)
    .fontWeight(CLOUD_WEIGHT)
    .fontSize((word) => word.size)
    .rotate(0)
    .padding(3)
    .random(() => queue[drawn++] ?? 0.5)
    // With no time limit d3-cloud places every word in one go, before `start` returns.
    .timeInterval(Infinity)
    .on('end', (tags: LayoutWord[]) => {
      placed = tags;
    })
    .start();
  return placed;
}

/** A layout and the font scale it took, to start the next layout from. */
export interface CloudLayout {
  words: PlacedWord[];
  scale: number;
}

/**
 * The largest scale whose words could fill at most half of the box: text is about 0.6 em wide per
 * character and 1.2 em high. Starting there spares d3-cloud most of the layouts that cannot fit, which
 * are the slow ones (every spiral is walked to its end).
 */
function fittingScale(words: readonly CloudWordInput[], maxCount: number, largest: number, area: number): number {
  const used = words.reduce((sum, word) => {
    const size = largest * Math.sqrt(word.count / maxCount);
    return sum + word.text.length * 0.6 * size * size * 1.2;
  }, 0);
  return Math.min(1, Math.sqrt((0.5 * area) / Math.max(1, used)));
}

/**
 * Lays out a word cloud in a `width` × `height` box with d3-cloud, keeping each word where it was in
 * `previous` when it can, so that words do not jump when counts change or new words arrive. Sizes
 * follow counts; if some words do not fit, every size is scaled down and the layout tried again.
 * `scale` (the previous layout's) is the largest scale tried, so that sizes stay put between updates.
 */
export function layoutCloud(
  words: readonly CloudWordInput[],
  width: number,
  height: number,
  previous: CloudPositions = new Map(),
  scale = 1,
): CloudLayout {
  if (words.length === 0 || width < 10 || height < 10) return { words: [], scale };
  const maxCount = Math.max(...words.map((word) => word.count));
  // Room to spare around the words, so that a word that grows finds a free spot next to where it was.
  const largest = Math.min(height / 4.2, width / 7.5);
  const start = Math.min(scale, fittingScale(words, maxCount, largest, width * height));
  const scales = [start, ...SCALES.filter((candidate) => candidate < start)];
  let best: CloudLayout = { words: [], scale: start };
  for (const candidate of scales) {
    const max = largest * candidate;
    const laid: LayoutWord[] = words.map((word) => ({ key: word.key, text: word.text, count: word.count, size: fontSize(word.count, maxCount, max, Math.max(12, max / 3.5)) }));
    const placed = run(laid, width, height, previous).map((word) => ({ key: word.key, text: word.text, count: word.count, size: word.size, x: word.x ?? 0, y: word.y ?? 0 }));
    if (placed.length > best.words.length) best = { words: placed, scale: candidate };
    if (placed.length === words.length) break;
  }
  return best;
}
