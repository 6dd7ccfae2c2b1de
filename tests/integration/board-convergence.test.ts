import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { boardDocName, cardTextType, DEFAULT_BOARD_COLUMNS, readBoard, replaceText } from '../../shared/board-doc';
import type { TestServer } from '../helpers/server';
import { closeLiveBoard, eventually, ok, openBoard, participant, startLiveBoard, storedDoc, WAIT, type LiveBoard } from './board-helpers';

describe('the shared board through the real server', { timeout: 90_000 }, () => {
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

  it('starts with the default themes as columns, in order', async () => {
    const alice = await participant(server, live);
    const board = await open(alice.credentials);
    expect(readBoard(board.doc).columns.map((c) => c.title)).toEqual(DEFAULT_BOARD_COLUMNS);
  });

  it('two clients see the same cards, texts, moves and deletions', async () => {
    const alice = await participant(server, live, 'concerned');
    const bob = await participant(server, live, 'professional');
    const [aliceBoard, bobBoard] = [await open(alice.credentials), await open(bob.credentials)];
    const [formation, accompagnement] = [readBoard(aliceBoard.doc).columns[2]!, readBoard(aliceBoard.doc).columns[0]!];

    const { cardId } = await ok(alice.socket, 'board:card:add', { columnId: formation.id, text: 'Des stages croisés' });
    await eventually(() => readBoard(bobBoard.doc).cards.some((c) => c.id === cardId), WAIT, 'the card at Bob');

    // Bob edits the text in place; Alice sees it.
    replaceText(cardTextType(bobBoard.doc, cardId)!, 'Des stages croisés entre écoles');
    await eventually(() => readBoard(aliceBoard.doc).cards[0]?.text === 'Des stages croisés entre écoles', WAIT, 'Bob’s edit at Alice');

    // Alice adds a second card first in the column; Bob moves the first one to another column.
    const { cardId: second } = await ok(alice.socket, 'board:card:add', { columnId: formation.id, text: 'Former ensemble', afterCardId: null });
    await ok(bob.socket, 'board:card:move', { cardId, columnId: accompagnement.id, afterCardId: null });
    const expected = [
      { id: cardId, columnId: accompagnement.id, text: 'Des stages croisés entre écoles' },
      { id: second, columnId: formation.id, text: 'Former ensemble' },
    ];
    const shape = (doc: Y.Doc) => readBoard(doc).cards.map(({ id, columnId, text }) => ({ id, columnId, text }));
    const same = (doc: Y.Doc) => JSON.stringify(shape(doc)) === JSON.stringify(expected);
    await eventually(() => same(aliceBoard.doc) && same(bobBoard.doc), WAIT, 'both boards alike');

    await ok(alice.socket, 'board:card:delete', { cardId: second });
    await eventually(() => readBoard(bobBoard.doc).cards.length === 1 && readBoard(aliceBoard.doc).cards.length === 1, WAIT, 'the deletion everywhere');
    expect(shape(bobBoard.doc)).toEqual([expected[0]]);
    expect(shape(storedDoc(server, boardDocName(live.workshop.id)))).toEqual([expected[0]]);
  });

  it('cards are anonymous unless their author signs them with a pseudonym', async () => {
    const alice = await participant(server, live, 'concerned', 'Alice');
    const board = await open(alice.credentials);
    const column = readBoard(board.doc).columns[0]!;
    const { cardId: anonymous } = await ok(alice.socket, 'board:card:add', { columnId: column.id, text: 'Sans nom' });
    const { cardId: signed } = await ok(alice.socket, 'board:card:add', { columnId: column.id, text: 'Avec mon nom', signed: true });
    await eventually(() => readBoard(board.doc).cards.length === 2, WAIT, 'both cards');
    const signatures = Object.fromEntries(readBoard(board.doc).cards.map((c) => [c.id, c.signature]));
    expect(signatures).toEqual({ [anonymous]: null, [signed]: 'Alice' });

    await ok(alice.socket, 'board:card:sign', { cardId: signed, signed: false });
    await eventually(() => readBoard(board.doc).cards.every((c) => c.signature === null), WAIT, 'the signature removed');
  });

  it('the facilitator adds, renames, moves and removes columns', async () => {
    const board = await open(live.staff);
    const { columnId } = await ok(live.facilitator, 'board:column:add', { title: 'Accès aux droits', afterColumnId: null });
    await eventually(() => readBoard(board.doc).columns[0]?.id === columnId, WAIT, 'the new first column');
    await ok(live.facilitator, 'board:column:rename', { columnId, title: 'Accès aux droits et logement' });
    const last = readBoard(board.doc).columns.at(-1)!;
    await ok(live.facilitator, 'board:column:move', { columnId, afterColumnId: last.id });
    await eventually(() => readBoard(board.doc).columns.at(-1)?.title === 'Accès aux droits et logement', WAIT, 'the column renamed and moved last');
    await ok(live.facilitator, 'board:column:delete', { columnId });
    await eventually(() => readBoard(board.doc).columns.map((c) => c.title).join('|') === DEFAULT_BOARD_COLUMNS.join('|'), WAIT, 'the column removed');
  });
});
