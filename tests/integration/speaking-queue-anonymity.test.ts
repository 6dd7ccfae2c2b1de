import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CroiseeSocket } from '../../shared/client/croisee-client';
import type { ContributionsView, SpeakingCountersView } from '../../shared/views-speaking-queue';
import { eventually, startTestServer, type TestServer } from '../helpers/server';
import { liveWorkshop, participant, participantIds, pause, record, request, seen, SteppedClock, type Recorder } from './speaking-queue-helpers';

/** Standpoint keys nobody could find by chance in a payload. */
const ALPHA = 'regard-alpha';
const BETA = 'regard-beta';
const LONE = 'regard-lone';

/** A copy of a payload without its counters by standpoint (a `queue:sync` snapshot carries them). */
function withoutCounters(payload: unknown): unknown {
  if (payload === null || typeof payload !== 'object') return payload;
  const { snapshot, ...rest } = payload as { snapshot?: Record<string, unknown> };
  if (!snapshot) return payload;
  const { counters: _counters, ...others } = snapshot;
  return { ...rest, snapshot: others };
}

describe('no speaking-queue message tells who raised a hand or wrote a contribution', () => {
  let server: TestServer;
  const clock = new SteppedClock();
  beforeEach(async () => {
    server = await startTestServer({ clock });
  });
  afterEach(async () => {
    await server.close();
  });

  it('participants, facilitator and projection never receive a participant id, a pseudonym or a standpoint of a ticket or a contribution', async () => {
    const { workshop, facilitator, facilitatorLog, projectionLog } = await liveWorkshop(server, { standpoints: [ALPHA, BETA, LONE] });
    const people = [
      await participant(server, workshop.joinCode, ALPHA, 'Zéphyrine'),
      await participant(server, workshop.joinCode, ALPHA, 'Anatole'),
      await participant(server, workshop.joinCode, ALPHA, 'Bérénice'),
      await participant(server, workshop.joinCode, BETA, 'Casimir'),
      await participant(server, workshop.joinCode, BETA, 'Domitille'),
      await participant(server, workshop.joinCode, BETA, 'Eudoxie'),
      await participant(server, workshop.joinCode, LONE, 'Fulbert'),
      await participant(server, workshop.joinCode, null, 'Gontran'),
    ];
    const pseudonyms = ['Zéphyrine', 'Anatole', 'Bérénice', 'Casimir', 'Domitille', 'Eudoxie', 'Fulbert', 'Gontran'];
    const acks: Array<{ from: CroiseeSocket; payload: unknown }> = [];
    const ask = async (socket: CroiseeSocket, event: Parameters<typeof request>[1], payload: unknown) => {
      const result = await request(socket, event, payload as never);
      acks.push({ from: socket, payload: result });
      return result;
    };

    // Every kind of message the feature sends: hands, turns, timer, presence, modes, contributions, counters.
    for (const [i, p] of people.entries()) await ask(p.socket, 'queue:raise', { kind: i % 2 ? 'question' : 'testimony' });
    await ask(facilitator, 'queue:give', {});
    await ask(facilitator, 'queue:start-timer', { seconds: 60 });
    clock.advance(45_000);
    await pause(400);
    await ask(facilitator, 'queue:set-mode', { mode: 'alternate_standpoints' });
    await ask(facilitator, 'queue:give', {});
    await ask(facilitator, 'queue:set-mode', { mode: 'first_time_first' });
    await ask(facilitator, 'queue:give', {});
    await ask(facilitator, 'queue:end-turn', {});
    await ask(people[5]!.socket, 'queue:lower', { ticketNumber: 6 });
    people[6]!.socket.disconnect();
    await pause(300);
    const lonesReturn = server.connect({ role: 'participant', token: people[6]!.token });
    const lonesLog = record(lonesReturn);
    await ask(facilitator, 'contribution:set-approval', { required: true });
    const written = await ask(lonesReturn, 'contribution:submit', { text: 'Ce que je vis au quotidien' });
    const contributionId = (written as unknown as { id: string }).id;
    await ask(facilitator, 'contribution:moderate', { contributionId, decision: 'approve' });
    for (const p of people.slice(0, 3)) await ask(p.socket, 'contribution:support', { contributionId });
    await ask(facilitator, 'contribution:project', { contributionId });
    await ask(facilitator, 'contribution:mark', { contributionId, handled: 'read' });
    for (const socket of [facilitator, people[0]!.socket, lonesReturn]) await ask(socket, 'queue:sync', {});
    await seen<ContributionsView>(people[1]!.log, 'contributions:state', (v) => v.items[0]?.supports === 3);
    await eventually(() => projectionLog.of('queue:counters').length > 0, 3_000, 'counters');

    const ids = participantIds(server, workshop.id);
    expect(ids).toHaveLength(8);
    const everyone: Array<{ who: string; log: Recorder; ownPseudonym: string | null; socket: CroiseeSocket | null }> = [
      { who: 'facilitator', log: facilitatorLog, ownPseudonym: null, socket: facilitator },
      { who: 'projection', log: projectionLog, ownPseudonym: null, socket: null },
      ...people.map((p, i) => ({ who: pseudonyms[i]!, log: p.log, ownPseudonym: pseudonyms[i]!, socket: p.socket })),
      { who: 'Fulbert again', log: lonesLog, ownPseudonym: 'Fulbert', socket: lonesReturn },
    ];
    const isQueueEvent = (event: string) => event.startsWith('queue:') || event.startsWith('contributions:');
    let checked = 0;
    for (const { who, log, ownPseudonym, socket } of everyone) {
      const received = [...log.events, ...acks.filter((a) => a.from === socket).map((a) => ({ event: 'queue:ack', payload: a.payload }))];
      expect(received.filter((e) => isQueueEvent(e.event)).length, `${who} got speaking-queue messages`).toBeGreaterThan(0);
      for (const { event, payload } of received) {
        const text = JSON.stringify(payload);
        checked++;
        for (const id of ids) expect(text, `${event} to ${who} carries a participant id`).not.toContain(id);
        for (const name of pseudonyms) {
          // A participant's own session repeats what they chose to say about themselves, to them only.
          if (name === ownPseudonym && event === 'session') continue;
          expect(text, `${event} to ${who} carries the pseudonym ${name}`).not.toContain(name);
        }
        // Counters are by standpoint group by design; they are checked below.
        if (!isQueueEvent(event) || event === 'queue:counters') continue;
        const rest = JSON.stringify(withoutCounters(payload));
        for (const key of [ALPHA, BETA, LONE, '_undisclosed']) expect(rest, `${event} to ${who} carries a standpoint`).not.toContain(key);
      }
    }
    expect(checked).toBeGreaterThan(100);
    // Counters break down by standpoint, but the lone participant's group is never shown on its own.
    const syncedCounters = acks.map((a) => (a.payload as { snapshot?: { counters?: SpeakingCountersView } }).snapshot?.counters).filter((c) => c !== undefined);
    expect(syncedCounters).toHaveLength(1);
    const allCounters = [...projectionLog.of<SpeakingCountersView>('queue:counters'), ...facilitatorLog.of<SpeakingCountersView>('queue:counters'), ...syncedCounters];
    for (const counters of allCounters) {
      for (const group of counters.groups) {
        expect(group.key).not.toBe(LONE);
        expect(group.key).not.toBe('_undisclosed');
      }
    }
    expect(projectionLog.of<SpeakingCountersView>('queue:counters').at(-1)!.groups.map((g) => g.key)).toContain(ALPHA);
  });
});
