import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { BOARD_CARD_TEXTS, BOARD_CARDS, BOARD_COLUMNS, boardDocName, cardTextType, readBoard, replaceText } from '../../shared/board-doc';
import type { TestServer } from '../helpers/server';
import { closeCodes, closeLiveBoard, codeOf, eventually, ok, openBoard, participant, startLiveBoard, storedDoc, WAIT, type LiveBoard } from './board-helpers';

describe('authority over the board', { timeout: 90_000 }, () => {
  let server: TestServer;
  let live: LiveBoard;
  const providers: WebsocketProvider[] = [];
  beforeEach(async () => {
    ({ server, live } = await startLiveBoard());
  });
  afterEach(() => closeLiveBoard(server, providers));

  async function open(credentials: Parameters<typeof openBoard>[2]) {
    const p = await openBoard(server, live, credentials);
    providers.push(p);
    return p;
  }

  it('refuses to delete someone else’s card, and lets its author or the facilitator do it', async () => {
    const [alice, bob] = [await participant(server, live), await participant(server, live)];
    const board = await open(alice.credentials);
    const column = readBoard(board.doc).columns[0]!.id;
    const { cardId: first } = await ok(alice.socket, 'board:card:add', { columnId: column, text: 'La carte d’Alice' });
    const { cardId: second } = await ok(alice.socket, 'board:card:add', { columnId: column, text: 'Une autre carte d’Alice' });
    expect(await codeOf(bob.socket, 'board:card:delete', { cardId: first })).toBe('not_card_author');
    expect(await codeOf(bob.socket, 'board:card:sign', { cardId: first, signed: true })).toBe('not_card_author');
    expect(await codeOf(live.facilitator, 'board:dot:place', { cardId: first })).toBe('forbidden');
    await ok(alice.socket, 'board:card:delete', { cardId: first });
    await ok(live.facilitator, 'board:card:delete', { cardId: second });
    await eventually(() => readBoard(board.doc).cards.length === 0, WAIT, 'both cards gone');
    expect(await codeOf(bob.socket, 'board:column:add', { title: 'Ma colonne' })).toBe('forbidden');
  });

  it('a client that deletes a card through the document is disconnected and nobody sees the deletion', async () => {
    const [alice, mallory] = [await participant(server, live), await participant(server, live)];
    const aliceBoard = await open(alice.credentials);
    const { cardId } = await ok(alice.socket, 'board:card:add', { columnId: readBoard(aliceBoard.doc).columns[0]!.id, text: 'À protéger' });
    const malloryBoard = await open(mallory.credentials);
    await eventually(() => readBoard(malloryBoard.doc).cards.length === 1, WAIT, 'the card at Mallory');
    const codes = closeCodes(malloryBoard);

    malloryBoard.doc.transact(() => {
      malloryBoard.doc.getMap(BOARD_CARDS).delete(cardId);
      malloryBoard.doc.getMap(BOARD_CARD_TEXTS).delete(cardId);
    });
    await eventually(() => codes.includes(4422), WAIT, 'Mallory disconnected with 4422');

    // The server goes on: Alice's later edit is relayed and stored, her card still there.
    replaceText(cardTextType(aliceBoard.doc, cardId)!, 'À protéger, toujours là');
    const check = await open(alice.credentials);
    await eventually(() => readBoard(check.doc).cards[0]?.text === 'À protéger, toujours là', WAIT, 'Alice’s card in a fresh tab');
    expect(readBoard(storedDoc(server, boardDocName(live.workshop.id))).cards.map((c) => c.id)).toEqual([cardId]);
  });

  it('a client that forges a card, moves one or renames a column through the document is refused the same way', async () => {
    const alice = await participant(server, live, 'concerned', 'Alice');
    const aliceBoard = await open(alice.credentials);
    const { cardId } = await ok(alice.socket, 'board:card:add', { columnId: readBoard(aliceBoard.doc).columns[0]!.id, text: 'Vraie carte' });
    const forgeries: Array<(doc: Y.Doc) => void> = [
      (doc) => {
        doc.getMap(BOARD_CARDS).set('forged-card-id', { columnId: readBoard(doc).columns[0]!.id, order: 'V', signature: 'Alice' });
        doc.getMap(BOARD_CARD_TEXTS).set('forged-card-id', new Y.Text('Fausse carte signée Alice'));
      },
      (doc) => doc.getMap(BOARD_CARDS).set(cardId, { ...readBoard(doc).cards[0]!, columnId: readBoard(doc).columns[1]!.id }),
      (doc) => doc.getMap(BOARD_COLUMNS).set(readBoard(doc).columns[0]!.id, { title: 'Renommée', order: 'V' }),
    ];
    for (const forge of forgeries) {
      const mallory = await participant(server, live, 'elected', 'Mallory');
      const board = await open(mallory.credentials);
      await eventually(() => readBoard(board.doc).cards.length === 1, WAIT, 'the board at Mallory');
      const codes = closeCodes(board);
      board.doc.transact(() => forge(board.doc));
      await eventually(() => codes.includes(4422), WAIT, 'the forger disconnected');
    }
    const stored = readBoard(storedDoc(server, boardDocName(live.workshop.id)));
    expect(stored.cards.map((c) => ({ id: c.id, text: c.text, signature: c.signature }))).toEqual([{ id: cardId, text: 'Vraie carte', signature: null }]);
    expect(stored.columns[0]!.title).toBe('Accompagnement social');
    expect(readBoard(aliceBoard.doc)).toEqual(stored);
  });
});
