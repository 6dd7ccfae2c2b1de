/**
 * Colours of the words of a cloud: the Okabe–Ito palette (Okabe & Ito, "Color Universal Design", 2008),
 * chosen to stay distinct for the common colour-vision deficiencies, with its light hues darkened (same
 * hue, lower lightness) so that every colour reaches at least 5:1 against white — above the 4.5:1 that
 * WCAG 2.2 (1.4.3) asks of text of any size. Size, not colour, carries the count: colour only helps
 * the eye tell neighbouring words apart.
 */
export const CLOUD_PALETTE = [
  '#0072B2', // blue, as in Okabe–Ito
  '#B04E00', // vermillion #D55E00, darkened
  '#007A5A', // bluish green #009E73, darkened
  '#A8507F', // reddish purple #CC79A7, darkened
  '#8F6200', // orange #E69F00, darkened
  '#000000', // black
] as const;

/** The background the palette is checked against. */
export const CLOUD_BACKGROUND = '#FFFFFF';

/** A small stable hash of a word's key (FNV-1a), so that a word keeps its colour and start across updates. */
export function hashOf(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** The colour of a word: the same for the same key, whatever else the cloud holds. */
export function colourOf(key: string): string {
  return CLOUD_PALETTE[hashOf(key) % CLOUD_PALETTE.length] as string;
}

/** WCAG 2.2 relative luminance of a `#RRGGBB` colour. */
export function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((at) => {
    const channel = parseInt(hex.slice(at, at + 2), 16) / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2.2 contrast ratio of two `#RRGGBB` colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}
