import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Voter } from '../../../server/src/domain/polls/poll-service';
import type { WordCloudDefinition } from '../../../shared/schemas/word-clouds';
import { clientId, serviceWorld, type ServiceWorld } from '../polls/service-fixtures';

const mood: WordCloudDefinition = { prompt: 'Quel mot représente le mieux votre état d’esprit en quittant ce webinaire ?', maxEntries: 3, results: 'live' };

describe('word clouds (domain, :memory: store)', () => {
  let world: ServiceWorld;
  beforeEach(async () => {
    world = await serviceWorld();
  });
  afterEach(() => world.close());

  async function openCloud(definition: WordCloudDefinition = mood) {
    const item = await world.services.wordClouds.create(world.workshop.id, definition);
    await world.services.agenda.open(world.workshop.id, item.id);
    return item.id;
  }

  const add = (voter: Voter, itemId: string, text: string) =>
    world.services.wordClouds.addEntry(voter, { itemId, entryId: clientId(), text });

  it('spellings that differ by case, accents or French endings count as one word, shown in the most frequent spelling', async () => {
    const itemId = await openCloud();
    const texts = ['motivé', 'Motivée', 'motivée', 'MOTIVÉS', 'motivée', 'Pouvoir d’agir', "pouvoir  d'agir"];
    for (const text of texts) await add(await world.present('professional'), itemId, text);
    const results = (await world.services.wordClouds.resultsFrame(itemId, 'public'))!.results!;
    expect(results.words.map((w) => [w.display, w.count])).toEqual([
      ['motivée', 5],
      ['Pouvoir d’agir', 2],
    ]);
    expect(results.contributors).toBe(7);
  });

  it('a participant sends at most k entries, never the same word twice, and may take one back', async () => {
    const itemId = await openCloud({ ...mood, maxEntries: 2 });
    const voter = await world.present('student');
    await add(voter, itemId, 'curieux');
    await expect(add(voter, itemId, 'Curieuse')).rejects.toMatchObject({ code: 'duplicate_entry' });
    const two = await add(voter, itemId, 'confiant');
    expect(two.entries.map((e) => e.text)).toEqual(['curieux', 'confiant']);
    await expect(add(voter, itemId, 'serein')).rejects.toMatchObject({ code: 'entry_limit' });
    const after = await world.services.wordClouds.removeEntry(voter, itemId, two.entries[0]!.entryId);
    expect(after.entries.map((e) => e.text)).toEqual(['confiant']);
    await add(voter, itemId, 'serein');
    const results = (await world.services.wordClouds.resultsFrame(itemId, 'facilitator'))!.results!;
    expect(results.words.map((w) => w.display).sort()).toEqual(['confiant', 'serein']);
  });

  it('a resent entry id is stored once', async () => {
    const itemId = await openCloud();
    const voter = await world.present(null);
    const entryId = clientId();
    await world.services.wordClouds.addEntry(voter, { itemId, entryId, text: 'serein' });
    const again = await world.services.wordClouds.addEntry(voter, { itemId, entryId, text: 'serein' });
    expect(again.entries).toHaveLength(1);
    expect((await world.services.wordClouds.resultsFrame(itemId, 'facilitator'))!.results!.entries).toBe(1);
  });

  it('only participants present send entries, and only while the cloud is open', async () => {
    const item = await world.services.wordClouds.create(world.workshop.id, mood);
    const voter = await world.present('elected');
    await expect(add(voter, item.id, 'ravi')).rejects.toMatchObject({ code: 'activity_not_open' });
    await world.services.agenda.open(world.workshop.id, item.id);
    await expect(add(await world.absent('elected'), item.id, 'ravi')).rejects.toMatchObject({ code: 'not_present' });
    await world.services.agenda.close(world.workshop.id, item.id);
    await expect(add(voter, item.id, 'ravi')).rejects.toMatchObject({ code: 'activity_not_open' });
  });

  it('blocklisted entries stay off the cloud for participants and projection; the facilitator may let one through', async () => {
    const itemId = await openCloud();
    await add(await world.present('concerned'), itemId, 'connard');
    await add(await world.present('concerned'), itemId, 'écouté');
    const shown = (await world.services.wordClouds.resultsFrame(itemId, 'public'))!.results!;
    expect(shown.words.map((w) => w.display)).toEqual(['écouté']);
    expect(shown.blocked).toEqual([]);
    const facilitator = (await world.services.wordClouds.resultsFrame(itemId, 'facilitator'))!.results!;
    expect(facilitator.blocked.map((w) => w.display)).toEqual(['connard']);
    await world.services.wordClouds.setHidden(world.workshop.id, itemId, facilitator.blocked[0]!.key, false);
    const restored = (await world.services.wordClouds.resultsFrame(itemId, 'public'))!.results!;
    expect(restored.words.map((w) => w.display).sort()).toEqual(['connard', 'écouté']);
  });

  it('the facilitator hides a word live and restores it', async () => {
    const itemId = await openCloud();
    await add(await world.present('partner'), itemId, 'fatigué');
    await add(await world.present('partner'), itemId, 'inspirée');
    const key = (await world.services.wordClouds.resultsFrame(itemId, 'public'))!.results!.words.find((w) => w.display === 'fatigué')!.key;
    await world.services.wordClouds.setHidden(world.workshop.id, itemId, key, true);
    expect((await world.services.wordClouds.resultsFrame(itemId, 'public'))!.results!.words.map((w) => w.display)).toEqual(['inspirée']);
    expect((await world.services.wordClouds.resultsFrame(itemId, 'facilitator'))!.results!.hidden.map((w) => w.display)).toEqual(['fatigué']);
    await world.services.wordClouds.setHidden(world.workshop.id, itemId, key, false);
    expect((await world.services.wordClouds.resultsFrame(itemId, 'public'))!.results!.words).toHaveLength(2);
  });

  it('clouds by standpoint never show a group of fewer than three people, before and after closing', async () => {
    const itemId = await openCloud();
    for (const standpoint of ['professional', 'professional', 'professional', 'concerned', 'concerned', 'concerned', 'elected']) {
      await add(await world.present(standpoint), itemId, standpoint === 'elected' ? 'prudent' : 'motivé');
    }
    const live = (await world.services.wordClouds.resultsFrame(itemId, 'public'))!.results!;
    for (const group of live.byStandpoint) expect(group.contributors).toBeGreaterThanOrEqual(3);
    expect(live.byStandpoint.map((g) => g.key)).not.toContain('elected');
    expect(live.words.find((w) => w.display === 'prudent')?.byStandpoint.map((g) => g.key)).toEqual(['_others']);

    await world.services.agenda.close(world.workshop.id, itemId);
    const closed = (await world.services.wordClouds.resultsFrame(itemId, 'public'))!.results!;
    expect(closed.words.map((w) => [w.display, w.count])).toEqual(live.words.map((w) => [w.display, w.count]));
    expect(closed.byStandpoint.map((g) => [g.key, g.contributors, [...g.mergedKeys].sort()])).toEqual(
      live.byStandpoint.map((g) => [g.key, g.contributors, [...g.mergedKeys].sort()]),
    );
    // Once closed, a word's breakdown is at most as fine as the groups stored: still nobody alone.
    for (const word of closed.words) {
      for (const group of word.byStandpoint) expect(group.count >= 3 || word.byStandpoint.length === 1).toBe(true);
    }
    // Stored entries no longer name their author, and the lone elected official is stored merged.
    const rows = world.store.db.prepare('SELECT participant_id, standpoint FROM word_cloud_entries WHERE cloud_id = ?').all(itemId) as Array<{ participant_id: string | null; standpoint: string | null }>;
    expect(rows.every((r) => r.participant_id === null)).toBe(true);
    expect(rows.map((r) => r.standpoint)).not.toContain('elected');
  });

  it('results of an « on close » cloud stay hidden from participants and projection until it closes', async () => {
    const itemId = await openCloud({ ...mood, results: 'on_close' });
    await add(await world.present('volunteer'), itemId, 'heureux');
    expect((await world.services.wordClouds.resultsFrame(itemId, 'public'))!).toMatchObject({ contributors: 1, results: null });
    expect((await world.services.wordClouds.resultsFrame(itemId, 'facilitator'))!.results!.entries).toBe(1);
    await world.services.agenda.close(world.workshop.id, itemId);
    expect((await world.services.wordClouds.resultsFrame(itemId, 'public'))!.results!.entries).toBe(1);
  });
});
