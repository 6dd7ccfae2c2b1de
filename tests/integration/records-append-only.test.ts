import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/client/croisee-client';
import { ORGANISER_TOKEN, startTestServer, type TestServer } from '../helpers/server';
import { joinAll, liveWorkshop, ok, waitForVersions } from './records-helpers';

describe('record versions are append-only', () => {
  let server: TestServer;
  let session: Awaited<ReturnType<typeof liveWorkshop>>;

  beforeAll(async () => {
    server = await startTestServer();
    session = await liveWorkshop(server);
    await joinAll(server, session.workshop.joinCode, ['concerned', 'concerned', 'concerned']);
  });

  afterAll(async () => {
    await server?.close();
  });

  const url = (path: string) => `${server.url}${path}`;
  const auth = (token = ORGANISER_TOKEN) => ({ authorization: `Bearer ${token}` });

  it('makes a new version at each push and leaves the earlier ones as they were', async () => {
    const a = await server.organiser.pushRecord(session.workshop.id, { summary: 'Premier résumé' });
    const v1 = await server.organiser.recordEntry(session.workshop.id, a.entry.version);
    await joinAll(server, session.workshop.joinCode, ['professional', 'professional', 'professional']);
    const b = await server.organiser.pushRecord(session.workshop.id, { summary: 'Second résumé' });
    expect([a.entry.version, b.entry.version]).toEqual([1, 2]);
    expect(a.entry.pushedBy).toBe('organiser');
    const again = await server.organiser.recordEntry(session.workshop.id, 1);
    const v2 = await server.organiser.recordEntry(session.workshop.id, 2);
    expect(again).toEqual(v1);
    expect(again.summary).toBe('Premier résumé');
    expect(again.attendance.total).toBe(3);
    expect(v2.summary).toBe('Second résumé');
    expect(v2.attendance.total).toBe(6);
  });

  it('keeps the previous summary when a push carries none', async () => {
    const c = await server.organiser.pushRecord(session.workshop.id);
    expect((await server.organiser.recordEntry(session.workshop.id, c.entry.version)).summary).toBe('Second résumé');
  });

  it('gives two simultaneous pushes two different version numbers', async () => {
    const before = (await server.organiser.recordVersions(session.workshop.id)).length;
    const pushes = await Promise.all([0, 1, 2, 3].map(() => server.organiser.pushRecord(session.workshop.id)));
    const numbers = pushes.map((p) => p.entry.version).sort((x, y) => x - y);
    expect(numbers).toEqual([before + 1, before + 2, before + 3, before + 4]);
  });

  it('answers PUT, PATCH and DELETE on versions with 405 and changes nothing', async () => {
    const before = await server.organiser.recordEntry(session.workshop.id, 1);
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      for (const path of [`/api/workshops/${session.workshop.id}/records/1`, `/api/workshops/${session.workshop.id}/records`, `/api/workshops/${session.workshop.id}/records/1/withdraw`]) {
        const res = await fetch(url(path), { method, headers: { ...auth(), 'content-type': 'application/json' }, body: JSON.stringify({ summary: 'réécrit' }) });
        expect(res.status, `${method} ${path}`).toBe(405);
        expect(res.headers.get('allow')).toBe('GET, POST');
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe('method_not_allowed');
      }
    }
    expect(await server.organiser.recordEntry(session.workshop.id, 1)).toEqual(before);
    expect((await server.organiser.recordVersions(session.workshop.id)).length).toBeGreaterThanOrEqual(7);
  });

  it('refuses in the database any change or removal of a stored version', () => {
    const db = server.store.db;
    expect(() => db.prepare("UPDATE record_entries SET summary = 'réécrit'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM record_entries').run()).toThrow(/append-only/);
  });

  it('withdraws a version once, keeping its content readable and marked', async () => {
    const before = await server.organiser.recordEntry(session.workshop.id, 2);
    const withdrawn = await server.organiser.withdrawRecord(session.workshop.id, 2, 'Doublon envoyé par erreur');
    expect(withdrawn.withdrawn?.reason).toBe('Doublon envoyé par erreur');
    const after = await server.organiser.recordEntry(session.workshop.id, 2);
    expect({ ...after, withdrawn: null }).toEqual(before);
    expect(after.withdrawn?.reason).toBe('Doublon envoyé par erreur');
    const second = await server.organiser.withdrawRecord(session.workshop.id, 2, 'encore').catch((e: unknown) => e);
    expect(second).toBeInstanceOf(ApiError);
    expect((second as ApiError).status).toBe(409);
    expect((second as ApiError).code).toBe('already_withdrawn');
    expect((await server.organiser.recordEntry(session.workshop.id, 2)).withdrawn?.reason).toBe('Doublon envoyé par erreur');
    expect(() => server.store.db.prepare('DELETE FROM record_withdrawals').run()).toThrow(/set once/);
  });

  it('lets the workshop’s facilitator read and push its record with the facilitator secret, and nothing more', async () => {
    const facilitator = server.client.withFacilitatorSecret(session.workshop.facilitatorSecret);
    const versions = await facilitator.recordVersions(session.workshop.id);
    expect(versions.length).toBeGreaterThan(0);
    expect((await facilitator.recordEntry(session.workshop.id, 1)).version).toBe(1);
    expect((await facilitator.pushRecord(session.workshop.id)).entry.pushedBy).toBe('facilitator');
    const refusals = await Promise.all([
      facilitator.withdrawRecord(session.workshop.id, 1).catch((e: ApiError) => e.status),
      facilitator.groupRecord(session.group.id).catch((e: ApiError) => e.status),
      facilitator.downloadGroupRecord(session.group.id, 'json').catch((e: ApiError) => e.status),
      facilitator.getWebhook(session.group.id).catch((e: ApiError) => e.status),
    ]);
    expect(refusals).toEqual([403, 403, 403, 403]);
  });

  it('refuses another workshop’s facilitator secret, the projection secret, and no credential', async () => {
    const other = await liveWorkshop(server, { group: session.group, title: 'Autre atelier' });
    const statuses = await Promise.all(
      [other.workshop.facilitatorSecret, session.workshop.projectionSecret].map((secret) =>
        server.client.withFacilitatorSecret(secret).recordVersions(session.workshop.id).catch((e: ApiError) => e.status),
      ),
    );
    expect(statuses).toEqual([403, 403]);
    expect((await fetch(url(`/api/workshops/${session.workshop.id}/records/1`))).status).toBe(401);
    expect((await fetch(url(`/api/workshops/${session.workshop.id}/records/1/export/md`), { headers: auth(other.workshop.facilitatorSecret) })).status).toBe(403);
  });

  it('answers a facilitator’s push over socket.io and refuses it from participants', async () => {
    const [participant] = await joinAll(server, session.workshop.joinCode, ['student']);
    const { request } = await import('../../shared/client/croisee-client');
    const refused = await request(participant!.socket, 'record:push', {});
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.code).toBe('forbidden');
    const tooLong = await request(session.facilitator, 'record:push', { summary: 'x'.repeat(9000) });
    expect(tooLong.ok).toBe(false);
    if (!tooLong.ok) expect(tooLong.code).toBe('bad_request');
    const pushed = await ok(session.facilitator, 'record:push', {});
    expect(pushed.entry.pushedBy).toBe('facilitator');
  });

  it('pushes a closed workshop once, whatever the number of close notifications', async () => {
    const count = (await server.organiser.recordVersions(session.workshop.id)).length;
    await ok(session.facilitator, 'workshop:close', {});
    await waitForVersions(server, session.workshop.id, count + 1);
    await server.services.records.pushIfClosed(session.workshop.id);
    await Promise.all([server.services.records.pushIfClosed(session.workshop.id), server.services.records.pushIfClosed(session.workshop.id)]);
    const versions = await server.organiser.recordVersions(session.workshop.id);
    expect(versions.filter((v) => v.pushedBy === 'workshop_closed')).toHaveLength(1);
    expect(versions).toHaveLength(count + 1);
  });
});
