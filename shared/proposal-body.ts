import * as Y from 'yjs';

/**
 * A proposal's body in ProseMirror's JSON form, read from its Yjs document: what the server turns
 * into Markdown for the record and what the projection draws. No editor needed.
 */

export interface PmMark {
  type: string;
  attrs?: Record<string, unknown>;
}

export interface PmNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: PmNode[];
  text?: string;
  marks?: PmMark[];
}

/**
 * Reads a proposal's body as y-prosemirror writes it: each node an XmlElement named after its node
 * type (attributes = node attributes), text in XmlTexts whose formatting attributes are the marks
 * (`{ bold: {} }`, `{ link: { href } }`; a mark that may overlap itself is stored as `name--hash`).
 */
export function fragmentToProsemirror(fragment: Y.XmlFragment): PmNode {
  return { type: 'doc', content: fragment.toArray().flatMap(toNodes) };
}

function toNodes(item: Y.XmlElement | Y.XmlText | Y.XmlHook | Y.XmlFragment): PmNode[] {
  if (item instanceof Y.XmlText) {
    const delta = item.toDelta() as Array<{ insert: unknown; attributes?: Record<string, unknown> }>;
    return delta
      .filter((op): op is { insert: string; attributes?: Record<string, unknown> } => typeof op.insert === 'string' && op.insert !== '')
      .map((op) => {
        const marks = Object.entries(op.attributes ?? {}).map(([key, value]): PmMark => {
          const attrs = value !== null && typeof value === 'object' && Object.keys(value).length > 0 ? (value as Record<string, unknown>) : undefined;
          return attrs ? { type: key.split('--')[0]!, attrs } : { type: key.split('--')[0]! };
        });
        return marks.length > 0 ? { type: 'text', text: op.insert, marks } : { type: 'text', text: op.insert };
      });
  }
  if (item instanceof Y.XmlElement) {
    const attrs = item.getAttributes() as Record<string, unknown>;
    const content = item.toArray().flatMap(toNodes);
    return [{ type: item.nodeName, ...(Object.keys(attrs).length > 0 ? { attrs } : {}), ...(content.length > 0 ? { content } : {}) }];
  }
  return [];
}
