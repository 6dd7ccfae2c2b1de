import type { PmNode } from '../../../../shared/proposal-body';

/**
 * A proposal's text as the projection shows it: its blocks without the empty paragraphs a writer
 * leaves while going to the next line, and, when the screen cannot hold it at the smallest legible
 * size, its beginning cut at the end of a word, with an ellipsis. Pure functions on ProseMirror's JSON.
 */

const ELLIPSIS = '…';

/** The blocks worth showing: empty paragraphs take a line of the screen and say nothing. */
export function visibleBlocks(blocks: readonly PmNode[]): PmNode[] {
  return blocks.filter((block) => !(block.type === 'paragraph' && !(block.content ?? []).some((node) => node.type === 'text' && node.text!.trim() !== '')));
}

/**
 * Where the text may be cut, as numbers of characters from its start, in increasing order: after each
 * word, and at the end of each block (the last one is the whole text's length).
 */
export function cutPoints(blocks: readonly PmNode[]): number[] {
  const cuts: number[] = [];
  let offset = 0;
  const walk = (nodes: readonly PmNode[]) => {
    // The character before, across the runs of one block: a format may change in the middle of a word.
    let before = ' ';
    nodes.forEach((node, index) => {
      if (node.type === 'text') {
        const text = node.text ?? '';
        for (let i = 0; i < text.length; i++) {
          if (/\s/.test(text[i]!) && !/\s/.test(before)) cuts.push(offset + i);
          before = text[i]!;
        }
        offset += text.length;
        if (index === nodes.length - 1 && !/\s/.test(before)) cuts.push(offset);
      } else if (node.content) walk(node.content);
    });
  };
  walk(blocks);
  return cuts;
}

/**
 * The first `chars` characters of the text, in their blocks and formats. A block cut in its middle
 * ends with an ellipsis; one cut at its end needs none (the screen says that the text goes on).
 */
export function truncate(blocks: readonly PmNode[], chars: number): PmNode[] {
  let left = chars;
  let midBlock = false;
  const keep = (nodes: readonly PmNode[]): PmNode[] => {
    const kept: PmNode[] = [];
    for (const node of nodes) {
      if (node.type === 'text') {
        const text = node.text ?? '';
        if (left <= 0) {
          midBlock ||= kept.length > 0 && text.trim() !== '';
          continue;
        }
        if (text.length > left) midBlock = true;
        kept.push({ ...node, text: text.slice(0, left) });
        left -= text.length;
      } else if (node.content) {
        const content = keep(node.content);
        if (content.length > 0) kept.push({ ...node, content });
      } else if (left > 0) kept.push(node);
    }
    return kept;
  };
  const kept = keep(blocks);
  if (midBlock) appendEllipsis(kept);
  return kept;
}

/** Writes the ellipsis after the last text kept. */
function appendEllipsis(nodes: PmNode[]): boolean {
  for (let i = nodes.length - 1; i >= 0; i--) {
    const node = nodes[i]!;
    if (node.type === 'text') {
      nodes[i] = { ...node, text: `${node.text!.trimEnd()}${ELLIPSIS}` };
      return true;
    }
    if (node.content) {
      const content = [...node.content];
      if (appendEllipsis(content)) {
        nodes[i] = { ...node, content };
        return true;
      }
    }
  }
  return false;
}
