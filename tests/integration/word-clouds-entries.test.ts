import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { request } from '../../shared/client/croisee-client';
import type { OwnEntriesView, WordCloudResultsFrame } from '../../shared/views-word-clouds';
import { startTestServer, type TestServer } from '../helpers/server';
import { clientId, liveWorkshop, openCloud, otherTab, participant, readDatabase, seen } from './polls-helpers';

const prompt = 'Quel mot représente le mieux votre état d’esprit en quittant ce webinaire ?';

describe('word clouds with the real server', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    await server.close();
  });

  it('entries from phones reach the projection grouped, in their most frequent spelling, by standpoint too', async () => {
    const { workshop, facilitator, projectionLog } = await liveWorkshop(server);
    const itemId = await openCloud(facilitator, { prompt });
    const words: Array<[string, string]> = [
      ['concerned', 'motivé'], ['concerned', 'Motivée'], ['concerned', 'motivée'],
      ['professional', 'MOTIVÉS'], ['professional', 'motivée'], ['professional', 'Pouvoir d’agir'],
      ['student', "pouvoir d'agir"],
    ];
    for (const [standpoint, text] of words) {
      const p = await participant(server, workshop.joinCode, standpoint);
      const ack = await request(p.socket, 'word-cloud:add', { itemId, entryId: clientId(), text });
      expect(ack.ok).toBe(true);
    }
    const frame = await seen<WordCloudResultsFrame>(projectionLog, 'word-cloud:results', (f) => f.results?.entries === 7);
    expect(frame.results?.words.map((w) => [w.display, w.count])).toEqual([
      ['motivée', 5],
      ['Pouvoir d’agir', 2],
    ]);
    expect(frame.contributors).toBe(7);
    expect(frame.results?.byStandpoint.map((g) => [g.key, g.contributors])).toEqual([
      ['concerned', 3],
      ['_others', 4],
    ]);
  });

  it('a blocklisted insult never reaches the projection; the facilitator hides and restores a word live', async () => {
    const { workshop, facilitator, facilitatorLog, projectionLog } = await liveWorkshop(server);
    const itemId = await openCloud(facilitator, { prompt });
    for (const text of ['connard', 'écouté', 'fatigué']) {
      const p = await participant(server, workshop.joinCode, 'volunteer');
      await request(p.socket, 'word-cloud:add', { itemId, entryId: clientId(), text });
    }
    const console_ = await seen<WordCloudResultsFrame>(facilitatorLog, 'word-cloud:results', (f) => f.results?.blockedCount === 1 && f.results.entries === 2);
    expect(console_.results?.blocked.map((w) => w.display)).toEqual(['connard']);
    const shown = await seen<WordCloudResultsFrame>(projectionLog, 'word-cloud:results', (f) => f.results?.entries === 2);
    expect(JSON.stringify(projectionLog.events)).not.toContain('connard');
    expect(shown.results?.blocked).toEqual([]);

    const tired = shown.results!.words.find((w) => w.display === 'fatigué')!;
    expect((await request(facilitator, 'word-cloud:hide', { itemId, key: tired.key })).ok).toBe(true);
    await seen<WordCloudResultsFrame>(projectionLog, 'word-cloud:results', (f) => f.results?.words.map((w) => w.display).join() === 'écouté');
    expect((await request(facilitator, 'word-cloud:restore', { itemId, key: tired.key })).ok).toBe(true);
    await seen<WordCloudResultsFrame>(projectionLog, 'word-cloud:results', (f) => f.results?.entries === 2 && f.results.words.length === 2);
  });

  it('a participant sends at most k entries; their tabs and a reconnection show their own entries', async () => {
    const { workshop, facilitator } = await liveWorkshop(server);
    const itemId = await openCloud(facilitator, { prompt, maxEntries: 2 });
    const p = await participant(server, workshop.joinCode, 'elected');
    const tab = await otherTab(server, p.token);
    const entryId = clientId();
    expect((await request(p.socket, 'word-cloud:add', { itemId, entryId, text: 'serein' })).ok).toBe(true);
    expect(await request(p.socket, 'word-cloud:add', { itemId, entryId, text: 'serein' })).toMatchObject({ ok: true, entries: [{ entryId, text: 'serein' }] });
    expect(await request(tab.socket, 'word-cloud:add', { itemId, entryId: clientId(), text: 'Sereine' })).toMatchObject({ ok: false, code: 'duplicate_entry' });
    expect((await request(tab.socket, 'word-cloud:add', { itemId, entryId: clientId(), text: 'curieux' })).ok).toBe(true);
    expect(await request(p.socket, 'word-cloud:add', { itemId, entryId: clientId(), text: 'ravi' })).toMatchObject({ ok: false, code: 'entry_limit' });
    expect(await request(p.socket, 'word-cloud:add', { itemId, entryId: clientId(), text: 'x'.repeat(41) })).toMatchObject({ ok: false, code: 'bad_request' });
    await seen<OwnEntriesView>(p.log, 'word-cloud:mine', (m) => m.entries.length === 2);

    p.socket.disconnect();
    const back = await otherTab(server, p.token);
    const mine = await seen<OwnEntriesView>(back.log, 'word-cloud:mine');
    expect(mine).toMatchObject({ itemId, maxEntries: 2, entries: [{ entryId, text: 'serein' }, { text: 'curieux' }] });
    const removed = await request(back.socket, 'word-cloud:remove', { itemId, entryId });
    expect(removed).toMatchObject({ ok: true, entries: [{ text: 'curieux' }] });
  });

  it('closing a cloud keeps the words and forgets who sent them', async () => {
    const { workshop, facilitator, projectionLog } = await liveWorkshop(server);
    const itemId = await openCloud(facilitator, { prompt });
    const people = await Promise.all(['concerned', 'concerned', 'concerned', 'partner'].map((s) => participant(server, workshop.joinCode, s)));
    for (const p of people) await request(p.socket, 'word-cloud:add', { itemId, entryId: clientId(), text: 'éclairé' });
    await request(facilitator, 'agenda:close', { itemId });
    const closed = await seen<WordCloudResultsFrame>(projectionLog, 'word-cloud:results', (f) => f.state === 'closed');
    expect(closed.results?.words.map((w) => [w.display, w.count])).toEqual([['éclairé', 4]]);
    const refused = await request(people[0]!.socket, 'word-cloud:add', { itemId, entryId: clientId(), text: 'autre' });
    expect(refused).toMatchObject({ ok: false, code: 'activity_not_open' });
    const rows = readDatabase(server.dbFile, (db) => db.prepare('SELECT * FROM word_cloud_entries WHERE cloud_id = ?').all(itemId));
    expect(rows).toHaveLength(4);
    const text = JSON.stringify(rows);
    for (const p of people) expect(text).not.toContain(p.id);
    expect(text).not.toContain('partner');
  });
});
