import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { request } from '../../shared/client/croisee-client';
import type { PollResultsFrame } from '../../shared/views-polls';
import { startTestServer, type TestServer } from '../helpers/server';
import { clientId, liveWorkshop, openPoll, participant, readDatabase, seen } from './polls-helpers';

describe('secret ballot: nothing ties a choice to a participant', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    await server.close();
  });

  it('after close the database holds the counts and no link between a participant and a ballot, not even in its files’ bytes', async () => {
    const { workshop, facilitator, projectionLog } = await liveWorkshop(server);
    const itemId = await openPoll(facilitator, { kind: 'single', question: 'Quel thème ?', choices: ['Logement', 'Santé', 'Emploi'] });
    const people = await Promise.all(
      ['concerned', 'concerned', 'concerned', 'professional', 'professional', 'professional', 'elected'].map((s) => participant(server, workshop.joinCode, s)),
    );
    const ballotIds: string[] = [];
    for (const [i, p] of people.entries()) {
      const ballotId = clientId();
      ballotIds.push(ballotId);
      expect((await request(p.socket, 'poll:vote', { itemId, ballotId, choices: [i % 3] })).ok).toBe(true);
    }
    const whileOpen = readDatabase(server.dbFile, (db) => db.prepare('SELECT COUNT(*) AS n FROM poll_ballots WHERE poll_id = ?').get(itemId));
    expect(whileOpen).toEqual({ n: 7 });

    expect((await request(facilitator, 'agenda:close', { itemId })).ok).toBe(true);

    const stored = readDatabase(server.dbFile, (db) => ({
      ballots: db.prepare('SELECT COUNT(*) AS n FROM poll_ballots').get(),
      ballotIds: db.prepare('SELECT COUNT(*) AS n FROM poll_ballot_ids').get(),
      counts: db.prepare('SELECT standpoint, choice, count FROM poll_counts WHERE poll_id = ? ORDER BY standpoint, choice').all(itemId),
      turnout: db.prepare('SELECT standpoint, ballots FROM poll_turnout WHERE poll_id = ? ORDER BY standpoint').all(itemId),
      // Every column of every poll table, as text: no participant id may appear in any of them.
      pollTables: (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND (name LIKE 'poll%' OR name = 'agenda_items')").all() as Array<{ name: string }>).map(
        ({ name }) => JSON.stringify(db.prepare(`SELECT * FROM ${name}`).all()),
      ),
    }));
    expect(stored.ballots).toEqual({ n: 0 });
    expect(stored.ballotIds).toEqual({ n: 0 });
    expect(stored.counts).toEqual([
      { standpoint: '_others', choice: 0, count: 2 },
      { standpoint: '_others', choice: 1, count: 1 },
      { standpoint: '_others', choice: 2, count: 1 },
      { standpoint: 'concerned', choice: 0, count: 1 },
      { standpoint: 'concerned', choice: 1, count: 1 },
      { standpoint: 'concerned', choice: 2, count: 1 },
    ]);
    expect(stored.turnout).toEqual([
      { standpoint: '_others', ballots: 4 },
      { standpoint: 'concerned', ballots: 3 },
    ]);
    for (const table of stored.pollTables) for (const p of people) expect(table).not.toContain(p.id);

    // The bytes of the database and its write-ahead log no longer hold a ballot row.
    const bytes = Buffer.concat([server.dbFile, `${server.dbFile}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f)));
    for (const ballotId of ballotIds) expect(bytes.includes(Buffer.from(ballotId))).toBe(false);

    const final = await seen<PollResultsFrame>(projectionLog, 'poll:results', (f) => f.state === 'closed');
    expect(final.results?.choices.map((c) => c.count)).toEqual([3, 2, 2]);
    expect(final.turnout).toEqual({ ballots: 7, present: 7 });
  });

  it('no payload a participant receives carries another participant’s id or pseudonym', async () => {
    const { workshop, facilitator } = await liveWorkshop(server);
    const people = await Promise.all(
      ['Zéphyrine', 'Anatole', 'Bérénice', 'Casimir', 'Domitille', 'Eudoxie'].map((pseudonym, i) =>
        participant(server, workshop.joinCode, i < 3 ? 'concerned' : i < 5 ? 'professional' : null, pseudonym),
      ),
    );
    const acks: Array<{ owner: string; payload: unknown }> = [];
    const pollId = await openPoll(facilitator, { kind: 'yes_no', question: 'D’accord ?' });
    for (const [i, p] of people.entries()) {
      acks.push({ owner: p.id, payload: await request(p.socket, 'poll:vote', { itemId: pollId, ballotId: clientId(), choices: [i % 2] }) });
      acks.push({ owner: p.id, payload: await request(p.socket, 'agenda:sync', {}) });
    }
    await request(facilitator, 'agenda:close', { itemId: pollId });
    const cloudCreated = await request(facilitator, 'word-cloud:create', { cloud: { prompt: 'Un mot ?' } });
    const cloudId = cloudCreated.ok ? cloudCreated.item.id : '';
    await request(facilitator, 'agenda:open', { itemId: cloudId });
    for (const [i, p] of people.entries()) {
      acks.push({ owner: p.id, payload: await request(p.socket, 'word-cloud:add', { itemId: cloudId, entryId: clientId(), text: i % 2 ? 'serein' : 'motivé' }) });
    }
    await request(facilitator, 'agenda:close', { itemId: cloudId });
    await seen(people[0]!.log, 'word-cloud:results', (f: { state: string }) => f.state === 'closed', 5_000);

    for (const p of people) {
      const received = [...p.log.events.map((e) => e.payload), ...acks.filter((a) => a.owner === p.id).map((a) => a.payload)];
      expect(received.length).toBeGreaterThan(5);
      const text = JSON.stringify(received);
      for (const other of people) {
        if (other === p) continue;
        expect(text).not.toContain(other.id);
        expect(text).not.toContain(other.pseudonym!);
        expect(text).not.toContain(other.token);
      }
    }
  });
});
