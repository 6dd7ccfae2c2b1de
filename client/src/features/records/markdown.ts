/**
 * A small Markdown reader for what a record holds (the facilitator's summary, proposals' text): headings,
 * paragraphs, bullet and numbered lists, quotes, code, rules; bold, italic, inline code and links. It
 * returns a tree that components render element by element, so a text can never inject markup: raw
 * HTML stays visible as text, and only http(s) and mailto links become links. Anything it does not
 * know is kept as plain text.
 */

/** A piece of inline text. */
export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'strong'; children: Inline[] }
  | { kind: 'em'; children: Inline[] }
  | { kind: 'code'; text: string }
  | { kind: 'link'; href: string; children: Inline[] }
  | { kind: 'break' };

/** A block of the text. */
export type Block =
  | { kind: 'heading'; level: number; inlines: Inline[] }
  | { kind: 'paragraph'; inlines: Inline[] }
  | { kind: 'list'; ordered: boolean; start: number; items: Inline[][] }
  | { kind: 'quote'; blocks: Block[] }
  | { kind: 'code'; text: string }
  | { kind: 'rule' };

/** Links that may be followed: the web and e-mail, never `javascript:` or `data:`. */
export function safeHref(href: string): string | null {
  const trimmed = href.trim();
  return /^(https?:\/\/|mailto:)[^\s<>"]+$/i.test(trimmed) ? trimmed : null;
}

interface InlineRule {
  pattern: RegExp;
  build: (match: RegExpExecArray) => Inline;
}

const INLINE_RULES: InlineRule[] = [
  { pattern: /\\([\\`*_[\]()#+\-.!<>|~])/, build: (m) => ({ kind: 'text', text: m[1]! }) },
  { pattern: /`([^`]+)`/, build: (m) => ({ kind: 'code', text: m[1]! }) },
  {
    pattern: /\[([^\]]+)\]\(([^)\s]+)\)/,
    build: (m) => {
      const href = safeHref(m[2]!);
      return href ? { kind: 'link', href, children: parseInline(m[1]!) } : { kind: 'text', text: m[0] };
    },
  },
  { pattern: /\*\*(?=\S)([\s\S]+?)\*\*|__(?=\S)([\s\S]+?)__/, build: (m) => ({ kind: 'strong', children: parseInline(m[1] ?? m[2]!) }) },
  // An underscore inside a word (snake_case) is a letter, not emphasis.
  { pattern: /\*(?=\S)([^*]+?)\*|(?<![\p{L}\p{N}])_(?=\S)([^_]+?)_(?![\p{L}\p{N}])/u, build: (m) => ({ kind: 'em', children: parseInline(m[1] ?? m[2]!) }) },
  { pattern: / {2,}\n|\\\n/, build: () => ({ kind: 'break' }) },
];

/** Reads inline Markdown: the earliest construct wins, the text between stays text. */
export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  const pushText = (value: string) => {
    if (!value) return;
    const last = out[out.length - 1];
    if (last?.kind === 'text') last.text += value;
    else out.push({ kind: 'text', text: value });
  };
  let rest = text;
  while (rest.length > 0) {
    let best: { match: RegExpExecArray; rule: InlineRule } | null = null;
    for (const rule of INLINE_RULES) {
      const match = rule.pattern.exec(rest);
      if (match && (!best || match.index < best.match.index)) best = { match, rule };
    }
    if (!best) {
      pushText(rest);
      break;
    }
    pushText(rest.slice(0, best.match.index));
    const node = best.rule.build(best.match);
    if (node.kind === 'text') pushText(node.text);
    else out.push(node);
    rest = rest.slice(best.match.index + best.match[0].length);
  }
  return out;
}

const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const BULLET = /^\s*[-*+]\s+(.*)$/;
const ORDERED = /^\s*(\d{1,9})[.)]\s+(.*)$/;
const QUOTE = /^\s{0,3}>\s?(.*)$/;
const FENCE = /^\s{0,3}(```|~~~)/;
const RULE = /^\s{0,3}([-*_])(\s*\1){2,}\s*$/;

function startsBlock(line: string): boolean {
  return HEADING.test(line) || BULLET.test(line) || ORDERED.test(line) || QUOTE.test(line) || FENCE.test(line) || RULE.test(line);
}

/** Reads a Markdown text into blocks. */
export function parseMarkdown(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.trim() === '') {
      i++;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      const code: string[] = [];
      i++;
      while (i < lines.length && !lines[i]!.trimStart().startsWith(fence[1]!)) code.push(lines[i++]!);
      i++;
      blocks.push({ kind: 'code', text: code.join('\n') });
      continue;
    }
    if (RULE.test(line)) {
      blocks.push({ kind: 'rule' });
      i++;
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      blocks.push({ kind: 'heading', level: heading[1]!.length, inlines: parseInline(heading[2]!) });
      i++;
      continue;
    }
    if (QUOTE.test(line)) {
      const quoted: string[] = [];
      while (i < lines.length && QUOTE.test(lines[i]!)) quoted.push(QUOTE.exec(lines[i++]!)![1]!);
      blocks.push({ kind: 'quote', blocks: parseMarkdown(quoted.join('\n')) });
      continue;
    }
    const ordered = ORDERED.test(line);
    if (ordered || BULLET.test(line)) {
      const pattern = ordered ? ORDERED : BULLET;
      const items: string[] = [];
      const start = ordered ? Number(ORDERED.exec(line)![1]) : 1;
      while (i < lines.length && lines[i]!.trim() !== '') {
        const item = pattern.exec(lines[i]!);
        if (item) items.push(item[ordered ? 2 : 1]!);
        else if (startsBlock(lines[i]!) && !BULLET.test(lines[i]!) && !ORDERED.test(lines[i]!)) break;
        // A nested item or a continuation line belongs to the item above.
        else if (items.length > 0) items[items.length - 1] += `\n${(BULLET.exec(lines[i]!)?.[1] ?? ORDERED.exec(lines[i]!)?.[2] ?? lines[i]!).trim()}`;
        i++;
      }
      blocks.push({ kind: 'list', ordered, start, items: items.map((item) => parseInline(item.replace(/\n/g, ' ')))});
      continue;
    }
    const paragraph: string[] = [];
    while (i < lines.length && lines[i]!.trim() !== '' && !startsBlock(lines[i]!)) paragraph.push(lines[i++]!);
    blocks.push({ kind: 'paragraph', inlines: parseInline(paragraph.join('\n').replace(/(?<! {2}|\\)\n/g, ' ')) });
  }
  return blocks;
}
