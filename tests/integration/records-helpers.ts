import Database from 'better-sqlite3';
import JSZip from 'jszip';
import { hashToken } from '../../server/src/domain/ids';
import { normaliseEntry } from '../../server/src/domain/word-clouds/normalise-entry';
import { request, type CroiseeSocket, type EventPayload, type EventResult } from '../../shared/client/croisee-client';
import type { Failure } from '../../shared/errors';
import type { ClientToServerEvents } from '../../shared/events';
import type { RecordEntry } from '../../shared/views-records';
import type { OrganiserWorkshopView, WorkingGroupView } from '../../shared/views';
import { readBoard } from '../../shared/board-doc';
import { eventually, nextEvent, type TestServer } from '../helpers/server';
import { openBoard } from './board-helpers';

/** The answer of an acknowledged event, or a thrown error naming the refusal. */
export async function ok<E extends keyof ClientToServerEvents>(socket: CroiseeSocket, event: E, payload: EventPayload<E>): Promise<Extract<EventResult<E>, { ok: true }>> {
  const answer = (await request(socket, event, payload)) as EventResult<E>;
  if (!answer.ok) {
    const failure = answer as Failure;
    throw new Error(`${String(event)} refused: ${failure.code} ${failure.message}`);
  }
  return answer as Extract<EventResult<E>, { ok: true }>;
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let ids = 0;
export const clientId = (): string => `rec-${++ids}-${Math.random().toString(36).slice(2, 12)}`;

/** Distinctive pseudonyms, so that finding one in an export cannot be a coincidence. */
export const PSEUDONYMS = ['Zéphyrine-Pseudo', 'Barnabé-Pseudo', 'Ophélie-Pseudo', 'Théodule-Pseudo', 'Capucine-Pseudo', 'Anatole-Pseudo', 'Philomène-Pseudo', 'Hippolyte-Pseudo', 'Eulalie-Pseudo', 'Gaspard-Pseudo'];

/** Who joins: 4 people concerned, 3 professionals, and one each of three groups too small to be shown alone. */
export const STANDPOINTS: Array<string | null> = ['concerned', 'concerned', 'concerned', 'concerned', 'professional', 'professional', 'professional', 'elected', 'student', null];

export interface Joined {
  socket: CroiseeSocket;
  token: string;
  id: string;
  standpoint: string | null;
  pseudonym: string;
}

/** A group and a live workshop in it, the facilitator connected. */
export async function liveWorkshop(server: TestServer, options: { group?: WorkingGroupView; title?: string; date?: string } = {}) {
  const group = options.group ?? (await server.organiser.createGroup({ name: 'Accès aux droits', purpose: 'Faciliter l’accès aux droits sociaux' }));
  const workshop: OrganiserWorkshopView = await server.organiser.createWorkshop(group.id, { title: options.title ?? 'Accueil dans les services sociaux', date: options.date ?? '2026-11-22' });
  const facilitator = server.connect({ role: 'facilitator', workshopId: workshop.id, secret: workshop.facilitatorSecret });
  await nextEvent(facilitator, 'session');
  await ok(facilitator, 'workshop:open', {});
  return { group, workshop, facilitator };
}

/** Joins and connects one participant per standpoint given. */
export async function joinAll(server: TestServer, code: string, standpoints: Array<string | null> = STANDPOINTS): Promise<Joined[]> {
  return Promise.all(
    standpoints.map(async (standpoint, i) => {
      const pseudonym = PSEUDONYMS[i % PSEUDONYMS.length]!;
      const joined = await server.client.join({ code, standpoint, pseudonym });
      const socket = server.connect({ role: 'participant', token: joined.participantToken });
      await nextEvent(socket, 'session');
      const id = (await server.store.participants.findByTokenHash(hashToken(joined.participantToken)))!.id;
      return { socket, token: joined.participantToken, id, standpoint, pseudonym };
    }),
  );
}

export const QUESTION = 'Êtes-vous bien accueilli·e dans les services ?';
export const PROMPT = 'Un mot pour dire ce qui compte dans l’accueil';
export const CARD = 'Former les agents d’accueil à l’écoute';
export const PROPOSAL = 'Former les équipes d’accueil';

/**
 * A whole workshop through the real server: a poll everybody answers, a word cloud (one word hidden by
 * the facilitator, one insult caught by the blocklist), a speaking turn, written contributions (one
 * approved and supported, one left pending, one set aside), two board cards with dots (one signed with
 * its author's pseudonym), a proposal born from a card, supported and adopted, and a draft proposal.
 */
export async function runWorkshop(server: TestServer) {
  const { group, workshop, facilitator } = await liveWorkshop(server);
  const people = await joinAll(server, workshop.joinCode);
  const [c1, c2, c3, c4, p1, p2, p3, e1, s1, u1] = people as [Joined, Joined, Joined, Joined, Joined, Joined, Joined, Joined, Joined, Joined];

  const poll = await ok(facilitator, 'poll:create', { poll: { kind: 'single', question: QUESTION, choices: ['Oui', 'Non', 'Parfois'] } });
  await ok(facilitator, 'agenda:open', { itemId: poll.item.id });
  const votes: Array<[Joined, number]> = [[c1, 0], [c2, 0], [c3, 0], [c4, 1], [p1, 2], [p2, 2], [p3, 2], [e1, 0], [s1, 1], [u1, 2]];
  await Promise.all(votes.map(([p, choice]) => ok(p.socket, 'poll:vote', { itemId: poll.item.id, ballotId: clientId(), choices: [choice] })));
  await ok(facilitator, 'agenda:close', { itemId: poll.item.id });

  const cloud = await ok(facilitator, 'word-cloud:create', { cloud: { prompt: PROMPT, maxEntries: 3 } });
  await ok(facilitator, 'agenda:open', { itemId: cloud.item.id });
  const words: Array<[Joined, string[]]> = [
    [c1, ['Accueil', 'Écoute']], [c2, ['Accueil', 'Écoute']], [c3, ['Accueil', 'Écoute']], [c4, ['Accueil', 'Écoute']],
    [p1, ['accueil', 'Temps']], [p2, ['accueil', 'Temps']], [p3, ['accueil', 'Temps']],
    [e1, ['Accueils', 'Budget']], [s1, ['Écoute', 'connard']], [u1, ['Dignité']],
  ];
  for (const [p, list] of words) for (const text of list) await ok(p.socket, 'word-cloud:add', { itemId: cloud.item.id, entryId: clientId(), text });
  await ok(facilitator, 'word-cloud:hide', { itemId: cloud.item.id, key: normaliseEntry('Budget')!.key });
  await ok(facilitator, 'agenda:close', { itemId: cloud.item.id });

  const hand = await ok(c1.socket, 'queue:raise', { kind: 'question' });
  await ok(facilitator, 'queue:give', { ticketNumber: hand.ticketNumber });
  await pause(150);
  await ok(facilitator, 'queue:end-turn', {});

  const shown = await ok(c2.socket, 'contribution:submit', { text: 'Les horaires d’accueil ne conviennent pas aux familles.', kind: 'question' });
  await ok(p1.socket, 'contribution:support', { contributionId: shown.id });
  await ok(facilitator, 'contribution:set-approval', { required: true });
  await ok(s1.socket, 'contribution:submit', { text: 'Texte resté en attente de validation.', kind: null });
  const setAside = await ok(e1.socket, 'contribution:submit', { text: 'Texte écarté par l’animation.', kind: 'testimony' });
  await ok(facilitator, 'contribution:moderate', { contributionId: setAside.id, decision: 'reject' });

  // The board: its columns are written when it is first opened; read them as a client does.
  const staff = { role: 'facilitator', secret: workshop.facilitatorSecret } as const;
  const provider = await openBoard(server, { workshop, facilitator, staff, projection: { role: 'projection', secret: workshop.projectionSecret } }, staff);
  const columns = readBoard(provider.doc).columns;
  provider.destroy();
  const column = (title: string) => columns.find((c) => c.title === title)!.id;
  const card = await ok(c3.socket, 'board:card:add', { columnId: column('Formation'), text: CARD, signed: true });
  const other = await ok(p2.socket, 'board:card:add', { columnId: column('Accompagnement social'), text: 'Ouvrir le samedi matin' });
  for (const p of [c1, c2, c4, p1]) await ok(p.socket, 'board:dot:place', { cardId: card.cardId });
  await ok(p3.socket, 'board:dot:place', { cardId: other.cardId });
  const adopted = await ok(c3.socket, 'proposal:create', { title: PROPOSAL, fromCardId: card.cardId });
  for (const p of [c1, c2, c4, p1, p2, e1]) await ok(p.socket, 'proposal:support', { proposalId: adopted.proposal.id });
  await ok(facilitator, 'proposal:decide', { proposalId: adopted.proposal.id, status: 'adopted' });
  await ok(p1.socket, 'proposal:create', { title: 'Ouvrir le samedi' });

  return { group, workshop, facilitator, people, pollItemId: poll.item.id, cloudItemId: cloud.item.id, cardId: card.cardId, proposalId: adopted.proposal.id };
}

/** Waits until the workshop's entry has `count` versions. */
export async function waitForVersions(server: TestServer, workshopId: string, count: number) {
  await eventually(async () => (await server.organiser.recordVersions(workshopId)).length >= count, 10_000, `${count} record versions`);
  return server.organiser.recordVersions(workshopId);
}

/** Every participant id, pseudonym and device token stored for these workshops, read from the database file. */
export function participantSecrets(dbFile: string, workshopIds: readonly string[]): string[] {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    const rows = db
      .prepare(`SELECT id, pseudonym, token_hash FROM participants WHERE workshop_id IN (${workshopIds.map(() => '?').join(', ')})`)
      .all(...workshopIds) as Array<{ id: string; pseudonym: string | null; token_hash: string }>;
    return rows.flatMap((r) => [r.id, r.token_hash, ...(r.pseudonym ? [r.pseudonym] : [])]);
  } finally {
    db.close();
  }
}

