import type Database from 'better-sqlite3';
import type { PollDefinition } from '../../../../shared/schemas/polls';
import { OTHERS_STANDPOINT } from '../../../../shared/standpoints';
import type { AgendaItemRecord, NewAgendaItem } from '../../domain/agenda/agenda-store';
import type {
  CastBallotInput,
  CastBallotOutcome,
  OwnBallot,
  PollAggregates,
  PollRecord,
  PollRepository,
  SmallGroups,
} from '../../domain/polls/poll-store';
import { closeAgendaItem, insertAgendaItem, toAgendaItem, type AgendaItemRow } from './agenda-sqlite';
import { GroupCommit } from './group-commit';

interface PollRow extends AgendaItemRow {
  definition: string;
  present_at_close: number | null;
  merged_standpoints: string | null;
}

type CountRow = PollAggregates['counts'][number];
type TurnoutRow = PollAggregates['ballotsByStandpoint'][number];

/** A ballot's options as a bit set: bit i is option i (at most 12 options). */
const toMask = (choices: readonly number[]): number => choices.reduce((mask, i) => mask | (1 << i), 0);
const fromMask = (mask: number): number[] => [...Array(12).keys()].filter((i) => (mask >> i) & 1);

/**
 * Live counts from ballots grouped by standpoint and option set (a handful of rows, read from a covering
 * index): each group adds its size to every option its set holds, and to its standpoint's ballots.
 */
function countMasks(groups: Array<{ standpoint: string | null; choices: number; n: number }>): Pick<PollAggregates, 'counts' | 'ballotsByStandpoint'> {
  const counts = new Map<string, CountRow>();
  const turnout = new Map<string | null, number>();
  for (const group of groups) {
    turnout.set(group.standpoint, (turnout.get(group.standpoint) ?? 0) + group.n);
    for (const choice of fromMask(group.choices)) {
      const key = JSON.stringify([group.standpoint, choice]);
      const row = counts.get(key);
      if (row) row.count += group.n;
      else counts.set(key, { standpoint: group.standpoint, choice, count: group.n });
    }
  }
  return { counts: [...counts.values()], ballotsByStandpoint: [...turnout].map(([standpoint, ballots]) => ({ standpoint, ballots })) };
}

function toPoll(row: PollRow): PollRecord {
  const { definition, present_at_close, merged_standpoints, ...item } = row;
  return {
    item: toAgendaItem(item),
    definition: { ...JSON.parse(definition), results: item.results } as PollDefinition,
    presentAtClose: present_at_close,
  };
}

export class SqlitePolls implements PollRepository {
  readonly #db: Database.Database;
  readonly #commit: GroupCommit;
  readonly #get: Database.Statement<[string], PollRow>;
  readonly #gate: Database.Statement<[{ participantId: string; pollId: string; workshopId: string }], { item_state: string; workshop_state: string; present: number }>;
  readonly #rememberId: Database.Statement<[string, string]>;
  readonly #own: Database.Statement<[string, string], { choices: number; ballot_id: string }>;
  readonly #upsert: Database.Statement<[string, string, string | null, number, string]>;
  readonly #liveGroups: Database.Statement<[string], { standpoint: string | null; choices: number; n: number }>;
  readonly #present: Database.Statement<[string], { n: number }>;
  readonly #storedCounts: Database.Statement<[string], CountRow>;
  readonly #storedTurnout: Database.Statement<[string], TurnoutRow>;

