/**
 * A reader of the Markdown the record holds (summaries, proposals' text: paragraphs, headings, bullet and
 * ordered lists, quotes, code; bold, italic, inline code), turned into blocks and runs that a document
 * writer (DOCX) lays out. Anything else is kept as plain text: nothing is lost, only left unstyled.
 */

export interface TextRunSpec {
  text: string;
  bold?: boolean;
  italics?: boolean;
  code?: boolean;
}

export type Block =
  | { kind: 'heading'; level: number; runs: TextRunSpec[] }
  | { kind: 'paragraph'; runs: TextRunSpec[] }
  | { kind: 'bullet'; depth: number; runs: TextRunSpec[] }
  | { kind: 'ordered'; depth: number; list: number; runs: TextRunSpec[] }
  | { kind: 'quote'; runs: TextRunSpec[] }
  | { kind: 'code'; text: string };

/** Splits inline Markdown into runs: `**bold**`, `*italic*` / `_italic_`, `` `code` ``, backslash escapes. */
export function inlineRuns(text: string): TextRunSpec[] {
  const runs: TextRunSpec[] = [];
  const style = { bold: false, italics: false };
  let buffer = '';
  const flush = () => {
    if (buffer) runs.push({ text: buffer, ...(style.bold ? { bold: true } : {}), ...(style.italics ? { italics: true } : {}) });
    buffer = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const next = text[i + 1];
    if (c === '\\' && next !== undefined && /[\\`*_[\]<>#|~!-]/.test(next)) {
      buffer += next;
      i++;
    } else if (c === '`') {
      const end = text.indexOf('`', i + 1);
      if (end === -1) {
        buffer += c;
        continue;
      }
      flush();
      runs.push({ text: text.slice(i + 1, end), code: true });
      i = end;
    } else if ((c === '*' || c === '_') && next === c) {
      flush();
      style.bold = !style.bold;
      i++;
    } else if ((c === '*' || c === '_') && (style.italics || (next !== undefined && next !== ' '))) {
      // An underscore inside a word (snake_case) is a letter, not emphasis.
      if (c === '_' && !style.italics && /\w/.test(text[i - 1] ?? '')) {
        buffer += c;
        continue;
      }
      flush();
      style.italics = !style.italics;
    } else {
      buffer += c;
    }
  }
  flush();
  return runs.length ? runs : [{ text: '' }];
}

/** Splits Markdown into blocks. Consecutive lines of a paragraph are joined with a space. */
export function markdownBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  let paragraph: string[] = [];
  let list = 0;
  let inOrderedList = false;
  const flush = () => {
    if (paragraph.length) blocks.push({ kind: 'paragraph', runs: inlineRuns(paragraph.join(' ')) });
    paragraph = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const fence = /^\s*(```|~~~)/.exec(line);
    if (fence) {
      flush();
      const code: string[] = [];
      for (i++; i < lines.length && !lines[i]!.trimStart().startsWith(fence[1]!); i++) code.push(lines[i]!);
      blocks.push({ kind: 'code', text: code.join('\n') });
      continue;
    }
    const heading = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    const bullet = /^(\s*)[-*+]\s+(.*)$/.exec(line);
    const ordered = /^(\s*)\d{1,9}[.)]\s+(.*)$/.exec(line);
    const quote = /^\s*>\s?(.*)$/.exec(line);
    // A numbered list goes on across blank lines and nested bullets; any other line ends it.
    if (!ordered && !bullet && line.trim() !== '') inOrderedList = false;
    if (heading) {
      flush();
      blocks.push({ kind: 'heading', level: heading[1]!.length, runs: inlineRuns(heading[2]!) });
    } else if (bullet) {
      flush();
      blocks.push({ kind: 'bullet', depth: Math.min(8, Math.floor(bullet[1]!.length / 2)), runs: inlineRuns(bullet[2]!) });
    } else if (ordered) {
      flush();
      if (!inOrderedList) list++;
      inOrderedList = true;
      blocks.push({ kind: 'ordered', depth: Math.min(8, Math.floor(ordered[1]!.length / 2)), list, runs: inlineRuns(ordered[2]!) });
    } else if (quote) {
      flush();
      blocks.push({ kind: 'quote', runs: inlineRuns(quote[1]!) });
    } else if (line.trim() === '') {
      flush();
    } else {
      paragraph.push(line.trim());
    }
  }
  flush();
  return blocks;
}
