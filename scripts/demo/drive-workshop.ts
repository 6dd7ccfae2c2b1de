import { request, type CroiseeClient, type CroiseeSocket, type Credentials, type EventPayload, type EventResult } from '../../shared/client/croisee-client';
import type { Failure } from '../../shared/errors';
import type { ClientToServerEvents } from '../../shared/events';
import type { OrganiserWorkshopView } from '../../shared/views';
import type { StandpointKey } from './webinar-scenario';

/**
 * Plays a workshop through the public API, as the web app does: HTTP for joining, one socket.io
 * connection per person. Every refusal throws with the server's code and words.
 */

/** Sends an event and resolves with its ack; a refusal throws, naming the event and the reason. */
export async function ack<E extends keyof ClientToServerEvents>(socket: CroiseeSocket, event: E, payload: EventPayload<E>): Promise<Extract<EventResult<E>, { ok: true }>> {
  const answer = (await request(socket, event, payload)) as EventResult<E>;
  if (!answer.ok) {
    const failure = answer as Failure;
    throw new Error(`${String(event)} refused: ${failure.code} ${failure.message}`);
  }
  return answer as Extract<EventResult<E>, { ok: true }>;
}

/** Resolves with the next `event` whose payload satisfies `predicate`; rejects after `timeoutMs`. */
export function nextEvent<T>(socket: CroiseeSocket, event: string, predicate: (payload: T) => boolean = () => true, timeoutMs = 15_000): Promise<T> {
  const s = socket as unknown as { on: (e: string, f: (p: T) => void) => void; off: (e: string, f: (p: T) => void) => void };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      s.off(event, listener);
      reject(new Error(`no "${event}" event within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (payload: T) => {
      if (!predicate(payload)) return;
      clearTimeout(timer);
      s.off(event, listener);
      resolve(payload);
    };
    s.on(event, listener);
  });
}

/** Connects with these credentials and waits until the server accepted the handshake. */
export async function connect(client: CroiseeClient, credentials: Credentials): Promise<CroiseeSocket> {
  const socket = client.connect(credentials, { transports: ['websocket'] });
  const refused = new Promise<never>((_, reject) =>
    socket.once('connect_error', (error: Error & { data?: { code?: string } }) => reject(new Error(`connection refused: ${error.data?.code ?? error.message}`))),
  );
  await Promise.race([nextEvent(socket, 'session'), refused]);
  return socket;
}

/** Someone who joined: their pseudonym, device token and live connection. */
export interface Attendee {
  pseudonym: string | null;
  standpoint: StandpointKey;
  token: string;
  socket: CroiseeSocket;
}

/** Joins each person by the workshop's code, in order, and connects them; `between` runs after each arrival. */
export async function joinAll(
  client: CroiseeClient,
  joinCode: string,
  people: ReadonlyArray<{ pseudonym: string | null; standpoint: StandpointKey }>,
  between: () => void = () => {},
): Promise<Attendee[]> {
  const attendees: Attendee[] = [];
  for (const person of people) {
    const joined = await client.join({ code: joinCode, standpoint: person.standpoint, pseudonym: person.pseudonym });
    const socket = await connect(client, { role: 'participant', token: joined.participantToken });
    attendees.push({ ...person, token: joined.participantToken, socket });
    between();
  }
  return attendees;
}

/** The facilitator's connection to a workshop, opened with the secret of its facilitator link. */
export function facilitate(client: CroiseeClient, workshop: OrganiserWorkshopView): Promise<CroiseeSocket> {
  return connect(client, { role: 'facilitator', workshopId: workshop.id, secret: workshop.facilitatorSecret });
}

/** The attendee with this pseudonym. */
export function who(attendees: readonly Attendee[], pseudonym: string): Attendee {
  const found = attendees.find((a) => a.pseudonym === pseudonym);
  if (!found) throw new Error(`${pseudonym} did not join`);
  return found;
}

let counter = 0;
/** A client-made id for ballots, entries and pushes (8–64 URL-safe characters). */
export function clientId(prefix = 'demo'): string {
  counter += 1;
  return `${prefix}-${counter}-${Math.random().toString(36).slice(2, 10)}`;
}

/** Opens an agenda item, lets each voter cast `choices[i]` (null: does not vote), then closes it. */
export async function runPoll(facilitator: CroiseeSocket, itemId: string, voters: readonly CroiseeSocket[], choices: ReadonlyArray<number | null>): Promise<void> {
  await ack(facilitator, 'agenda:open', { itemId });
  for (const [index, socket] of voters.entries()) {
    const choice = choices[index];
    if (choice === null || choice === undefined) continue;
    await ack(socket, 'poll:vote', { itemId, ballotId: clientId('ballot'), choices: [choice] });
  }
  await ack(facilitator, 'agenda:close', { itemId });
}

/** Opens a word cloud, lets each person send their words, then closes it. */
export async function runWordCloud(facilitator: CroiseeSocket, itemId: string, senders: ReadonlyArray<{ socket: CroiseeSocket; words: readonly string[] }>): Promise<void> {
  await ack(facilitator, 'agenda:open', { itemId });
  for (const { socket, words } of senders) {
    for (const text of words) await ack(socket, 'word-cloud:add', { itemId, entryId: clientId('entry'), text });
  }
  await ack(facilitator, 'agenda:close', { itemId });
}

/**
 * The speaking queue: every hand goes up (in order), then the facilitator gives the floor to the next
 * ticket with a timer, `pass(seconds)` lets the turn last, and the turn ends.
 */
export async function runSpeakingTurns(
  facilitator: CroiseeSocket,
  turns: ReadonlyArray<{ socket: CroiseeSocket; kind: 'question' | 'testimony' | 'reaction'; seconds: number }>,
  timerMinutes: number,
  pass: (seconds: number) => Promise<void> | void,
): Promise<number[]> {
  const tickets: number[] = [];
  for (const turn of turns) tickets.push((await ack(turn.socket, 'queue:raise', { kind: turn.kind })).ticketNumber);
  for (const turn of turns) {
    await ack(facilitator, 'queue:give', {});
    await ack(facilitator, 'queue:start-timer', { seconds: timerMinutes * 60 });
    await pass(turn.seconds);
    await ack(facilitator, 'queue:end-turn', {});
  }
  return tickets;
}

/** Written contributions: sent, supported by others, shown on the screen and marked answered by the facilitator. */
export async function runContributions(
  facilitator: CroiseeSocket,
  contributions: ReadonlyArray<{ author: CroiseeSocket; kind: 'question' | 'testimony'; text: string; supporters: readonly CroiseeSocket[] }>,
): Promise<string[]> {
  const ids: string[] = [];
  for (const contribution of contributions) {
    const { id } = await ack(contribution.author, 'contribution:submit', { text: contribution.text, kind: contribution.kind });
    for (const supporter of contribution.supporters) await ack(supporter, 'contribution:support', { contributionId: id });
    await ack(facilitator, 'contribution:project', { contributionId: id });
    await ack(facilitator, 'contribution:mark', { contributionId: id, handled: 'answered' });
    ids.push(id);
  }
  await ack(facilitator, 'contribution:project', { contributionId: null });
  return ids;
}

/** Closes the workshop and waits until its closing push reached the group's record. */
export async function closeAndWaitForRecord(organiser: CroiseeClient, facilitator: CroiseeSocket, workshopId: string, timeoutMs = 20_000): Promise<void> {
  const before = (await organiser.recordVersions(workshopId)).length;
  await ack(facilitator, 'workshop:close', {});
  const end = Date.now() + timeoutMs;
  while ((await organiser.recordVersions(workshopId)).length <= before) {
    if (Date.now() > end) throw new Error('the closed workshop was not pushed to its record');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Disconnects everyone. */
export function leave(sockets: Iterable<CroiseeSocket>): void {
  for (const socket of sockets) socket.disconnect();
}
