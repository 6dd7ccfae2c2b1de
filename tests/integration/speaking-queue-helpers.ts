import { request, type CroiseeSocket } from '../../shared/client/croisee-client';
import type { Clock } from '../../server/src/domain/clock';
import type { OrganiserWorkshopView } from '../../shared/views';
import { createWorkshop, eventually, nextEvent, type TestServer } from '../helpers/server';

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

/** Every event a socket received, in order, with its payload. */
export interface Recorder {
  events: Array<{ event: string; payload: unknown }>;
  /** Payloads of one event name. */
  of<T>(event: string): T[];
  clear(): void;
}

/** Starts recording everything the socket receives; attach it before the socket connects to miss nothing. */
export function record(socket: CroiseeSocket): Recorder {
  const events: Recorder['events'] = [];
  socket.onAny((event: string, ...args: unknown[]) => events.push({ event, payload: args[0] }));
  return {
    events,
    of: <T>(event: string) => events.filter((e) => e.event === event).map((e) => e.payload as T),
    clear: () => void events.splice(0, events.length),
  };
}

/** The latest recorded `event` that satisfies `predicate`, waiting for it if it has not come yet. */
export async function seen<T>(log: Recorder, event: string, predicate: (payload: T) => boolean = () => true, timeoutMs = 5_000): Promise<T> {
  let found: T | undefined;
  await eventually(
    () => {
      found = log.of<T>(event).reverse().find(predicate);
      return found !== undefined;
    },
    timeoutMs,
    `a matching "${event}"`,
  );
  return found as T;
}

/** A live workshop with its facilitator and projection connected and recorded. */
export async function liveWorkshop(server: TestServer, options: { standpoints?: string[] } = {}) {
  const workshop: OrganiserWorkshopView = options.standpoints
    ? await server.organiser.createWorkshop((await server.organiser.createGroup({ name: 'Accès aux droits' })).id, {
        title: 'Croisement des regards',
        standpoints: options.standpoints.map((key) => ({ key, label: { fr: key, en: key } })),
      })
    : await createWorkshop(server);
  const facilitatorSocket = server.connect({ role: 'facilitator', workshopId: workshop.id, secret: workshop.facilitatorSecret });
  const facilitatorLog = record(facilitatorSocket);
  await nextEvent(facilitatorSocket, 'session');
  const opened = await request(facilitatorSocket, 'workshop:open', {});
  if (!opened.ok) throw new Error(`could not open the workshop: ${opened.code}`);
  const projectionSocket = server.connect({ role: 'projection', workshopId: workshop.id, secret: workshop.projectionSecret });
  const projectionLog = record(projectionSocket);
  await nextEvent(projectionSocket, 'session');
  return { workshop, facilitator: facilitatorSocket, facilitatorLog, projection: projectionSocket, projectionLog };
}

/** A participant joined by code, connected, with everything their socket receives recorded. */
export async function participant(server: TestServer, code: string, standpoint: string | null, pseudonym: string | null = null) {
  const joined = await server.client.join({ code, standpoint, pseudonym });
  const socket = server.connect({ role: 'participant', token: joined.participantToken });
  const log = record(socket);
  await nextEvent(socket, 'session');
  return { socket, log, token: joined.participantToken };
}

/** Another tab (or device) of the same participant. */
export async function sameParticipant(server: TestServer, token: string) {
  const socket = server.connect({ role: 'participant', token });
  const log = record(socket);
  await nextEvent(socket, 'session');
  return { socket, log };
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

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export { nextEvent, request };
