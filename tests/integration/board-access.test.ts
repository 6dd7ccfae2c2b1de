import WebSocket from 'ws';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import { boardDocName, cardTextType, proposalDocName, readBoard, replaceText, yjsServerUrl } from '../../shared/board-doc';
import type { TestServer } from '../helpers/server';
import { closeLiveBoard, eventually, liveBoard, ok, openBoard, participant, provider, recordDenials, startLiveBoard, storedDoc, synced, WAIT, type LiveBoard } from './board-helpers';

/** Tries an upgrade and resolves with the HTTP status and code it was refused with (101 when accepted). */
function upgrade(url: string, headers: Record<string, string> = {}): Promise<{ status: number; code: string | null }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.on('open', () => {
      ws.close();
      resolve({ status: 101, code: null });
    });
    ws.on('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, code: (JSON.parse(body) as { code: string }).code }));
    });
    ws.on('error', (error) => {
      if (!String(error.message).includes('Unexpected server response')) reject(error);
    });
  });
}

describe('who may open and write the board', { timeout: 90_000 }, () => {
  let server: TestServer;
  let live: LiveBoard;
  const providers: WebsocketProvider[] = [];
  beforeEach(async () => {
    ({ server, live } = await startLiveBoard());
  });
  afterEach(() => closeLiveBoard(server, providers));

  const url = (docName: string, query: string) => `${yjsServerUrl(server.url)}/${docName}?${query}`;

  it('refuses connections without credentials, with unknown ones, or for another workshop, before any WebSocket exists', async () => {
    const board = boardDocName(live.workshop.id);
    const other = await liveBoard(server);
    const alice = await participant(server, live);
    expect(await upgrade(url(board, ''))).toEqual({ status: 401, code: 'unauthorized' });
    expect(await upgrade(url(board, 'token=0123456789abcdefghijklmnop'))).toEqual({ status: 401, code: 'unauthorized' });
    expect(await upgrade(url(board, `role=facilitator&secret=${other.workshop.facilitatorSecret}`))).toEqual({ status: 403, code: 'forbidden' });
    expect(await upgrade(url(board, `role=projection&secret=${live.workshop.facilitatorSecret}`))).toEqual({ status: 403, code: 'forbidden' });
    expect(await upgrade(url(boardDocName(other.workshop.id), `token=${alice.token}`))).toEqual({ status: 404, code: 'not_found' });
    expect(await upgrade(url(proposalDocName(live.workshop.id, 'no-such-proposal'), `token=${alice.token}`))).toEqual({ status: 404, code: 'not_found' });
    expect(await upgrade(url(board, `token=${alice.token}`), { Origin: 'https://elsewhere.example' })).toEqual({ status: 403, code: 'origin_not_allowed' });
    expect(await upgrade(url(board, `token=${alice.token}`), { Origin: server.url })).toEqual({ status: 101, code: null });
    expect(await upgrade(url(board, `role=projection&secret=${live.workshop.projectionSecret}`))).toEqual({ status: 101, code: null });
  });

  it('the projection reads the board but its edits reach neither the others nor the store', async () => {
    const alice = await participant(server, live);
    const aliceBoard = await openBoard(server, live, alice.credentials);
    const screen = await openBoard(server, live, live.projection);
    providers.push(aliceBoard, screen);
    const { cardId } = await ok(alice.socket, 'board:card:add', { columnId: readBoard(aliceBoard.doc).columns[0]!.id, text: 'Visible à l’écran' });
    await eventually(() => readBoard(screen.doc).cards.length === 1, WAIT, 'the card on the projection');

    const denied = recordDenials(screen);
    replaceText(cardTextType(screen.doc, cardId)!, 'Modifié par l’écran');
    await eventually(() => denied.includes('read-only'), WAIT, 'the read-only notice');
    replaceText(cardTextType(aliceBoard.doc, cardId)!, 'Visible à l’écran, complété');
    await eventually(() => readBoard(screen.doc).cards[0]?.text.includes('complété') === true, WAIT, 'a later edit at the projection');
    expect(readBoard(aliceBoard.doc).cards[0]!.text).toBe('Visible à l’écran, complété');
    expect(readBoard(storedDoc(server, boardDocName(live.workshop.id))).cards[0]!.text).toBe('Visible à l’écran, complété');
  });

  it('on a locked board a participant’s edit never reaches the others nor the store, the facilitator still writes, and unlocking restores writing', async () => {
    const [alice, bob] = [await participant(server, live), await participant(server, live)];
    const [aliceBoard, bobBoard, staffBoard] = [
      await openBoard(server, live, alice.credentials),
      await openBoard(server, live, bob.credentials),
      await openBoard(server, live, live.staff),
    ];
    providers.push(aliceBoard, bobBoard, staffBoard);
    const { cardId } = await ok(alice.socket, 'board:card:add', { columnId: readBoard(aliceBoard.doc).columns[0]!.id, text: 'Avant le verrou' });
    await eventually(() => readBoard(bobBoard.doc).cards.length === 1, WAIT, 'the card at Bob');

    const locked = await ok(live.facilitator, 'board:lock', { locked: true });
    expect(locked.state.locked).toBe(true);
    const denied = recordDenials(aliceBoard);
    replaceText(cardTextType(aliceBoard.doc, cardId)!, 'Pendant le verrou');
    await eventually(() => denied.includes('read-only'), WAIT, 'the read-only notice to Alice');
    replaceText(cardTextType(staffBoard.doc, cardId)!, 'Avant le verrou (relu)');
    await eventually(() => readBoard(bobBoard.doc).cards[0]?.text === 'Avant le verrou (relu)', WAIT, 'the facilitator’s edit at Bob');
    expect(readBoard(storedDoc(server, boardDocName(live.workshop.id))).cards[0]!.text).toBe('Avant le verrou (relu)');

    await ok(live.facilitator, 'board:lock', { locked: false });
    await new Promise((r) => setTimeout(r, 100));
    const fresh = provider(server, boardDocName(live.workshop.id), alice.credentials);
    providers.push(fresh);
    await synced(fresh);
    await eventually(() => readBoard(fresh.doc).cards.length === 1, WAIT, 'the card in a fresh tab');
    replaceText(cardTextType(fresh.doc, cardId)!, 'Après le verrou');
    await eventually(() => readBoard(bobBoard.doc).cards[0]?.text === 'Après le verrou', WAIT, 'the edit after unlocking at Bob');
  });

  it('a closed workshop’s board is read-only for everyone, facilitator included', async () => {
    const alice = await participant(server, live);
    const [aliceBoard, staffBoard] = [await openBoard(server, live, alice.credentials), await openBoard(server, live, live.staff)];
    providers.push(aliceBoard, staffBoard);
    const { cardId } = await ok(alice.socket, 'board:card:add', { columnId: readBoard(aliceBoard.doc).columns[0]!.id, text: 'Dernière carte' });
    await eventually(() => readBoard(staffBoard.doc).cards.length === 1, WAIT, 'the card at the facilitator');
    await ok(live.facilitator, 'workshop:close', {});
    const denied = recordDenials(staffBoard);
    await eventually(() => denied.includes('read-only'), WAIT, 'the facilitator told at once');
    replaceText(cardTextType(staffBoard.doc, cardId)!, 'Après la clôture');
    await new Promise((r) => setTimeout(r, 300));
    expect(readBoard(aliceBoard.doc).cards[0]!.text).toBe('Dernière carte');
    expect(readBoard(storedDoc(server, boardDocName(live.workshop.id))).cards[0]!.text).toBe('Dernière carte');
  });
});
