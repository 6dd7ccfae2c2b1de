import zlib from 'node:zlib';

/**
 * A small reader of the PDFs Chromium prints (`page.pdf()`): it counts the pages and recovers the
 * text each page shows, through the fonts' ToUnicode maps, with nothing but node's zlib. Enough to
 * check what a printed document says; not a general PDF parser (no object streams, no encryption).
 */

interface PdfObject {
  dict: string;
  stream: Buffer | null;
}

function readObjects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const objects = new Map<number, PdfObject>();
  const header = /(\d+)\s+0\s+obj\b/g;
  for (let match = header.exec(text); match; match = header.exec(text)) {
    const start = match.index + match[0].length;
    const end = text.indexOf('endobj', start);
    if (end === -1) break;
    const body = text.slice(start, end);
    const streamAt = body.search(/\bstream\r?\n/);
    if (streamAt === -1) {
      objects.set(Number(match[1]), { dict: body, stream: null });
      continue;
    }
    const dict = body.slice(0, streamAt);
    const dataStart = start + streamAt + (/\bstream\r\n/.test(body.slice(streamAt, streamAt + 8)) ? 8 : 7);
    const length = /\/Length\s+(\d+)(?!\s+0\s+R)/.exec(dict);
    const dataEnd = length ? dataStart + Number(length[1]) : text.lastIndexOf('endstream', end);
    let data = pdf.subarray(dataStart, dataEnd);
    if (/\/FlateDecode/.test(dict)) data = zlib.inflateSync(data);
    objects.set(Number(match[1]), { dict, stream: data });
    header.lastIndex = end;
  }
  return objects;
}

function utf16(hex: string): string {
  let out = '';
  for (let i = 0; i + 4 <= hex.length; i += 4) out += String.fromCharCode(parseInt(hex.slice(i, i + 4), 16));
  return out;
}

/** A ToUnicode CMap: glyph code (hex, as written) → text. */
function readCMap(source: string): { width: number; map: Map<number, string> } {
  const map = new Map<number, string>();
  let width = 2;
  for (const block of source.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const pair of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>/g)) {
      width = pair[1]!.length / 2;
      map.set(parseInt(pair[1]!, 16), utf16(pair[2]!));
    }
  }
  for (const block of source.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const range of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(<[0-9a-fA-F]*>|\[[^\]]*\])/g)) {
      width = range[1]!.length / 2;
      const [low, high] = [parseInt(range[1]!, 16), parseInt(range[2]!, 16)];
      const target = range[3]!;
      if (target.startsWith('[')) {
        const list = [...target.matchAll(/<([0-9a-fA-F]*)>/g)].map((m) => utf16(m[1]!));
        for (let code = low; code <= high; code++) map.set(code, list[code - low] ?? '');
      } else {
        const first = utf16(target.slice(1, -1));
        const base = first.charCodeAt(first.length - 1);
        for (let code = low; code <= high; code++) map.set(code, first.slice(0, -1) + String.fromCharCode(base + code - low));
      }
    }
  }
  return { width, map };
}

function refsIn(source: string): number[] {
  return [...source.matchAll(/(\d+)\s+0\s+R/g)].map((m) => Number(m[1]));
}

/** The font resources a page names (`/F4` → its ToUnicode map). */
function pageFonts(page: string, objects: Map<number, PdfObject>): Map<string, ReturnType<typeof readCMap>> {
  let resources = page;
  const resourcesRef = /\/Resources\s+(\d+)\s+0\s+R/.exec(page);
  if (resourcesRef) resources = objects.get(Number(resourcesRef[1]))?.dict ?? '';
  let fontDict = /\/Font\s*<<([^<>]*)>>/.exec(resources)?.[1];
  const fontRef = /\/Font\s+(\d+)\s+0\s+R/.exec(resources);
  if (fontDict === undefined && fontRef) fontDict = objects.get(Number(fontRef[1]))?.dict;
  const fonts = new Map<string, ReturnType<typeof readCMap>>();
  for (const entry of (fontDict ?? '').matchAll(/\/([^\s/<>[\]()]+)\s+(\d+)\s+0\s+R/g)) {
    const font = objects.get(Number(entry[2]))?.dict ?? '';
    const toUnicode = /\/ToUnicode\s+(\d+)\s+0\s+R/.exec(font);
    const cmap = toUnicode ? objects.get(Number(toUnicode[1]))?.stream : null;
    if (cmap) fonts.set(entry[1]!, readCMap(cmap.toString('latin1')));
  }
  return fonts;
}

function decodeHex(hex: string, font: ReturnType<typeof readCMap> | undefined): string {
  const clean = hex.replace(/\s+/g, '');
  if (!font) return '';
  let out = '';
  const step = font.width * 2;
  for (let i = 0; i + step <= clean.length; i += step) out += font.map.get(parseInt(clean.slice(i, i + step), 16)) ?? '';
  return out;
}

/** The pages of a PDF printed by Chromium, each with the text it shows (text objects joined by spaces). */
export function pdfPages(pdf: Buffer): string[] {
  const objects = readObjects(pdf);
  const pages: string[] = [];
  for (const object of objects.values()) {
    if (!/\/Type\s*\/Page(?![a-zA-Z])/.test(object.dict)) continue;
    const fonts = pageFonts(object.dict, objects);
    const contents = /\/Contents\s+(\[[^\]]*\]|\d+\s+0\s+R)/.exec(object.dict)?.[1] ?? '';
    let text = '';
    for (const ref of refsIn(contents)) {
      const stream = objects.get(ref)?.stream?.toString('latin1') ?? '';
      let font: ReturnType<typeof readCMap> | undefined;
      const ops = /\/([^\s/<>[\]()]+)\s+[\d.]+\s+Tf|\[((?:[^\]\\]|\\.)*)\]\s*TJ|<([0-9a-fA-F\s]*)>\s*Tj|\bET\b/g;
      for (let op = ops.exec(stream); op; op = ops.exec(stream)) {
        if (op[1] !== undefined) font = fonts.get(op[1]);
        else if (op[2] !== undefined) text += [...op[2].matchAll(/<([0-9a-fA-F\s]*)>/g)].map((m) => decodeHex(m[1]!, font)).join('');
        else if (op[3] !== undefined) text += decodeHex(op[3], font);
        else text += ' ';
      }
    }
    pages.push(text.replace(/\s+/g, ' ').trim());
  }
  return pages;
}
