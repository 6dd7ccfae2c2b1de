import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkdown, safeHref, type Block, type Inline } from '../../client/src/features/records/markdown';

/** Every text the tree would put on the page, in order. */
function textOf(nodes: Inline[]): string {
  return nodes.map((node) => (node.kind === 'text' || node.kind === 'code' ? node.text : node.kind === 'break' ? '\n' : textOf(node.children))).join('');
}

function links(blocks: Block[]): string[] {
  const fromInlines = (nodes: Inline[]): string[] =>
    nodes.flatMap((node) => (node.kind === 'link' ? [node.href, ...fromInlines(node.children)] : node.kind === 'strong' || node.kind === 'em' ? fromInlines(node.children) : []));
  return blocks.flatMap((block) =>
    block.kind === 'paragraph' || block.kind === 'heading'
      ? fromInlines(block.inlines)
      : block.kind === 'list'
        ? block.items.flatMap(fromInlines)
        : block.kind === 'quote'
          ? links(block.blocks)
          : [],
  );
}

describe('the Markdown of a record, read into a tree', () => {
  it('reads headings, paragraphs, lists, quotes, code and rules', () => {
    const blocks = parseMarkdown('# Bilan\n\nUne phrase\nsur deux lignes.\n\n- un\n- deux\n\n3. trois\n4. quatre\n\n> cité\n\n```\ncode <b>\n```\n\n---');
    expect(blocks.map((block) => block.kind)).toEqual(['heading', 'paragraph', 'list', 'list', 'quote', 'code', 'rule']);
    expect(blocks[1]).toEqual({ kind: 'paragraph', inlines: [{ kind: 'text', text: 'Une phrase sur deux lignes.' }] });
    expect(blocks[3]).toMatchObject({ kind: 'list', ordered: true, start: 3 });
    expect(blocks[5]).toEqual({ kind: 'code', text: 'code <b>' });
  });

  it('reads bold, italic, inline code and links, and leaves a snake_case word alone', () => {
    expect(parseInline('**Gras** et *penché*, `code`, [site](https://example.org) et nom_de_fichier')).toEqual([
      { kind: 'strong', children: [{ kind: 'text', text: 'Gras' }] },
      { kind: 'text', text: ' et ' },
      { kind: 'em', children: [{ kind: 'text', text: 'penché' }] },
      { kind: 'text', text: ', ' },
      { kind: 'code', text: 'code' },
      { kind: 'text', text: ', ' },
      { kind: 'link', href: 'https://example.org', children: [{ kind: 'text', text: 'site' }] },
      { kind: 'text', text: ' et nom_de_fichier' },
    ]);
  });

  it('keeps raw HTML as visible text and never makes a link of a script or data address', () => {
    const blocks = parseMarkdown('<img src=x onerror="alert(1)"> [clic](javascript:alert(1)) [data](data:text/html,x)');
    expect(links(blocks)).toEqual([]);
    const paragraph = blocks[0] as Extract<Block, { kind: 'paragraph' }>;
    expect(textOf(paragraph.inlines)).toContain('<img src=x onerror="alert(1)">');
    expect(textOf(paragraph.inlines)).toContain('[clic](javascript:alert(1))');
    expect(safeHref(' mailto:cllts@example.org ')).toBe('mailto:cllts@example.org');
    expect(safeHref('JavaScript:alert(1)')).toBeNull();
  });

  it('loses no word of any text and makes only web or e-mail links', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (source) => {
        const blocks = parseMarkdown(source);
        for (const href of links(blocks)) expect(href).toMatch(/^(https?:\/\/|mailto:)/i);
        const words = source.match(/[\p{L}\p{N}]+/gu) ?? [];
        const shown = JSON.stringify(blocks);
        for (const word of words) expect(shown).toContain(word);
      }),
    );
  });
});
