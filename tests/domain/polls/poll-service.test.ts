import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PollDefinition } from '../../../shared/schemas/polls';
import { clientId, serviceWorld, type ServiceWorld } from './service-fixtures';

const yesNo: PollDefinition = { kind: 'yes_no', question: 'Ce webinaire vous a-t-il permis de mieux comprendre le CLTS ?', results: 'live' };
const single: PollDefinition = { kind: 'single', question: 'Quel thème ?', choices: ['Accès aux droits', 'Pouvoir d’agir', 'Métiers'], results: 'live' };

describe('polls (domain, :memory: store)', () => {
  let world: ServiceWorld;
  beforeEach(async () => {
    world = await serviceWorld();
  });
  afterEach(() => world.close());

  async function openPoll(definition: PollDefinition = yesNo) {
    const item = await world.services.polls.create(world.workshop.id, definition);
    await world.services.agenda.open(world.workshop.id, item.id);
    return item.id;
  }

  it('a participant has one ballot per poll: voting again changes it and the count stays one', async () => {
    const itemId = await openPoll(single);
    const voter = await world.present('concerned');
    await world.services.polls.vote(voter, { itemId, ballotId: clientId(), choices: [0] });
    const changed = await world.services.polls.vote(voter, { itemId, ballotId: clientId(), choices: [2] });
    expect(changed.ballot?.choices).toEqual([2]);
    const frame = await world.services.polls.resultsFrame(itemId, 'facilitator');
    expect(frame?.results?.ballots).toBe(1);
    expect(frame?.results?.choices.map((c) => c.count)).toEqual([0, 0, 1]);
  });

  it('a resent ballot id changes nothing, even after a later change of mind', async () => {
    const itemId = await openPoll();
    const voter = await world.present(null);
    const first = clientId();
    await world.services.polls.vote(voter, { itemId, ballotId: first, choices: [0] });
    await world.services.polls.vote(voter, { itemId, ballotId: clientId(), choices: [1] });
    const resent = await world.services.polls.vote(voter, { itemId, ballotId: first, choices: [0] });
    expect(resent.ballot?.choices).toEqual([1]);
    const frame = await world.services.polls.resultsFrame(itemId, 'facilitator');
    expect(frame?.results?.choices.map((c) => c.count)).toEqual([0, 1]);
  });

  it('only participants present while the poll is open vote', async () => {
    const itemId = await openPoll();
    const away = await world.absent('student');
    await expect(world.services.polls.vote(away, { itemId, ballotId: clientId(), choices: [0] })).rejects.toMatchObject({ code: 'not_present' });
    const left = await world.present('student');
    await world.services.participants.disconnected(world.workshop.id, left.connectionId);
    await expect(world.services.polls.vote(left, { itemId, ballotId: clientId(), choices: [0] })).rejects.toMatchObject({ code: 'not_present' });
  });

  it('a draft or closed poll refuses ballots, and a closed poll does not reopen', async () => {
    const draft = await world.services.polls.create(world.workshop.id, yesNo);
    const voter = await world.present('elected');
    await expect(world.services.polls.vote(voter, { itemId: draft.id, ballotId: clientId(), choices: [0] })).rejects.toMatchObject({ code: 'activity_not_open' });
    await world.services.agenda.open(world.workshop.id, draft.id);
    await world.services.agenda.close(world.workshop.id, draft.id);
    await expect(world.services.polls.vote(voter, { itemId: draft.id, ballotId: clientId(), choices: [0] })).rejects.toMatchObject({ code: 'activity_not_open' });
    await expect(world.services.agenda.open(world.workshop.id, draft.id)).rejects.toMatchObject({ code: 'invalid_transition' });
  });

  it('a ballot must fit the poll: known options, one for a single choice, at most k for a multiple choice', async () => {
    const multiple: PollDefinition = { kind: 'multiple', question: 'Vos priorités ?', choices: ['A', 'B', 'C', 'D'], maxChoices: 2, results: 'live' };
    const itemId = await openPoll(multiple);
    const voter = await world.present('volunteer');
    await expect(world.services.polls.vote(voter, { itemId, ballotId: clientId(), choices: [4] })).rejects.toMatchObject({ code: 'bad_request' });
    await expect(world.services.polls.vote(voter, { itemId, ballotId: clientId(), choices: [0, 1, 2] })).rejects.toMatchObject({ code: 'bad_request' });
    const ok = await world.services.polls.vote(voter, { itemId, ballotId: clientId(), choices: [3, 1] });
    expect(ok.ballot?.choices).toEqual([1, 3]);
  });

  it('results give counts, percentages, the turnout over those present and a scale’s mean', async () => {
    const scale: PollDefinition = { kind: 'scale', question: 'Votre satisfaction ?', scale: { points: 5, minLabel: 'Pas du tout', maxLabel: 'Tout à fait' }, results: 'live' };
    const itemId = await openPoll(scale);
    const voters = await Promise.all(['concerned', 'concerned', 'professional', 'student'].map((s) => world.present(s)));
    await world.present('elected'); // present, does not vote
    const values = [4, 4, 1, 2]; // indexes: points 5, 5, 2, 3
    for (const [i, voter] of voters.entries()) await world.services.polls.vote(voter, { itemId, ballotId: clientId(), choices: [values[i]!] });
    const results = (await world.services.polls.resultsFrame(itemId, 'facilitator'))!.results!;
    expect(results.ballots).toBe(4);
    expect(results.present).toBe(5);
    expect(results.choices.map((c) => [c.label, c.count, c.percent])).toEqual([
      ['1', 0, 0],
      ['2', 1, 25],
      ['3', 1, 25],
      ['4', 0, 0],
      ['5', 2, 50],
    ]);
    expect(results.mean).toBe(3.75);
  });

  it('the breakdown by standpoint never shows a group smaller than three: they are merged into « autres »', async () => {
    const itemId = await openPoll();
    const plan: Array<[string | null, number]> = [
      ['concerned', 0], ['concerned', 0], ['concerned', 1],
      ['professional', 1], ['professional', 1], ['professional', 1], ['professional', 0],
      ['elected', 0], [null, 1], ['student', 1],
    ];
    for (const [standpoint, choice] of plan) await world.services.polls.vote(await world.present(standpoint), { itemId, ballotId: clientId(), choices: [choice] });
    const live = (await world.services.polls.resultsFrame(itemId, 'facilitator'))!.results!;
    expect(live.byStandpoint.map((g) => [g.key, g.ballots, g.choices.map((c) => c.count)])).toEqual([
      ['concerned', 3, [2, 1]],
      ['professional', 4, [1, 3]],
      ['_others', 3, [1, 2]],
    ]);
    expect(live.byStandpoint.at(-1)?.mergedKeys.sort()).toEqual(['_undisclosed', 'elected', 'student']);

    await world.services.agenda.close(world.workshop.id, itemId);
    const closed = (await world.services.polls.resultsFrame(itemId, 'public'))!.results!;
    expect(closed.byStandpoint).toEqual(live.byStandpoint.map((g) => ({ ...g, mergedKeys: expect.arrayContaining(g.mergedKeys) })));
    expect(closed.choices).toEqual(live.choices);
    // The stored counts themselves never single out the lone elected official or student.
    const stored = world.store.db.prepare('SELECT DISTINCT standpoint FROM poll_counts WHERE poll_id = ?').all(itemId) as Array<{ standpoint: string | null }>;
    expect(stored.map((r) => r.standpoint).sort()).toEqual(['_others', 'concerned', 'professional']);
  });

  it('closing keeps the counts and deletes every link between a participant and a ballot', async () => {
    const itemId = await openPoll();
    const voters = await Promise.all([1, 2, 3, 4].map(() => world.present('professional')));
    for (const voter of voters) await world.services.polls.vote(voter, { itemId, ballotId: clientId(), choices: [0] });
    expect(world.store.db.prepare('SELECT COUNT(*) AS n FROM poll_ballots').get()).toEqual({ n: 4 });
    await world.services.agenda.close(world.workshop.id, itemId);
    expect(world.store.db.prepare('SELECT COUNT(*) AS n FROM poll_ballots').get()).toEqual({ n: 0 });
    expect(world.store.db.prepare('SELECT COUNT(*) AS n FROM poll_ballot_ids').get()).toEqual({ n: 0 });
    expect((await world.services.polls.ownBallot(voters[0]!, itemId)).ballot).toBeNull();
    const frame = (await world.services.polls.resultsFrame(itemId, 'public'))!;
    expect(frame.turnout).toEqual({ ballots: 4, present: 4 });
    expect(frame.results?.choices.map((c) => c.count)).toEqual([4, 0]);
  });

  it('results of an « on close » poll stay hidden from participants and projection until it closes; the facilitator sees them live', async () => {
    const itemId = await openPoll({ ...yesNo, results: 'on_close' });
    await world.services.polls.vote(await world.present('concerned'), { itemId, ballotId: clientId(), choices: [0] });
    const hidden = (await world.services.polls.resultsFrame(itemId, 'public'))!;
    expect(hidden.results).toBeNull();
    expect(hidden.turnout.ballots).toBe(1);
    expect((await world.services.polls.resultsFrame(itemId, 'facilitator'))!.results?.ballots).toBe(1);
    await world.services.agenda.close(world.workshop.id, itemId);
    expect((await world.services.polls.resultsFrame(itemId, 'public'))!.results?.choices[0]?.count).toBe(1);
    await world.services.agenda.setDisplay(world.workshop.id, { itemId, showResults: false });
    expect((await world.services.polls.resultsFrame(itemId, 'public'))!.results).toBeNull();
    expect((await world.services.agenda.current(world.workshop.id)).item).toBeNull();
  });

  it('closing the workshop closes its open poll and settles the ballots', async () => {
    const itemId = await openPoll();
    await world.services.polls.vote(await world.present('partner'), { itemId, ballotId: clientId(), choices: [1] });
    await world.services.workshops.close(world.workshop.id);
    await expect.poll(async () => (await world.store.agenda.get(itemId))?.state).toBe('closed');
    expect(world.store.db.prepare('SELECT COUNT(*) AS n FROM poll_ballots').get()).toEqual({ n: 0 });
  });

  it('a poll is edited only while a draft, and publishes agenda and ballot events after each change', async () => {
    const item = await world.services.polls.create(world.workshop.id, yesNo);
    const edited = await world.services.polls.update(world.workshop.id, item.id, { ...single, results: 'on_close' });
    expect(edited.poll.choices.map((c) => c.label)).toEqual(single.kind === 'single' ? single.choices : []);
    expect(edited.results).toBe('on_close');
    await world.services.agenda.open(world.workshop.id, item.id);
    await expect(world.services.polls.update(world.workshop.id, item.id, yesNo)).rejects.toMatchObject({ code: 'invalid_transition' });
    await world.services.polls.vote(await world.present(null), { itemId: item.id, ballotId: clientId(), choices: [1] });
    expect(world.events.filter((e) => e.type !== 'attendance.changed' && e.type !== 'workshop.updated')).toEqual([
      { type: 'agenda.changed', workshopId: world.workshop.id, itemId: item.id },
      { type: 'agenda.changed', workshopId: world.workshop.id, itemId: item.id },
      { type: 'agenda.changed', workshopId: world.workshop.id, itemId: item.id },
      { type: 'poll.ballots.changed', workshopId: world.workshop.id, itemId: item.id },
    ]);
  });

  it('a poll of another workshop is unknown here', async () => {
    const itemId = await openPoll();
    const group = await world.services.groups.create({ name: 'Autre', purpose: '' });
    const other = await world.services.workshops.create(group.id, { title: 'Autre atelier' });
    await expect(world.services.agenda.close(other.id, itemId)).rejects.toMatchObject({ code: 'not_found' });
    const voter = await world.present('concerned');
    await expect(world.services.polls.vote({ ...voter, workshopId: other.id }, { itemId, ballotId: clientId(), choices: [0] })).rejects.toMatchObject({ code: 'not_found' });
  });
});
