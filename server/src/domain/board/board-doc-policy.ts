import * as Y from 'yjs';
import { BOARD_CARD_TEXTS, BOARD_LIMITS, PROPOSAL_BODY } from '../../../../shared/board-doc';

/**
 * What a client may change through Yjs, checked on every transaction its update causes (see
 * `DocumentModule.checkTransaction`): on a board, the text inside the cards' Y.Texts, as plain text
 * within the length limit, and nothing else — cards, columns and signatures are the server's, changed
 * through socket.io commands that check who asks. On a proposal, anything inside the `body` fragment.
 *
 * The check reads the structs the transaction inserted (from its before/after state vectors) and those
 * it deleted (its delete set), before Yjs garbage-collects them, so its cost follows the update's size,
 * not the document's.
 */

// Yjs types are generic over their event type, which does not matter here.
type AnyType = Y.AbstractType<any>;

/** The structs a transaction added to the store, client by client. */
function* insertedStructs(doc: Y.Doc, transaction: Y.Transaction): Generator<Y.Item | Y.GC> {
  for (const [client, after] of transaction.afterState) {
    const before = transaction.beforeState.get(client) ?? 0;
    if (after <= before) continue;
    const structs = doc.store.clients.get(client) as Array<Y.Item | Y.GC> | undefined;
    if (!structs) continue;
    for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) {
      const struct = structs[i]!;
      if (struct.id.clock >= after) break;
      yield struct;
    }
  }
}

/** The items a transaction deleted (structs already garbage-collected carry nothing to check). */
function deletedItems(transaction: Y.Transaction): Y.Item[] {
  const items: Y.Item[] = [];
  Y.iterateDeletedStructs(transaction, transaction.deleteSet, (struct) => {
    if (struct instanceof Y.Item) items.push(struct);
  });
  return items;
}

function isCardText(doc: Y.Doc, type: AnyType | null): type is Y.Text {
  return type instanceof Y.Text && type._item !== null && type._item.parent === doc.share.get(BOARD_CARD_TEXTS);
}

/** Why a client's transaction on a board is refused, or null. */
export function checkBoardTransaction(doc: Y.Doc, transaction: Y.Transaction): string | null {
  for (const struct of insertedStructs(doc, transaction)) {
    if (!(struct instanceof Y.Item)) continue;
    if (!isCardText(doc, struct.parent as AnyType | null) || struct.parentSub !== null) return 'only card texts may be edited';
    if (!(struct.content instanceof Y.ContentString) && !(struct.content instanceof Y.ContentDeleted)) return 'card texts hold plain text only';
  }
  for (const item of deletedItems(transaction)) {
    if (!isCardText(doc, item.parent as AnyType | null)) return 'only card texts may be edited';
  }
  for (const type of transaction.changed.keys()) {
    if (isCardText(doc, type) && type.length > BOARD_LIMITS.cardText) return `a card text holds at most ${BOARD_LIMITS.cardText} characters`;
  }
  return null;
}

function rootOf(type: AnyType): AnyType {
  let current = type;
  while (current._item !== null) current = current._item.parent as AnyType;
  return current;
}

/** Why a client's transaction on a proposal is refused, or null. */
export function checkProposalTransaction(doc: Y.Doc, transaction: Y.Transaction): string | null {
  const body = doc.share.get(PROPOSAL_BODY);
  const inBody = (item: Y.Item) => {
    const parent = item.parent as AnyType | null;
    return parent !== null && body !== undefined && rootOf(parent) === body && !(parent === body && item.parentSub !== null);
  };
  for (const struct of insertedStructs(doc, transaction)) {
    if (!(struct instanceof Y.Item)) continue;
    if (!inBody(struct)) return `only the ${PROPOSAL_BODY} fragment may be edited`;
    if (struct.content instanceof Y.ContentDoc) return 'no sub-documents';
  }
  for (const item of deletedItems(transaction)) {
    if (!inBody(item)) return `only the ${PROPOSAL_BODY} fragment may be edited`;
  }
  return null;
}

/** Dispatches on the document name: `workshop/<id>/board` or `workshop/<id>/proposal/<id>`. */
export function checkTransaction(docName: string, doc: Y.Doc, transaction: Y.Transaction): string | null {
  if (/^workshop\/[^/]+\/board$/.test(docName)) return checkBoardTransaction(doc, transaction);
  if (/^workshop\/[^/]+\/proposal\/[^/]+$/.test(docName)) return checkProposalTransaction(doc, transaction);
  return 'unknown kind of document';
}
