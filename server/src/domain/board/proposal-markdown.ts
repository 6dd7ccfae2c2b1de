/**
 * A proposal's rich text as Markdown and as plain text, for the working group's record. Pure: works
 * on ProseMirror's JSON form (what tiptap's StarterKit writes: paragraphs, headings, bullet and
 * ordered lists, quotes, code blocks, rules, hard breaks; bold, italic, strike, code and link marks).
 * Unknown nodes keep their text; unknown marks (underline) are dropped, as Markdown has none.
 */

import type { PmMark, PmNode } from '../../../../shared/proposal-body';

export type { PmMark, PmNode };

/** Marks from outermost to innermost, with their Markdown delimiters (code is written as its own span). */
const MARKS: Record<string, { open: (m: PmMark) => string; close: (m: PmMark) => string }> = {
  link: { open: () => '[', close: (m) => `](${String(m.attrs?.href ?? '').replace(/[()\s]/g, encodeURIComponent)})` },
  bold: { open: () => '**', close: () => '**' },
  italic: { open: () => '*', close: () => '*' },
  strike: { open: () => '~~', close: () => '~~' },
};
const MARK_RANK = Object.keys(MARKS);

const markKey = (m: PmMark) => (m.type === 'link' ? `link:${String(m.attrs?.href ?? '')}` : m.type);

function knownMarks(marks: readonly PmMark[] | undefined): PmMark[] {
  return (marks ?? []).filter((m) => m.type in MARKS).sort((a, b) => MARK_RANK.indexOf(a.type) - MARK_RANK.indexOf(b.type));
}

/** A code span: delimited by more backticks than the text holds in a row, so that it needs no escaping. */
function codeSpan(text: string): string {
  const fence = '`'.repeat(Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length)) + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** Backslash-escapes what Markdown would read as formatting inside a text. */
