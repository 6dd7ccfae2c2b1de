import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import { readBoard } from '../../shared/board-doc';
import type { MyCardsView } from '../../shared/views-board';
import { nextEvent, startTestServer, type TestServer } from '../helpers/server';
import { eventually, liveBoard, ok, openBoard, participant, WAIT, type LiveBoard } from './board-helpers';

describe('which cards are one’s own, told to that person’s devices only', { timeout: 90_000 }, () => {
  let server: TestServer;
  let live: LiveBoard;
  let board: WebsocketProvider;
  beforeEach(async () => {
    server = await startTestServer();
    live = await liveBoard(server);
    board = await openBoard(server, live, live.staff);
  });
  afterEach(async () => {
    board.destroy();
    await server.close();
  });

  /** A new connection of a participant, listening for `board:my-cards` from the start. */
  function connectListening(token: string) {
    const socket = server.connect({ role: 'participant', token });
    const heard: MyCardsView[] = [];
    socket.on('board:my-cards', (mine) => heard.push(mine));
    return { socket, heard, first: nextEvent<MyCardsView>(socket, 'board:my-cards', () => true, WAIT) };
  }

  it('a person’s other tab learns the card is theirs, a new connection is told at once, another person never hears of it', async () => {
    const column = readBoard(board.doc).columns[0]!.id;
    const alice = await participant(server, live, 'concerned');
    const bob = await participant(server, live, 'professional');
    const bobHeard: MyCardsView[] = [];
    bob.socket.on('board:my-cards', (mine) => bobHeard.push(mine));
    const otherTab = connectListening(alice.token);
    expect((await otherTab.first).cardIds).toEqual([]);

    const { cardId } = await ok(alice.socket, 'board:card:add', { columnId: column, text: 'Un accueil sans rendez-vous' });
    await ok(bob.socket, 'board:card:add', { columnId: column, text: 'Des horaires le samedi' });
    await eventually(() => otherTab.heard.at(-1)?.cardIds.includes(cardId) === true, WAIT, 'the other tab hears of the card');

    // A device connecting later (a reload, another tab) is told at connection.
    const later = connectListening(alice.token);
    expect((await later.first).cardIds).toEqual([cardId]);

    await ok(alice.socket, 'board:card:delete', { cardId });
    await eventually(() => otherTab.heard.at(-1)?.cardIds.length === 0, WAIT, 'the other tab hears the card is gone');
    // Bob was told only about his own card, never Alice's.
    expect(bobHeard.flatMap((mine) => mine.cardIds)).not.toContain(cardId);
    for (const s of [otherTab.socket, later.socket]) s.disconnect();
  });
});
