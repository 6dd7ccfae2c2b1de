import { request, type CroiseeSocket } from '../../shared/client/croisee-client';
import type { OrganiserWorkshopView } from '../../shared/views';
import { createWorkshop, eventually, nextEvent, type TestServer } from './server';

/** Every event a socket received, in order, with its payload and when it came (`performance.now()`). */
export interface Recorder {
  events: Array<{ event: string; payload: unknown; at: number }>;
  /** Payloads of one event name. */
  of<T>(event: string): T[];
  clear(): void;
}

/** Starts recording everything the socket receives; attach it before the socket connects to miss nothing. */
export function record(socket: CroiseeSocket): Recorder {
  const events: Recorder['events'] = [];
  socket.onAny((event: string, ...args: unknown[]) => events.push({ event, payload: args[0], at: performance.now() }));
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

/** A live workshop (with its own standpoints, if given) with its facilitator and projection connected and recorded. */
export async function liveWorkshop(server: TestServer, options: { standpoints?: string[] } = {}) {
  const workshop: OrganiserWorkshopView = options.standpoints
    ? await server.organiser.createWorkshop((await server.organiser.createGroup({ name: 'Accès aux droits' })).id, {
        title: 'Croisement des regards',
        standpoints: options.standpoints.map((key) => ({ key, label: { fr: key, en: key } })),
      })
    : await createWorkshop(server);
  const facilitator = server.connect({ role: 'facilitator', workshopId: workshop.id, secret: workshop.facilitatorSecret });
  const facilitatorLog = record(facilitator);
  await nextEvent(facilitator, 'session');
  const opened = await request(facilitator, 'workshop:open', {});
  if (!opened.ok) throw new Error(`could not open the workshop: ${opened.code}`);
  const projection = server.connect({ role: 'projection', workshopId: workshop.id, secret: workshop.projectionSecret });
  const projectionLog = record(projection);
  await nextEvent(projection, 'session');
  return { workshop, facilitator, facilitatorLog, projection, projectionLog };
}

/** A participant joined by code and connected (present), with everything their socket receives recorded. */
export async function recordedParticipant(server: TestServer, code: string, standpoint: string | null, pseudonym: string | null = null) {
  const joined = await server.client.join({ code, standpoint, pseudonym });
  const { socket, log } = await otherTab(server, joined.participantToken);
  return { socket, log, token: joined.participantToken };
}

/** Another tab (or device) of the same participant, recorded. */
export async function otherTab(server: TestServer, token: string) {
  const socket = server.connect({ role: 'participant', token });
  const log = record(socket);
  await nextEvent(socket, 'session');
  return { socket, log };
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