  constructor(db: Database.Database) {
    this.#db = db;
    this.#commit = GroupCommit.of(db);
    this.#get = db.prepare('SELECT a.*, p.definition, p.present_at_close, p.merged_standpoints FROM polls p JOIN agenda_items a ON a.id = p.item_id WHERE p.item_id = ?');
    this.#gate = db.prepare(`SELECT a.state AS item_state, w.state AS workshop_state,
        EXISTS (SELECT 1 FROM connections c WHERE c.participant_id = @participantId) AS present
      FROM agenda_items a JOIN workshops w ON w.id = a.workshop_id
      WHERE a.id = @pollId AND a.workshop_id = @workshopId AND a.kind = 'poll'`);
    this.#rememberId = db.prepare('INSERT INTO poll_ballot_ids (poll_id, ballot_id) VALUES (?, ?) ON CONFLICT DO NOTHING');
    this.#own = db.prepare('SELECT choices, ballot_id FROM poll_ballots WHERE poll_id = ? AND participant_id = ?');
    this.#upsert = db.prepare(`INSERT INTO poll_ballots (poll_id, participant_id, standpoint, choices, ballot_id) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (poll_id, participant_id) DO UPDATE SET choices = excluded.choices, ballot_id = excluded.ballot_id`);
    this.#liveGroups = db.prepare('SELECT standpoint, choices, COUNT(*) AS n FROM poll_ballots WHERE poll_id = ? GROUP BY standpoint, choices');
    this.#present = db.prepare('SELECT COUNT(DISTINCT participant_id) AS n FROM connections WHERE workshop_id = ?');
    this.#storedCounts = db.prepare('SELECT standpoint, choice, count FROM poll_counts WHERE poll_id = ?');
    this.#storedTurnout = db.prepare('SELECT standpoint, ballots FROM poll_turnout WHERE poll_id = ?');
  }

  create(item: NewAgendaItem, definition: PollDefinition): Promise<PollRecord> {
    return this.#commit.run(() => {
      const stored = insertAgendaItem(this.#db, item);
      this.#db.prepare('INSERT INTO polls (item_id, definition) VALUES (?, ?)').run(stored.id, JSON.stringify(withoutResults(definition)));
      return toPoll(this.#get.get(stored.id)!);
    });
  }

  async get(id: string): Promise<PollRecord | null> {
    const row = this.#get.get(id);
    return row ? toPoll(row) : null;
  }

  update(id: string, definition: PollDefinition): Promise<PollRecord | null> {
    return this.#commit.run(() => {
      const changed = this.#db
        .prepare(`UPDATE polls SET definition = ? WHERE item_id = ? AND EXISTS (SELECT 1 FROM agenda_items WHERE id = ? AND state = 'draft')`)
        .run(JSON.stringify(withoutResults(definition)), id, id).changes;
      if (changed === 0) return null;
      this.#db.prepare('UPDATE agenda_items SET results = ? WHERE id = ?').run(definition.results, id);
      return toPoll(this.#get.get(id)!);
    });
  }

  castBallot(input: CastBallotInput): Promise<CastBallotOutcome> {
    return this.#commit.run((): CastBallotOutcome => {
      const gate = this.#gate.get({ participantId: input.participantId, pollId: input.pollId, workshopId: input.workshopId });
      if (!gate || gate.item_state !== 'open') return { status: 'poll_not_open' };
      if (gate.workshop_state !== 'live') return { status: 'workshop_not_live' };
      if (gate.present !== 1) return { status: 'not_present' };
      const current = this.#own.get(input.pollId, input.participantId);
      const fresh = this.#rememberId.run(input.pollId, input.ballotId).changes === 1;
      // An id seen before is a resend: answer with the ballot as it stands (a later change wins).
      if (!fresh && current) return { status: 'unchanged', ballot: { choices: fromMask(current.choices), ballotId: current.ballot_id } };
      const mask = toMask(input.choices);
      this.#upsert.run(input.pollId, input.participantId, input.standpoint, mask, input.ballotId);
      const ballot = { choices: fromMask(mask), ballotId: input.ballotId };
      return { status: current?.choices === mask ? 'unchanged' : 'recorded', ballot };
    });
  }

  async ownBallot(pollId: string, participantId: string): Promise<OwnBallot | null> {
    const row = this.#own.get(pollId, participantId);
    return row ? { choices: fromMask(row.choices), ballotId: row.ballot_id } : null;
  }

  async aggregates(pollId: string): Promise<PollAggregates> {
    const poll = this.#get.get(pollId);
    if (!poll) return { counts: [], ballotsByStandpoint: [], present: 0, mergedStandpoints: [] };
    if (poll.state === 'closed') {
      return {
        counts: this.#storedCounts.all(pollId),
        ballotsByStandpoint: this.#storedTurnout.all(pollId),
        present: poll.present_at_close ?? 0,
        mergedStandpoints: poll.merged_standpoints ? JSON.parse(poll.merged_standpoints) : [],
      };
    }
    // Read in one transaction so that counts and turnout describe the same ballots.
    return this.#db.transaction(() => ({
      ...countMasks(this.#liveGroups.all(pollId)),
      present: this.#present.get(poll.workshop_id)!.n,
      mergedStandpoints: [],
    }))();
  }

  async close(id: string, at: string, smallGroups: SmallGroups): Promise<AgendaItemRecord | null> {
    const closed = await this.#commit.run(() => {
      const item = closeAgendaItem(this.#db, id, at);
      if (!item) return null;
      const live = countMasks(this.#liveGroups.all(id));
      const merged = smallGroups(live.ballotsByStandpoint);
      const group = (standpoint: string | null) => (merged.includes(standpoint) ? OTHERS_STANDPOINT : standpoint);
      const settled = countMasks(this.#liveGroups.all(id).map((g) => ({ ...g, standpoint: group(g.standpoint) })));
      const insertCount = this.#db.prepare('INSERT INTO poll_counts (poll_id, standpoint, choice, count) VALUES (?, ?, ?, ?)');
      for (const row of settled.counts) insertCount.run(id, row.standpoint, row.choice, row.count);
      const insertTurnout = this.#db.prepare('INSERT INTO poll_turnout (poll_id, standpoint, ballots) VALUES (?, ?, ?)');
      for (const row of settled.ballotsByStandpoint) insertTurnout.run(id, row.standpoint, row.ballots);
      this.#db
        .prepare('UPDATE polls SET present_at_close = ?, merged_standpoints = ? WHERE item_id = ?')
        .run(this.#present.get(item.workshopId)!.n, JSON.stringify(merged), id);
      // The secret ballot: from here on, nothing ties a choice to a participant.
      this.#db.prepare('DELETE FROM poll_ballots WHERE poll_id = ?').run(id);
      this.#db.prepare('DELETE FROM poll_ballot_ids WHERE poll_id = ?').run(id);
      return item;
    });
    // secure_delete zeroed the ballots' bytes in the new page versions; the write-ahead log still holds
    // the old ones. Copying the log into the database and truncating it leaves no earlier version behind.
    if (closed && this.#db.open && !this.#db.memory) this.#db.pragma('wal_checkpoint(TRUNCATE)');
    return closed;
  }
}

function withoutResults(definition: PollDefinition): Omit<PollDefinition, 'results'> {
  const { results: _results, ...rest } = definition;
  return rest;
}