/** The text of a DOCX's main part. */
export async function docxXml(bytes: Uint8Array): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const part = zip.file('word/document.xml');
  if (!part) throw new Error('no word/document.xml in the file');
  return part.async('string');
}

/** Every group of every breakdown in an entry, with the size of the breakdown it belongs to. */
export function breakdowns(entry: RecordEntry): Array<{ where: string; groups: Array<{ key: string; size: number }> }> {
  const out: Array<{ where: string; groups: Array<{ key: string; size: number }> }> = [];
  out.push({ where: 'attendance', groups: entry.attendance.byStandpoint.map((g) => ({ key: g.key, size: g.count })) });
  for (const p of entry.polls) out.push({ where: `poll ${p.question}`, groups: p.byStandpoint.map((g) => ({ key: g.key, size: g.ballots })) });
  for (const c of entry.wordClouds) {
    out.push({ where: `cloud ${c.prompt}`, groups: c.byStandpoint.map((g) => ({ key: g.key, size: g.contributors })) });
    for (const w of c.words) out.push({ where: `word ${w.display}`, groups: w.byStandpoint.map((g) => ({ key: g.key, size: g.count })) });
  }
  for (const p of entry.proposals) out.push({ where: `proposal ${p.title}`, groups: p.supports.byStandpoint.map((g) => ({ key: g.key, size: g.count })) });
  return out;
}
