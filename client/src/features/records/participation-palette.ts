import { OTHERS_STANDPOINT, UNDISCLOSED_STANDPOINT } from '../../../../shared/standpoints';

/** A fill and the text colour readable on it (at least 4.5:1). */
export interface Swatch {
  fill: string;
  text: string;
}

/**
 * The Okabe–Ito palette ("Color Universal Design", 2008): hues that stay distinct for the common
 * colour-vision deficiencies. Colour only tells neighbouring segments apart; the legend names them,
 * and the table next to the chart gives every figure.
 */
const PALETTE: readonly Swatch[] = [
  { fill: '#0072B2', text: '#ffffff' },
  { fill: '#E69F00', text: '#000000' },
  { fill: '#009E73', text: '#000000' },
  { fill: '#CC79A7', text: '#000000' },
  { fill: '#56B4E9', text: '#000000' },
  { fill: '#D55E00', text: '#000000' },
  { fill: '#F0E442', text: '#000000' },
  { fill: '#000000', text: '#ffffff' },
];

const UNDISCLOSED: Swatch = { fill: '#D0D0D0', text: '#000000' };
const OTHERS: Swatch = { fill: '#6E6E6E', text: '#ffffff' };

/** The swatch of each key, by its rank among the group's standpoints; the two special groups are greys. */
export function swatchesOf(keys: readonly string[]): Map<string, Swatch> {
  const swatches = new Map<string, Swatch>();
  let next = 0;
  for (const key of keys) {
    if (key === UNDISCLOSED_STANDPOINT) swatches.set(key, UNDISCLOSED);
    else if (key === OTHERS_STANDPOINT) swatches.set(key, OTHERS);
    else swatches.set(key, PALETTE[next++ % PALETTE.length]!);
  }
  return swatches;
}
