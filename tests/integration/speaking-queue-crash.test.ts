import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CroiseeClient, request, type CroiseeSocket } from '../../shared/client/croisee-client';
import type { ContributionsView, MyQueueView, PublicQueueView } from '../../shared/views-speaking-queue';
import { ORGANISER_TOKEN, nextEvent } from '../helpers/server';
import { spawnServer, type ServerProcess } from '../helpers/process';

describe('an acknowledged raise survives kill -9', () => {
  const processes: ServerProcess[] = [];
  const sockets: CroiseeSocket[] = [];
  afterEach(async () => {
    for (const s of sockets) s.disconnect();
    for (const p of processes) await p.stop();
  });

  it('tickets, the turn in progress and written contributions are all there after a crash, and the owner finds their ticket', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'croisee-queue-crash-'));
    const env = { CROISEE_DB: path.join(dir, 'croisee.db'), CROISEE_ORGANISER_TOKEN: ORGANISER_TOKEN };
    const first = await spawnServer(env);
    processes.push(first);
    const api = new CroiseeClient(first.url, ORGANISER_TOKEN);
    const group = await api.createGroup({ name: 'Accès aux droits' });
    const workshop = await api.createWorkshop(group.id, { title: 'Tours de parole' });
    const facilitator = api.connect({ role: 'facilitator', workshopId: workshop.id, secret: workshop.facilitatorSecret }, { transports: ['websocket'] });
    sockets.push(facilitator);
    await nextEvent(facilitator, 'session');
    await request(facilitator, 'workshop:open', {});
    const tokens: string[] = [];
    for (const standpoint of ['concerned', 'professional']) {
      const joined = await api.join({ code: workshop.joinCode, standpoint, pseudonym: null });
      tokens.push(joined.participantToken);
      const socket = api.connect({ role: 'participant', token: joined.participantToken }, { transports: ['websocket'] });
      sockets.push(socket);
      await nextEvent(socket, 'session');
      expect(await request(socket, 'queue:raise', { kind: 'question' })).toMatchObject({ ok: true });
      if (standpoint === 'concerned') {
        expect(await request(socket, 'contribution:submit', { text: 'Écrit avant la panne' })).toMatchObject({ ok: true });
      }
    }
    expect(await request(facilitator, 'queue:give', {})).toMatchObject({ ok: true, ticketNumber: 1 });

    await first.kill9();
    for (const s of sockets.splice(0)) s.disconnect();

    const second = await spawnServer(env);
    processes.push(second);
    const again = new CroiseeClient(second.url, ORGANISER_TOKEN);
    const owner = again.connect({ role: 'participant', token: tokens[1]! }, { transports: ['websocket'] });
    sockets.push(owner);
    const [queue, mine, contributions] = await Promise.all([
      nextEvent<PublicQueueView>(owner, 'queue:state', () => true, 10_000),
      nextEvent<MyQueueView>(owner, 'queue:mine', () => true, 10_000),
      nextEvent<ContributionsView>(owner, 'contributions:state', () => true, 10_000),
    ]);
    expect(queue.speaking).toMatchObject({ number: 1, kind: 'question' });
    expect(queue.waiting.map((t) => t.number)).toEqual([2]);
    expect(mine).toMatchObject({ ticket: { number: 2, status: 'waiting' }, position: 1 });
    expect(contributions.items.map((c) => c.text)).toEqual(['Écrit avant la panne']);
  }, 60_000);
});
