import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AttendanceView, SessionView } from '../../shared/views';
import { request } from '../../shared/client/croisee-client';
import { connectAndWait, createWorkshop, eventually, joinAndConnect, nextEvent, startTestServer, type TestServer } from '../helpers/server';

describe('joining a workshop by code and live attendance', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    await server.close();
  });

  it('a participant joins with the code, a standpoint and no personal data, and the facilitator sees the count by standpoint', async () => {
    const workshop = await createWorkshop(server);
    const { socket: facilitator } = await connectAndWait(server, { role: 'facilitator', workshopId: workshop.id, secret: workshop.facilitatorSecret });
    const opened = await request(facilitator, 'workshop:open', {});
    expect(opened.ok).toBe(true);

    const seen = nextEvent<AttendanceView>(facilitator, 'attendance', (a) => a.present === 1);
    const { session } = await joinAndConnect(server, workshop.joinCode.toLowerCase(), 'concerned', 'Sophie');
    expect(session.role).toBe('participant');
    expect(session.self).toEqual({ pseudonym: 'Sophie', standpoint: 'concerned' });
    expect(session.workshop.state).toBe('live');
    const attendance = await seen;
    expect(attendance.presentByStandpoint).toEqual({ concerned: 1 });
    expect(attendance.attended).toBe(1);
  });

  it('several tabs of one participant count once, and attendance keeps those who left', async () => {
    const workshop = await createWorkshop(server);
    const { socket: projection } = await connectAndWait(server, { role: 'projection', workshopId: workshop.id, secret: workshop.projectionSecret });
    const first = await joinAndConnect(server, workshop.joinCode, 'professional');
    const { socket: secondTab } = await connectAndWait(server, { role: 'participant', token: first.token });
    const other = await joinAndConnect(server, workshop.joinCode, null);

    await eventually(async () => (await server.services.participants.attendance(workshop.id)).present === 2, 3000, 'two present');
    const both = await nextEvent<AttendanceView>(projection, 'attendance', (a) => a.present === 2);
    expect(both.presentByStandpoint).toEqual({ professional: 1, _undisclosed: 1 });

    first.socket.disconnect();
    // One tab still open: still present.
    await new Promise((r) => setTimeout(r, 150));
    expect((await server.services.participants.attendance(workshop.id)).present).toBe(2);

    secondTab.disconnect();
    const after = await nextEvent<AttendanceView>(projection, 'attendance', (a) => a.present === 1);
    expect(after.presentByStandpoint).toEqual({ _undisclosed: 1 });
    expect(after.attended).toBe(2);
    expect(after.attendedByStandpoint).toEqual({ professional: 1, _undisclosed: 1 });
    other.socket.disconnect();
  });

  it('reconnecting with the stored token is the same participant, not a new one', async () => {
    const workshop = await createWorkshop(server);
    const first = await joinAndConnect(server, workshop.joinCode, 'student', 'Léa');
    first.socket.disconnect();
    const again = await connectAndWait(server, { role: 'participant', token: first.token });
    expect(again.session.self).toEqual({ pseudonym: 'Léa', standpoint: 'student' });
    const attendance = await server.services.participants.attendance(workshop.id);
    expect(attendance.attended).toBe(1);
    expect(attendance.present).toBe(1);
  });

  it('a socket that loses its connection reconnects by itself and is counted present again', async () => {
    const workshop = await createWorkshop(server);
    const p = await joinAndConnect(server, workshop.joinCode, 'volunteer');
    // Cut the transport under the client, as a lost network would.
    (p.socket.io.engine as unknown as { close: () => void }).close();
    await nextEvent<SessionView>(p.socket, 'session', () => true, 10_000);
    await eventually(async () => (await server.services.participants.attendance(workshop.id)).present === 1, 3000, 'present again');
  });

  it('participants receive totals only, never the breakdown by standpoint', async () => {
    const workshop = await createWorkshop(server);
    const a = await joinAndConnect(server, workshop.joinCode, 'elected');
    const got = nextEvent<AttendanceView>(a.socket, 'attendance', (v) => v.present === 2, 6000);
    await joinAndConnect(server, workshop.joinCode, 'concerned');
    const view = await got;
    expect(view.presentByStandpoint).toEqual({});
    expect(view.attendedByStandpoint).toEqual({});
  });

  it('closing the workshop tells participants, and the code no longer admits anyone', async () => {
    const workshop = await createWorkshop(server);
    const { socket: facilitator } = await connectAndWait(server, { role: 'facilitator', workshopId: workshop.id, secret: workshop.facilitatorSecret });
    await request(facilitator, 'workshop:open', {});
    const p = await joinAndConnect(server, workshop.joinCode, 'partner');
    const told = nextEvent<{ state: string }>(p.socket, 'workshop:updated', (w) => w.state === 'closed');
    const closed = await request(facilitator, 'workshop:close', {});
    expect(closed.ok && closed.workshop.state).toBe('closed');
    await told;
    // Nobody is present in a closed workshop; attendance (émargement) keeps who came.
    const final = await server.services.participants.attendance(workshop.id);
    expect(final).toMatchObject({ present: 0, attended: 1, attendedByStandpoint: { partner: 1 } });
    await expect(server.client.join({ code: workshop.joinCode, standpoint: null })).rejects.toMatchObject({ code: 'workshop_closed', status: 410 });
    await expect(server.client.lookup(workshop.joinCode)).rejects.toMatchObject({ code: 'workshop_closed' });
    // Reopening a closed workshop is not a thing.
    const reopen = await request(facilitator, 'workshop:open', {});
    expect(reopen).toMatchObject({ ok: false, code: 'invalid_transition' });
  });

  it('an unknown code is refused with a named error', async () => {
    await expect(server.client.lookup('ZZZZZZ')).rejects.toMatchObject({ code: 'unknown_code', status: 404 });
    await expect(server.client.join({ code: 'ABC', standpoint: null })).rejects.toMatchObject({ code: 'bad_request', status: 400 });
  });

  it('join codes use no look-alike characters and are unique among open workshops', async () => {
    const group = await server.organiser.createGroup({ name: 'Attractivité des métiers' });
    const codes = new Set<string>();
    for (let i = 0; i < 40; i++) {
      const w = await server.organiser.createWorkshop(group.id, { title: `Atelier ${i}` });
      expect(w.joinCode).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{6}$/);
      codes.add(w.joinCode);
      expect(w.links.join).toBe(`${server.url}/j/${w.joinCode}`);
      expect(w.links.facilitator).toBe(`${server.url}/animer/${w.id}#${w.facilitatorSecret}`);
    }
    expect(codes.size).toBe(40);
  });
});
