import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import { readBoard } from '../../shared/board-doc';
import { request } from '../../shared/client/croisee-client';
import type { BoardDotsFrame, MyDotsView } from '../../shared/views-board';
import { connectAndWait, nextEvent, startTestServer, type TestServer } from '../helpers/server';
import { codeOf, eventually, liveBoard, ok, openBoard, participant, WAIT, type LiveBoard } from './board-helpers';

describe('dot-voting through the real server', { timeout: 90_000 }, () => {
  let server: TestServer;
  let live: LiveBoard;
  let board: WebsocketProvider;
  let cards: string[];
  beforeEach(async () => {
    server = await startTestServer();
    live = await liveBoard(server);
    board = await openBoard(server, live, live.staff);
    const column = readBoard(board.doc).columns[0]!.id;
    cards = [];
    for (let i = 0; i < 6; i++) cards.push((await ok(live.facilitator, 'board:card:add', { columnId: column, text: `Idée ${i}` })).cardId);
  });
  afterEach(async () => {
    board.destroy();
    await server.close();
  });

  it('the budget holds against many dots sent at once from several tabs, and replays count once', async () => {
    const alice = await participant(server, live, 'concerned');
    const tabs = [alice.socket];
    for (let i = 0; i < 3; i++) tabs.push((await connectAndWait(server, { role: 'participant', token: alice.token })).socket);
    const sends = tabs.flatMap((tab) => cards.flatMap((cardId) => [cardId, cardId].map((id) => request(tab, 'board:dot:place', { cardId: id }))));
    const answers = await Promise.all(sends);
    expect(answers.filter((a) => !a.ok).map((a) => (a.ok ? '' : a.code))).toSatisfy((codes: string[]) => codes.every((c) => c === 'dot_budget_exhausted'));
    const mine = await ok(alice.socket, 'board:sync', {});
    expect(mine.mine!.cardIds).toHaveLength(3);
    expect(mine.mine!.remaining).toBe(0);
    const counted = server.store.db.prepare('SELECT COUNT(*) AS n FROM board_dots').get() as { n: number };
    expect(counted.n).toBe(3);
    const totals = (await ok(live.facilitator, 'board:sync', {})).dots.totals;
    expect(Object.values(totals).reduce((a, b) => a + b, 0)).toBe(3);
  });

  it('everyone gets the totals, the facilitator the breakdown by standpoint, and each participant only their own dots', async () => {
    const voters = [];
    for (const standpoint of ['concerned', 'concerned', 'concerned', 'professional']) voters.push(await participant(server, live, standpoint));
    const observer = await participant(server, live, 'student');
    const { socket: screen } = await connectAndWait(server, { role: 'projection', workshopId: live.workshop.id, secret: live.workshop.projectionSecret });
    const done = (frame: BoardDotsFrame) => frame.totals[cards[0]!] === 4;
    const atFacilitator = nextEvent<BoardDotsFrame>(live.facilitator, 'board:dots', done, WAIT);
    const atScreen = nextEvent<BoardDotsFrame>(screen, 'board:dots', done, WAIT);
    const atObserver = nextEvent<BoardDotsFrame>(observer.socket, 'board:dots', done, WAIT);
    const secondTab = (await connectAndWait(server, { role: 'participant', token: voters[0]!.token })).socket;
    const ownOnOtherTab = nextEvent<MyDotsView>(secondTab, 'board:my-dots', (m) => m.cardIds.length === 1, WAIT);
    const othersMine: MyDotsView[] = [];
    observer.socket.on('board:my-dots', (m) => othersMine.push(m));

    for (const voter of voters) await ok(voter.socket, 'board:dot:place', { cardId: cards[0]! });
    expect(await atFacilitator).toEqual({
      totals: { [cards[0]!]: 4 },
      voters: 4,
      byStandpoint: { [cards[0]!]: [{ key: '_others', count: 4, mergedKeys: ['concerned', 'professional'] }] },
    });
    expect(await atScreen).toEqual({ totals: { [cards[0]!]: 4 }, voters: 4 });
    expect(await atObserver).toEqual({ totals: { [cards[0]!]: 4 }, voters: 4 });
    expect((await ownOnOtherTab).cardIds).toEqual([cards[0]]);
    // The observer was told their own dots once, at connection, and nothing about the others'.
    expect(othersMine.every((m) => m.cardIds.length === 0)).toBe(true);
  });

  it('deleting a card gives its dots back to their owners’ devices', async () => {
    const alice = await participant(server, live);
    await ok(alice.socket, 'board:dot:place', { cardId: cards[1]! });
    const refunded = nextEvent<MyDotsView>(alice.socket, 'board:my-dots', (m) => m.remaining === 3, WAIT);
    await ok(live.facilitator, 'board:card:delete', { cardId: cards[1]! });
    expect(await refunded).toEqual({ cardIds: [], budget: 3, remaining: 3 });
    await eventually(() => !readBoard(board.doc).cards.some((c) => c.id === cards[1]), WAIT, 'the card gone');
  });

  it('dots can be placed on a locked board, not on a card of another workshop, and not once the workshop is closed', async () => {
    const alice = await participant(server, live);
    await ok(live.facilitator, 'board:lock', { locked: true });
    await ok(alice.socket, 'board:dot:place', { cardId: cards[2]! });
    const other = await liveBoard(server);
    const bob = await participant(server, other);
    expect(await codeOf(bob.socket, 'board:dot:place', { cardId: cards[2]! })).toBe('card_not_found');
    await ok(live.facilitator, 'board:set-budget', { dotBudget: 5 });
    expect((await ok(alice.socket, 'board:sync', {})).mine).toEqual({ cardIds: [cards[2]], budget: 5, remaining: 4 });
    await ok(live.facilitator, 'workshop:close', {});
    expect(await codeOf(alice.socket, 'board:dot:remove', { cardId: cards[2]! })).toBe('workshop_not_live');
  });
});
