import type * as Y from 'yjs';

/**
 * Document module of the batch tests: an edit that keeps the document's worker busy for a while, so
 * that client updates queue up behind it, and a check that refuses any update writing the card
 * `forbidden`.
 */
export const edits = {
  stall(_doc: Y.Doc, args: unknown): null {
    const until = Date.now() + (args as { ms: number }).ms;
    while (Date.now() < until) {
      // busy: the worker answers nothing meanwhile
    }
    return null;
  },
};

export function checkTransaction(_docName: string, doc: Y.Doc): string | null {
  return doc.getMap('cards').has('forbidden') ? 'forbidden card' : null;
}
