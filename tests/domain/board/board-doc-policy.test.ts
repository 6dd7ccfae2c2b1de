import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BOARD_CARD_TEXTS, BOARD_CARDS, BOARD_COLUMNS, BOARD_LIMITS, cardTextType, PROPOSAL_BODY, readBoard, replaceText } from '../../../shared/board-doc';
import { boardEdits } from '../../../server/src/domain/board/board-doc-edits';
import { checkTransaction } from '../../../server/src/domain/board/board-doc-policy';

const BOARD = 'workshop/w1/board';
const PROPOSAL = 'workshop/w1/proposal/p1';

/** A board as the server writes it: two columns, one card in the first. */
function serverBoard(): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => boardEdits['board.seed'](doc, { columns: [{ id: 'col1', title: 'Formation' }, { id: 'col2', title: 'Participation' }] }));
  doc.transact(() => boardEdits['board.addCard'](doc, { cardId: 'card1', columnId: 'col1', text: 'Des stages croisés', signature: null }));
  return doc;
}

/**
 * Applies to `server` what a client that synced with it changed, the way a document worker does,
 * and answers the policy's first refusal (null: accepted).
 */
function verdict(server: Y.Doc, docName: string, change: (client: Y.Doc) => void): string | null {
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const before = Y.encodeStateVector(client);
  change(client);
  const update = Y.encodeStateAsUpdate(client, before);
  const reasons: string[] = [];
  const inspect = (transaction: Y.Transaction) => {
    const reason = checkTransaction(docName, server, transaction);
    if (reason) reasons.push(reason);
  };
  server.on('afterTransaction', inspect);
  Y.applyUpdate(server, update);
  server.off('afterTransaction', inspect);
  return reasons[0] ?? null;
}

describe('what a client may change in a board', () => {
  it('accepts typing, deleting and replacing text inside a card', () => {
    expect(verdict(serverBoard(), BOARD, (c) => cardTextType(c, 'card1')!.insert(3, 'nouveaux '))).toBeNull();
    expect(verdict(serverBoard(), BOARD, (c) => replaceText(cardTextType(c, 'card1')!, 'Stages'))).toBeNull();
  });

  it('accepts an edit to a card the server deleted meanwhile', () => {
    const server = serverBoard();
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    server.transact(() => boardEdits['board.deleteCard'](server, { cardId: 'card1' }));
    const before = Y.encodeStateVector(client);
    cardTextType(client, 'card1')!.insert(0, 'Encore ');
    const reasons: string[] = [];
    server.on('afterTransaction', (tr: Y.Transaction) => {
      const reason = checkTransaction(BOARD, server, tr);
      if (reason) reasons.push(reason);
    });
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client, before));
    expect(reasons).toEqual([]);
    expect(readBoard(server).cards).toEqual([]);
  });

  it('refuses creating, deleting, moving or signing a card through the document', () => {
    expect(verdict(serverBoard(), BOARD, (c) => c.getMap(BOARD_CARDS).set('forged', { columnId: 'col1', order: 'a', signature: null }))).toMatch(/only card texts/);
    expect(verdict(serverBoard(), BOARD, (c) => c.getMap(BOARD_CARDS).delete('card1'))).toMatch(/only card texts/);
    expect(verdict(serverBoard(), BOARD, (c) => c.getMap(BOARD_CARD_TEXTS).delete('card1'))).toMatch(/only card texts/);
    expect(verdict(serverBoard(), BOARD, (c) => c.getMap(BOARD_CARD_TEXTS).set('forged', new Y.Text('x')))).toMatch(/only card texts/);
    const moved = (c: Y.Doc) => c.getMap(BOARD_CARDS).set('card1', { columnId: 'col2', order: 'V', signature: 'Quelqu’un' });
    expect(verdict(serverBoard(), BOARD, moved)).toMatch(/only card texts/);
  });

  it('refuses touching columns or any other part of the document', () => {
    expect(verdict(serverBoard(), BOARD, (c) => c.getMap(BOARD_COLUMNS).set('col3', { title: 'x', order: 'z' }))).toMatch(/only card texts/);
    expect(verdict(serverBoard(), BOARD, (c) => c.getMap(BOARD_COLUMNS).delete('col1'))).toMatch(/only card texts/);
    expect(verdict(serverBoard(), BOARD, (c) => c.getText('elsewhere').insert(0, 'hello'))).toMatch(/only card texts/);
  });

  it('refuses formatting, embeds and attributes inside a card text', () => {
    expect(verdict(serverBoard(), BOARD, (c) => cardTextType(c, 'card1')!.format(0, 3, { bold: true }))).toMatch(/plain text/);
    expect(verdict(serverBoard(), BOARD, (c) => cardTextType(c, 'card1')!.insertEmbed(0, { image: 'x' }))).toMatch(/plain text/);
    expect(verdict(serverBoard(), BOARD, (c) => cardTextType(c, 'card1')!.setAttribute('owner', 'me'))).toMatch(/only card texts/);
  });

  it('refuses a card text longer than the limit', () => {
    const long = 'x'.repeat(BOARD_LIMITS.cardText);
    expect(verdict(serverBoard(), BOARD, (c) => cardTextType(c, 'card1')!.insert(0, long))).toMatch(/at most 500/);
  });
});

describe('what a client may change in a proposal', () => {
  function serverProposal(): Y.Doc {
    const doc = new Y.Doc();
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText('Un référent unique')]);
    doc.getXmlFragment(PROPOSAL_BODY).insert(0, [paragraph]);
    return doc;
  }

  it('accepts any edit inside the body: text, marks, new blocks, deletions', () => {
    const text = (c: Y.Doc) => (c.getXmlFragment(PROPOSAL_BODY).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    expect(verdict(serverProposal(), PROPOSAL, (c) => text(c).insert(3, 'seul ', { bold: {} }))).toBeNull();
    expect(verdict(serverProposal(), PROPOSAL, (c) => text(c).format(0, 2, { italic: {} }))).toBeNull();
    expect(verdict(serverProposal(), PROPOSAL, (c) => c.getXmlFragment(PROPOSAL_BODY).insert(1, [new Y.XmlElement('bulletList')]))).toBeNull();
    expect(verdict(serverProposal(), PROPOSAL, (c) => c.getXmlFragment(PROPOSAL_BODY).delete(0, 1))).toBeNull();
  });

  it('refuses anything outside the body', () => {
    expect(verdict(serverProposal(), PROPOSAL, (c) => c.getMap('meta').set('status', 'adopted'))).toMatch(/only the body/);
    expect(verdict(serverProposal(), PROPOSAL, (c) => c.getText('title').insert(0, 'x'))).toMatch(/only the body/);
  });

  it('refuses a document name it does not know', () => {
    expect(verdict(serverProposal(), 'workshop/w1/other', (c) => c.getMap('x').set('a', 1))).toMatch(/unknown kind/);
  });
});