function escapeInline(text: string): string {
  return text.replace(/[\\`*_[\]~<>]/g, '\\$&');
}

/** Escapes what would start a block (heading, quote, list item, rule) at the beginning of a line. */
function escapeLineStart(line: string): string {
  return line.replace(/^(\s*)([#>+-]|\d+[.)])(?=\s|$)/, (_m, space: string, marker: string) =>
    /^\d/.test(marker) ? `${space}${marker.slice(0, -1)}\\${marker.slice(-1)}` : `${space}\\${marker}`,
  );
}

/**
 * Inline content (text runs and hard breaks) as Markdown. Marks stay open across runs that share
 * them, and whitespace is moved outside delimiters, so `**bold *and italic***` parses back the same.
 */
function inlineMarkdown(nodes: readonly PmNode[]): string {
  let out = '';
  let open: PmMark[] = [];
  let pendingSpace = '';
  const closeFrom = (index: number) => {
    for (let i = open.length - 1; i >= index; i--) out += MARKS[open[i]!.type]!.close(open[i]!);
    open = open.slice(0, index);
  };
  for (const node of nodes) {
    if (node.type === 'hardBreak') {
      closeFrom(0);
      out += '\\\n';
      pendingSpace = '';
      continue;
    }
    const text = node.type === 'text' ? (node.text ?? '') : plainInline(node.content ?? []);
    const match = /^(\s*)([\s\S]*?)(\s*)$/.exec(text)!;
    const [, lead, core, trail] = match as unknown as [string, string, string, string];
    if (core === '') {
      pendingSpace += text;
      continue;
    }
    const want = knownMarks(node.marks);
    let keep = 0;
    while (keep < open.length && keep < want.length && markKey(open[keep]!) === markKey(want[keep]!)) keep++;
    closeFrom(keep);
    out += pendingSpace + lead;
    for (const mark of want.slice(keep)) {
      out += MARKS[mark.type]!.open(mark);
      open.push(mark);
    }
    out += (node.marks ?? []).some((m) => m.type === 'code') ? codeSpan(core) : escapeInline(core);
    pendingSpace = trail;
  }
  closeFrom(0);
  return out + pendingSpace;
}

function plainInline(nodes: readonly PmNode[]): string {
  return nodes.map((n) => (n.type === 'hardBreak' ? '\n' : n.type === 'text' ? (n.text ?? '') : plainInline(n.content ?? []))).join('');
}

const isInline = (node: PmNode) => node.type === 'text' || node.type === 'hardBreak';

/** Prefixes the first line with `first` and the others with `rest`. */
function indent(block: string, first: string, rest: string): string {
  return block
    .split('\n')
    .map((line, i) => (i === 0 ? first : line === '' ? rest.trimEnd() : rest) + line)
    .join('\n');
}

function blocksMarkdown(nodes: readonly PmNode[], tight = false): string {
  return nodes
    .map(blockMarkdown)
    .filter((b) => b !== '')
    .join(tight ? '\n' : '\n\n');
}

function blockMarkdown(node: PmNode): string {
  const content = node.content ?? [];
  switch (node.type) {
    case 'paragraph':
      return inlineMarkdown(content).split('\n').map(escapeLineStart).join('\n');
    case 'heading': {
      const level = Math.min(6, Math.max(1, Number(node.attrs?.level ?? 1) || 1));
      return `${'#'.repeat(level)} ${inlineMarkdown(content).replace(/\\\n/g, ' ')}`;
    }
    case 'bulletList':
      return content.map((item) => indent(blocksMarkdown(item.content ?? [], true), '- ', '  ')).join('\n');
    case 'orderedList': {
      const start = Math.max(0, Number(node.attrs?.start ?? 1) || 1);
      return content
        .map((item, i) => {
          const marker = `${start + i}. `;
          return indent(blocksMarkdown(item.content ?? [], true), marker, ' '.repeat(marker.length));
        })
        .join('\n');
    }
    case 'listItem':
      return indent(blocksMarkdown(content, true), '- ', '  ');
    case 'blockquote':
      return indent(blocksMarkdown(content), '> ', '> ')
        .split('\n')
        .map((line) => (line === '>' ? '>' : line))
        .join('\n');
    case 'codeBlock': {
      const code = plainInline(content);
      const fence = '`'.repeat(Math.max(3, ...[...code.matchAll(/`+/g)].map((m) => m[0].length + 1)));
      const language = typeof node.attrs?.language === 'string' ? node.attrs.language : '';
      return `${fence}${language}\n${code}\n${fence}`;
    }
    case 'horizontalRule':
      return '---';
    default:
      return content.every(isInline) ? inlineMarkdown(content) : blocksMarkdown(content);
  }
}

/** The document as Markdown (CommonMark): blocks separated by a blank line, no trailing newline. */
export function toMarkdown(doc: PmNode): string {
  return blocksMarkdown(doc.content ?? []);
}

function blockPlain(node: PmNode): string {
  const content = node.content ?? [];
  switch (node.type) {
    case 'bulletList':
      return content.map((item) => indent(plainBlocks(item.content ?? [], true), '- ', '  ')).join('\n');
    case 'orderedList': {
      const start = Math.max(0, Number(node.attrs?.start ?? 1) || 1);
      return content.map((item, i) => indent(plainBlocks(item.content ?? [], true), `${start + i}. `, '   ')).join('\n');
    }
    case 'horizontalRule':
      return '';
    default:
      return content.every(isInline) ? plainInline(content) : plainBlocks(content);
  }
}

function plainBlocks(nodes: readonly PmNode[], tight = false): string {
  return nodes
    .map(blockPlain)
    .filter((b) => b.trim() !== '')
    .join(tight ? '\n' : '\n\n');
}

/** The document as plain text: the words, paragraphs separated by a blank line, list items on their own lines. */
export function toPlainText(doc: PmNode): string {
  return plainBlocks(doc.content ?? []);
}
