import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { request } from '../../shared/client/croisee-client';
import type { ActivityView } from '../../shared/views-agenda';
import type { PollResultsFrame } from '../../shared/views-polls';
import { startTestServer, type TestServer } from '../helpers/server';
import type { WordCloudResultsFrame } from '../../shared/views-word-clouds';
import { clientId, liveWorkshop, openCloud, openPoll, participant, pause, record, seen } from './polls-helpers';

describe('poll results on the projection, the facilitator console and the phones', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    await server.close();
  });

  it('results shown only once closed stay hidden from projection and phones while open; the facilitator sees them live', async () => {
    const { workshop, facilitator, facilitatorLog, projectionLog } = await liveWorkshop(server);
    const itemId = await openPoll(facilitator, { kind: 'yes_no', question: 'D’accord ?', results: 'on_close' });
    const people = await Promise.all(['concerned', 'concerned', 'professional'].map((s) => participant(server, workshop.joinCode, s)));
    for (const p of people) await request(p.socket, 'poll:vote', { itemId, ballotId: clientId(), choices: [0] });
    const live = await seen<PollResultsFrame>(facilitatorLog, 'poll:results', (f) => f.results?.ballots === 3);
    expect(live.results?.choices[0]?.count).toBe(3);
    const onScreen = await seen<PollResultsFrame>(projectionLog, 'poll:results', (f) => f.turnout.ballots === 3);
    expect(onScreen).toMatchObject({ state: 'open', results: null, turnout: { ballots: 3, present: 3 } });
    await pause(1_200);
    const phoneFrames = people.flatMap((p) => p.log.of<PollResultsFrame>('poll:results'));
    expect(phoneFrames.length).toBeGreaterThan(0);
    expect(phoneFrames.every((f) => f.results === null)).toBe(true);

    await request(facilitator, 'agenda:close', { itemId });
    const closed = await seen<PollResultsFrame>(projectionLog, 'poll:results', (f) => f.state === 'closed');
    expect(closed.results?.choices.map((c) => [c.label, c.count, c.percent])).toEqual([
      ['Oui', 3, 100],
      ['Non', 0, 0],
    ]);
    const onPhone = await seen<PollResultsFrame>(people[0]!.log, 'poll:results', (f) => f.state === 'closed', 3_000);
    expect(onPhone.results?.ballots).toBe(3);
    // The closed poll stays on stage with its results until the facilitator hides them.
    await request(facilitator, 'agenda:display', { itemId, showResults: false });
    await seen<ActivityView>(people[0]!.log, 'activity', (a) => a.item === null);
  });

  it('the projection shows turnout against those present and the breakdown by standpoint, small groups merged', async () => {
    const { workshop, facilitator, projectionLog } = await liveWorkshop(server);
    const itemId = await openPoll(facilitator, { kind: 'yes_no', question: 'D’accord ?' });
    const plan: Array<[string | null, number]> = [
      ['concerned', 0], ['concerned', 0], ['concerned', 1], ['concerned', 0],
      ['professional', 1], ['professional', 1], ['professional', 0],
      ['elected', 0], ['student', 1], [null, 1],
    ];
    const people = await Promise.all(plan.map(([s]) => participant(server, workshop.joinCode, s)));
    await participant(server, workshop.joinCode, 'partner'); // present, does not vote
    for (const [i, p] of people.entries()) await request(p.socket, 'poll:vote', { itemId, ballotId: clientId(), choices: [plan[i]![1]] });
    const frame = await seen<PollResultsFrame>(projectionLog, 'poll:results', (f) => f.results?.ballots === 10);
    expect(frame.turnout).toEqual({ ballots: 10, present: 11 });
    expect(frame.results?.choices.map((c) => [c.count, c.percent])).toEqual([
      [5, 50],
      [5, 50],
    ]);
    expect(frame.results?.byStandpoint.map((g) => [g.key, g.ballots, g.choices.map((c) => c.count)])).toEqual([
      ['concerned', 4, [3, 1]],
      ['professional', 3, [1, 2]],
      ['_others', 3, [1, 2]],
    ]);
    await request(facilitator, 'agenda:display', { itemId, byStandpoint: true });
    const activity = await seen<ActivityView>(projectionLog, 'activity', (a) => a.item?.display.byStandpoint === true);
    expect(activity.item?.id).toBe(itemId);
  });

  it('a burst of votes reaches the projection as a bounded number of frames, the last one exact', async () => {
    const { workshop, facilitator, facilitatorLog, projectionLog } = await liveWorkshop(server);
    const itemId = await openPoll(facilitator, { kind: 'single', question: 'Quel thème ?', choices: ['A', 'B', 'C', 'D'] });
    const people = await Promise.all(Array.from({ length: 60 }, (_, i) => participant(server, workshop.joinCode, ['concerned', 'professional', 'student'][i % 3]!)));
    const watcher = people[0]!;
    const start = performance.now();
    const sent = people.map((p, i) => ({ p, choice: i % 4 }));
    // Everyone votes, then a third change their mind: 80 ballots sent within about a second.
    for (const round of [sent, sent.filter((_, i) => i % 3 === 0).map((s) => ({ ...s, choice: (s.choice + 1) % 4 }))]) {
      await Promise.all(
        round.map(async ({ p, choice }, i) => {
          await pause((i % 20) * 25);
          const ack = await request(p.socket, 'poll:vote', { itemId, ballotId: clientId(), choices: [choice] });
          expect(ack.ok).toBe(true);
          sent[people.indexOf(p)]!.choice = choice;
        }),
      );
    }
    const expected = [0, 1, 2, 3].map((c) => sent.filter((s) => s.choice === c).length);
    const final = await seen<PollResultsFrame>(projectionLog, 'poll:results', (f) => f.results?.ballots === 60 && f.results.choices.every((c, i) => c.count === expected[i]));
    await pause(1_100);
    const seconds = (performance.now() - start) / 1000;
    const onProjection = projectionLog.events.filter((e) => e.event === 'poll:results' && e.at >= start).length;
    const onConsole = facilitatorLog.events.filter((e) => e.event === 'poll:results' && e.at >= start).length;
    const onPhone = watcher.log.events.filter((e) => e.event === 'poll:results' && e.at >= start).length;
    expect(onProjection).toBeLessThanOrEqual(Math.ceil(seconds * 10) + 1);
    expect(onConsole).toBeLessThanOrEqual(Math.ceil(seconds * 10) + 1);
    expect(onPhone).toBeLessThanOrEqual(Math.ceil(seconds) + 1);
    expect(onProjection).toBeLessThan(80);
    expect(final.turnout.ballots).toBe(60);
    const lastOnPhone = watcher.log.of<PollResultsFrame>('poll:results').at(-1)!;
    expect(lastOnPhone.results?.choices.map((c) => c.count)).toEqual(expected);
  });

  it('a facilitator console that reconnects gets the results of every activity closed earlier, the projection only what is on stage', async () => {
    const { workshop, facilitator } = await liveWorkshop(server);
    const poll = await openPoll(facilitator, { kind: 'yes_no', question: 'Première question ?' });
    const people = await Promise.all(['concerned', 'professional'].map((s) => participant(server, workshop.joinCode, s)));
    for (const p of people) await request(p.socket, 'poll:vote', { itemId: poll, ballotId: clientId(), choices: [1] });
    await request(facilitator, 'agenda:close', { itemId: poll });
    const cloud = await openCloud(facilitator, { prompt: 'Un mot ?' });
    await request(people[0]!.socket, 'word-cloud:add', { itemId: cloud, entryId: clientId(), text: 'Écoute' });
    await request(facilitator, 'agenda:close', { itemId: cloud });
    await request(facilitator, 'agenda:display', { itemId: cloud, showResults: false });
    // Reconnecting once the frames of these changes went out: what follows is sent for the connection.
    await pause(1_500);

    const again = server.connect({ role: 'facilitator', workshopId: workshop.id, secret: workshop.facilitatorSecret });
    const log = record(again);
    const pollFrame = await seen<PollResultsFrame>(log, 'poll:results', (f) => f.itemId === poll);
    expect(pollFrame.results?.choices.map((c) => c.count)).toEqual([0, 2]);
    const cloudFrame = await seen<WordCloudResultsFrame>(log, 'word-cloud:results', (f) => f.itemId === cloud);
    expect(cloudFrame.results?.words.map((w) => [w.display, w.count])).toEqual([['Écoute', 1]]);

    // The projection, reconnecting, gets nothing but the activity on stage: none now.
    const projection = server.connect({ role: 'projection', workshopId: workshop.id, secret: workshop.projectionSecret });
    const projectionLog = record(projection);
    await seen(projectionLog, 'activity');
    await pause(300);
    expect(projectionLog.of('poll:results')).toEqual([]);
    expect(projectionLog.of('word-cloud:results')).toEqual([]);
  });
});
