import { describe, expect, it } from 'vitest';
import { cutPoints, truncate, visibleBlocks } from '../../client/src/features/proposals/projected-text';
import type { PmNode } from '../../shared/proposal-body';

const text = (value: string, ...marks: string[]): PmNode => (marks.length ? { type: 'text', text: value, marks: marks.map((type) => ({ type })) } : { type: 'text', text: value });
const paragraph = (...content: PmNode[]): PmNode => (content.length ? { type: 'paragraph', content } : { type: 'paragraph' });
const list = (...items: string[]): PmNode => ({ type: 'bulletList', content: items.map((item) => ({ type: 'listItem', content: [paragraph(text(item))] })) });

describe('a proposal’s text on the projection', () => {
  const blocks = [paragraph(text('Nous voulons '), text('ensemble', 'bold'), text(' des formations.')), list('Un accueil', 'Un numéro')];

  it('leaves out the empty paragraphs a writer leaves between two lines', () => {
    expect(visibleBlocks([paragraph(text('Un')), paragraph(), paragraph(text('  ')), paragraph(text('Deux'))])).toEqual([paragraph(text('Un')), paragraph(text('Deux'))]);
  });

  it('cuts after whole words and at the end of blocks, never inside a word a format splits', () => {
    // "Nous voulons ensemble des formations." then "Un accueil", "Un numéro".
    expect(cutPoints(blocks)).toEqual([4, 12, 21, 25, 37, 39, 47, 49, 56]);
    expect(cutPoints([paragraph(text('en'), text('semble', 'bold'))])).toEqual([8]);
  });

  it('keeps the beginning in its blocks and formats, with an ellipsis where it stops', () => {
    expect(truncate(blocks, 21)).toEqual([paragraph(text('Nous voulons '), text('ensemble…', 'bold'))]);
    expect(truncate(blocks, 12)).toEqual([paragraph(text('Nous voulons…'))]);
    expect(truncate(blocks, 49)).toEqual([paragraph(text('Nous voulons '), text('ensemble', 'bold'), text(' des formations.')), list('Un accueil', 'Un…')]);
    // Cut at the end of a block: no ellipsis, the screen says that the text goes on.
    expect(truncate(blocks, 37)).toEqual([paragraph(text('Nous voulons '), text('ensemble', 'bold'), text(' des formations.'))]);
    expect(truncate(blocks, 56)).toEqual(blocks);
    expect(truncate(blocks, 0)).toEqual([]);
  });
});
