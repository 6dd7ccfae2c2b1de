import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import { boardDocName, PROPOSAL_BODY, readBoard } from '../../shared/board-doc';
import type { CroiseeSocket } from '../../shared/client/croisee-client';
import { connectAndWait, type TestServer } from '../helpers/server';
import { closeLiveBoard, eventually, ok, openBoard, participant, provider, startLiveBoard, storedDoc, synced, WAIT, type LiveBoard } from './board-helpers';

/** Every event a socket receives, as the JSON text that went over the wire. */
function recordPayloads(socket: CroiseeSocket): string[] {
  const seen: string[] = [];
  socket.onAny((event: string, ...args: unknown[]) => seen.push(`${event} ${JSON.stringify(args)}`));
  return seen;
}

describe('anonymity on the board and proposals', { timeout: 90_000 }, () => {
  let server: TestServer;
  let live: LiveBoard;
  const providers: WebsocketProvider[] = [];
  beforeEach(async () => {
    ({ server, live } = await startLiveBoard());
  });
  afterEach(() => closeLiveBoard(server, providers));

  it('no payload and no document carries another participant’s id, token, pseudonym or standpoint, except a signature its author chose', async () => {
    const observer = await participant(server, live, 'student', 'Olivia');
    const observed = recordPayloads(observer.socket);
    const { socket: screen } = await connectAndWait(server, { role: 'projection', workshopId: live.workshop.id, secret: live.workshop.projectionSecret });
    const projected = recordPayloads(screen);
    const board = await openBoard(server, live, observer.credentials);
    providers.push(board);

    const alice = await participant(server, live, 'concerned', 'Alice-Discrète');
    const bob = await participant(server, live, 'elected', 'Bob-Signataire');
    const column = readBoard(board.doc).columns[0]!.id;
    const { cardId: anonymous } = await ok(alice.socket, 'board:card:add', { columnId: column, text: 'Carte sans nom' });
    await ok(bob.socket, 'board:card:add', { columnId: column, text: 'Carte signée', signed: true });
    await ok(alice.socket, 'board:dot:place', { cardId: anonymous });
    await ok(bob.socket, 'board:dot:place', { cardId: anonymous });
    const { proposal } = await ok(alice.socket, 'proposal:create', { fromCardId: anonymous });
    await ok(bob.socket, 'proposal:support', { proposalId: proposal.id });
    const text = provider(server, proposal.docName, observer.credentials);
    providers.push(text);
    await synced(text);
    await eventually(() => readBoard(board.doc).cards.length === 2, WAIT, 'both cards at the observer');
    await eventually(() => observed.some((p) => p.startsWith('board:dots') && p.includes(':2')), WAIT, 'the dot totals at the observer');
    await eventually(() => observed.some((p) => p.startsWith('proposals') && p.includes('"supports":1')), WAIT, 'the support count at the observer');
    await eventually(() => projected.some((p) => p.startsWith('proposals') && p.includes('"supports":1')), WAIT, 'the support count on the projection');

    const people = server.store.db.prepare('SELECT id, pseudonym FROM participants').all() as Array<{ id: string; pseudonym: string }>;
    const others = people.filter((p) => p.pseudonym !== 'Olivia');
    const secrets = [...others.map((p) => p.id), alice.token, bob.token, observer.token, 'Alice-Discrète'];
    const boardContent = JSON.stringify(board.doc.toJSON());
    const proposalContent = text.doc.getXmlFragment(PROPOSAL_BODY).toString();
    for (const secret of secrets) {
      for (const payload of [...observed, ...projected]) expect(payload).not.toContain(secret);
      expect(boardContent).not.toContain(secret);
      expect(proposalContent).not.toContain(secret);
    }
    // Bob chose to sign: his pseudonym is on his card, and nowhere else.
    expect(readBoard(board.doc).cards.map((c) => c.signature).sort()).toEqual(['Bob-Signataire', null]);
    for (const payload of [...observed, ...projected]) expect(payload).not.toContain('Bob-Signataire');
    // Standpoints reach participants' devices in no board or proposal event.
    for (const payload of observed.filter((p) => p.startsWith('board:') || p.startsWith('proposal'))) {
      for (const standpoint of ['concerned', 'elected']) expect(payload).not.toContain(standpoint);
    }
    const stored = JSON.stringify(storedDoc(server, boardDocName(live.workshop.id)).toJSON());
    for (const secret of secrets) expect(stored).not.toContain(secret);
  });
});
