import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CroiseeClient, request, type CroiseeSocket } from '../../shared/client/croisee-client';
import type { SessionView } from '../../shared/views';
import type { OwnBallotView, PollResultsFrame } from '../../shared/views-polls';
import { ORGANISER_TOKEN, eventually, nextEvent } from '../helpers/server';
import { spawnServer, type ServerProcess } from '../helpers/process';
import { clientId, record, seen } from './polls-helpers';

describe('an acknowledged ballot survives kill -9 and a restart', () => {
  const processes: ServerProcess[] = [];
  const sockets: CroiseeSocket[] = [];
  afterEach(async () => {
    for (const s of sockets) s.disconnect();
    for (const p of processes) await p.stop();
  });

  it('the open poll, every acknowledged ballot and each voter’s own ballot are back after a crash', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'croisee-polls-restart-'));
    const env = { CROISEE_DB: path.join(dir, 'croisee.db'), CROISEE_ORGANISER_TOKEN: ORGANISER_TOKEN };
    const first = await spawnServer(env);
    processes.push(first);
    const api = new CroiseeClient(first.url, ORGANISER_TOKEN);
    const group = await api.createGroup({ name: 'Accès aux droits' });
    const workshop = await api.createWorkshop(group.id, { title: 'Webinaire CLTS' });
    const facilitator = api.connect({ role: 'facilitator', workshopId: workshop.id, secret: workshop.facilitatorSecret }, { transports: ['websocket'] });
    sockets.push(facilitator);
    const facilitatorLog = record(facilitator);
    await nextEvent<SessionView>(facilitator, 'session');
    await request(facilitator, 'workshop:open', {});
    const created = await request(facilitator, 'poll:create', { poll: { kind: 'yes_no', question: 'D’accord ?' } });
    const itemId = created.ok ? created.item.id : '';
    await request(facilitator, 'agenda:open', { itemId });

    const voters = [];
    for (const [i, standpoint] of ['concerned', 'professional', 'student'].entries()) {
      const joined = await api.join({ code: workshop.joinCode, standpoint });
      const socket = api.connect({ role: 'participant', token: joined.participantToken }, { transports: ['websocket'] });
      sockets.push(socket);
      const log = record(socket);
      await nextEvent(socket, 'session');
      const ack = await request(socket, 'poll:vote', { itemId, ballotId: clientId(), choices: [i === 2 ? 1 : 0] });
      expect(ack.ok).toBe(true);
      voters.push({ socket, log });
    }

    await first.kill9();
    const second = await spawnServer({ ...env, PORT: new URL(first.url).port });
    processes.push(second);

    // Each socket comes back by itself: a second session on each.
    for (const v of voters) await eventually(() => v.log.of('session').length >= 2, 15_000, 'the participant reconnected');
    const own = await seen<OwnBallotView>(voters[2]!.log, 'poll:ballot', (b) => b.ballot !== null, 10_000);
    expect(own.ballot?.choices).toEqual([1]);
    const results = await seen<PollResultsFrame>(facilitatorLog, 'poll:results', (f) => f.turnout.present === 3 && f.results?.ballots === 3, 15_000);
    expect(results.results?.choices.map((c) => c.count)).toEqual([2, 1]);
    expect((await request(facilitator, 'agenda:close', { itemId })).ok).toBe(true);
  }, 60_000);
});
