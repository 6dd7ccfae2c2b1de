import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CroiseeClient, request, type CroiseeSocket } from '../../shared/client/croisee-client';
import type { AttendanceView, SessionView } from '../../shared/views';
import { ORGANISER_TOKEN, eventually, nextEvent } from '../helpers/server';
import { spawnServer, type ServerProcess } from '../helpers/process';

describe('an acknowledged action survives kill -9 and a restart', () => {
  const processes: ServerProcess[] = [];
  const sockets: CroiseeSocket[] = [];
  afterEach(async () => {
    for (const s of sockets) s.disconnect();
    for (const p of processes) await p.stop();
  });

  it('groups, workshops, their state and participants are all there after a crash, and clients come back alone', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'croisee-restart-'));
    const env = { CROISEE_DB: path.join(dir, 'croisee.db'), CROISEE_ORGANISER_TOKEN: ORGANISER_TOKEN };
    const first = await spawnServer(env);
    processes.push(first);
    const organiser = new CroiseeClient(first.url, ORGANISER_TOKEN);
    const group = await organiser.createGroup({ name: 'Développement du pouvoir d’agir' });
    const workshop = await organiser.createWorkshop(group.id, { title: 'Agora n°1', date: '2023-10-18' });
    const facilitator = organiser.connect({ role: 'facilitator', workshopId: workshop.id, secret: workshop.facilitatorSecret }, { transports: ['websocket'] });
    sockets.push(facilitator);
    await nextEvent<SessionView>(facilitator, 'session');
    expect((await request(facilitator, 'workshop:open', {})).ok).toBe(true);
    const joined = await organiser.join({ code: workshop.joinCode, standpoint: 'elected', pseudonym: 'Camille' });
    const participant = organiser.connect({ role: 'participant', token: joined.participantToken }, { transports: ['websocket'] });
    sockets.push(participant);
    await nextEvent<SessionView>(participant, 'session');

    await first.kill9();

    // Same port so that the sockets' automatic reconnection finds the server again.
    const port = new URL(first.url).port;
    const second = await spawnServer({ ...env, PORT: port });
    processes.push(second);
    const again = new CroiseeClient(second.url, ORGANISER_TOKEN);
    const { group: g, workshops } = await again.getGroup(group.id);
    expect(g.name).toBe('Développement du pouvoir d’agir');
    expect(workshops).toHaveLength(1);
    expect(workshops[0]).toMatchObject({ id: workshop.id, state: 'live', joinCode: workshop.joinCode, date: '2023-10-18' });

    // Both sockets reconnect by themselves; the participant is the same person with the same standpoint.
    const session = await nextEvent<SessionView>(participant, 'session', () => true, 15_000);
    expect(session.self).toEqual({ pseudonym: 'Camille', standpoint: 'elected' });
    const attendance = await nextEvent<AttendanceView>(facilitator, 'attendance', (a) => a.present === 1, 15_000);
    expect(attendance.presentByStandpoint).toEqual({ elected: 1 });
    expect(attendance.attended).toBe(1);
    await eventually(() => facilitator.connected, 5000, 'facilitator reconnected');
  }, 60_000);
});
