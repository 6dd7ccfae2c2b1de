import { request, type CroiseeSocket } from '../../shared/client/croisee-client';
import type { Clock } from '../../server/src/domain/clock';
import { nextEvent, type TestServer } from '../helpers/server';

/** A clock that follows real time, plus an offset the test moves forward (grace periods, timers). */
export class SteppedClock implements Clock {
  #offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.#offsetMs);
  }
  advance(ms: number): void {
    this.#offsetMs += ms;
  }
}

/** Raises a hand and returns its ticket number; fails the test if refused. */
export async function raise(socket: CroiseeSocket, kind: 'question' | 'testimony' | 'reaction' | null = null): Promise<number> {
  const result = await request(socket, 'queue:raise', { kind });
  if (!result.ok) throw new Error(`raise refused: ${result.code} ${result.message}`);
  return result.ticketNumber;
}

/** The participant ids of a workshop, read from the database: what must never reach a client. */
export function participantIds(server: TestServer, workshopId: string): string[] {
  return (server.store.db.prepare('SELECT id FROM participants WHERE workshop_id = ?').all(workshopId) as { id: string }[]).map((r) => r.id);
}

export { nextEvent, request };
export { liveWorkshop, otherTab, pause, recordedParticipant as participant, record, seen, type Recorder } from '../helpers/recorder';
