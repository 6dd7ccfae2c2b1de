import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { boardDocName, cardTextType, PROPOSAL_BODY, providerParams, readBoard, replaceText, yjsServerUrl, type DocumentCredentials } from '../../shared/board-doc';
import { CroiseeClient, request, type CroiseeSocket } from '../../shared/client/croisee-client';
import { spawnServer, type ServerProcess } from '../helpers/process';
import { nextEvent, ORGANISER_TOKEN, startTestServer, type TestServer } from '../helpers/server';
import { closeCodes, codeOf, eventually, liveBoard, ok, openBoard, participant, provider, synced, WAIT } from './board-helpers';

/** Writes a paragraph at the end of a proposal body, as the editor would. */
function writeParagraph(doc: Y.Doc, text: string): void {
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  const body = doc.getXmlFragment(PROPOSAL_BODY);
  body.insert(body.length, [paragraph]);
}

describe('the board and proposals survive', { timeout: 90_000 }, () => {
  const providers: WebsocketProvider[] = [];
  const servers: TestServer[] = [];
  const processes: ServerProcess[] = [];
  const sockets: CroiseeSocket[] = [];
  afterEach(async () => {
    for (const p of providers.splice(0)) p.destroy();
    for (const s of sockets.splice(0)) s.disconnect();
    for (const s of servers.splice(0)) await s.close();
    for (const p of processes.splice(0)) await p.stop();
  });

  it('a restart on the same database: cards, texts, dots and proposal texts are all there', async () => {
    const first = await startTestServer();
    servers.push(first);
    const live = await liveBoard(first);
    const alice = await participant(first, live, 'concerned');
    const board = await openBoard(first, live, alice.credentials);
    providers.push(board);
    const { cardId } = await ok(alice.socket, 'board:card:add', { columnId: readBoard(board.doc).columns[1]!.id, text: 'Un comité' });
    replaceText(cardTextType(board.doc, cardId)!, 'Un comité des personnes accompagnées');
    await ok(alice.socket, 'board:dot:place', { cardId });
    const { proposal } = await ok(alice.socket, 'proposal:create', { title: 'Participation' });
    const text = provider(first, proposal.docName, alice.credentials);
    providers.push(text);
    await synced(text);
    writeParagraph(text.doc, 'Créer un comité dans chaque territoire.');
    const watcher = await openBoard(first, live, live.staff);
    providers.push(watcher);
    await eventually(() => readBoard(watcher.doc).cards[0]?.text === 'Un comité des personnes accompagnées', WAIT, 'the edit relayed');
    await eventually(async () => (await first.services.proposals.texts(live.workshop.id))[0]?.plainText === 'Créer un comité dans chaque territoire.', WAIT, 'the proposal text');
    for (const p of providers.splice(0)) p.destroy();
    await first.close();
    servers.splice(0);

    const second = await startTestServer({ dbFile: first.dbFile });
    servers.push(second);
    const again = await openBoard(second, live, alice.credentials);
    providers.push(again);
    expect(readBoard(again.doc).cards.map((c) => c.text)).toEqual(['Un comité des personnes accompagnées']);
    expect(readBoard(again.doc).columns).toHaveLength(4);
    expect((await second.services.board.dotsFrames(live.workshop.id)).public.totals).toEqual({ [cardId]: 1 });
    const [texts] = await second.services.proposals.texts(live.workshop.id);
    expect(texts).toMatchObject({ title: 'Participation', markdown: 'Créer un comité dans chaque territoire.' });
  });

  it('kill -9: what another client has received is there after the restart', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'croisee-board-crash-'));
    const env = { CROISEE_DB: path.join(dir, 'croisee.db'), CROISEE_ORGANISER_TOKEN: ORGANISER_TOKEN };
    const first = await spawnServer(env);
    processes.push(first);
    const api = new CroiseeClient(first.url, ORGANISER_TOKEN);
    const group = await api.createGroup({ name: 'Attractivité des métiers' });
    const workshop = await api.createWorkshop(group.id, { title: 'Tableau partagé' });
    const facilitator = api.connect({ role: 'facilitator', workshopId: workshop.id, secret: workshop.facilitatorSecret }, { transports: ['websocket'] });
    sockets.push(facilitator);
    await nextEvent(facilitator, 'session', () => true, WAIT);
    await request(facilitator, 'workshop:open', {});
    const staff: DocumentCredentials = { role: 'facilitator', secret: workshop.facilitatorSecret };
    const open = (url: string, docName: string, doc = new Y.Doc()) => {
      const p = new WebsocketProvider(yjsServerUrl(url), docName, doc, {
        params: providerParams(staff),
        WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
        disableBc: true,
        connect: true,
      });
      providers.push(p);
      return p;
    };
    const writer = open(first.url, boardDocName(workshop.id));
    const reader = open(first.url, boardDocName(workshop.id));
    await Promise.all([synced(writer, 15_000), synced(reader, 15_000)]);
    await eventually(() => readBoard(writer.doc).columns.length === 4, 10_000, 'the columns');
    const added = await request(facilitator, 'board:card:add', { columnId: readBoard(writer.doc).columns[3]!.id, text: 'Revaloriser' });
    if (!added.ok) throw new Error(added.message);
    const created = await request(facilitator, 'proposal:create', { fromCardId: added.cardId });
    if (!created.ok) throw new Error(created.message);
    await eventually(() => readBoard(writer.doc).cards.length === 1, WAIT, 'the card at the writer');
    replaceText(cardTextType(writer.doc, added.cardId)!, 'Revaloriser les salaires du social');
    await eventually(() => readBoard(reader.doc).cards[0]?.text === 'Revaloriser les salaires du social', WAIT, 'the edit at the reader');

    await first.kill9();
    for (const p of providers.splice(0)) p.destroy();
    for (const s of sockets.splice(0)) s.disconnect();

    const second = await spawnServer(env);
    processes.push(second);
    const back = open(second.url, boardDocName(workshop.id));
    await synced(back, 15_000);
    expect(readBoard(back.doc).cards.map((c) => c.text)).toEqual(['Revaloriser les salaires du social']);
    const text = open(second.url, created.proposal.docName);
    await synced(text, 15_000);
    expect(text.doc.getXmlFragment(PROPOSAL_BODY).toString()).toBe('<paragraph>Revaloriser</paragraph>');
  });

  it('a board whose stored content cannot be read refuses connections and commands, and is never replaced by an empty one', async () => {
    const server = await startTestServer();
    servers.push(server);
    const live = await liveBoard(server);
    const alice = await participant(server, live);
    const first = await openBoard(server, live, alice.credentials);
    const { cardId } = await ok(alice.socket, 'board:card:add', { columnId: readBoard(first.doc).columns[0]!.id, text: 'Déjà là' });
    await eventually(() => readBoard(first.doc).cards.length === 1, WAIT, 'the card');
    first.destroy();
    // The last client left: the document is stored and unloaded, so the next connection loads it.
    await eventually(() => server.yjs.stats().documents === 0, WAIT, 'the board unloaded');

    server.store.db.exec('ALTER TABLE yjs_updates RENAME TO yjs_updates_away');
    const refused = provider(server, boardDocName(live.workshop.id), alice.credentials);
    providers.push(refused);
    const codes = closeCodes(refused);
    await eventually(() => codes.includes(4500), WAIT, 'the connection refused with 4500');
    expect(refused.synced).toBe(false);
    expect(await codeOf(alice.socket, 'board:card:move', { cardId, columnId: readBoard(first.doc).columns[1]!.id, afterCardId: null })).toBe('board_unavailable');

    server.store.db.exec('ALTER TABLE yjs_updates_away RENAME TO yjs_updates');
    await synced(refused, WAIT);
    expect(readBoard(refused.doc).cards.map((c) => ({ id: c.id, text: c.text }))).toEqual([{ id: cardId, text: 'Déjà là' }]);
  });
});
