import type Database from 'better-sqlite3';
import type { WordCloudDefinition } from '../../../../shared/schemas/word-clouds';
import { OTHERS_STANDPOINT } from '../../../../shared/standpoints';
import type { AgendaItemRecord, NewAgendaItem } from '../../domain/agenda/agenda-store';
import type {
  AddEntryOutcome,
  NewEntry,
  OwnEntry,
  RemoveEntryOutcome,
  SmallContributorGroups,
  WordCloudAggregates,
  WordCloudRecord,
  WordCloudRepository,
} from '../../domain/word-clouds/word-cloud-store';
import { closeAgendaItem, insertAgendaItem, toAgendaItem, type AgendaItemRow } from './agenda-sqlite';
import { GroupCommit } from './group-commit';

interface CloudRow extends AgendaItemRow {
  prompt: string;
  max_entries: number;
  merged_standpoints: string | null;
}

type ContributorRow = WordCloudAggregates['contributorsByStandpoint'][number];

function toCloud(row: CloudRow): WordCloudRecord {
  const { prompt, max_entries, merged_standpoints, ...item } = row;
  return { item: toAgendaItem(item), definition: { prompt, maxEntries: max_entries, results: item.results } };
}

export class SqliteWordClouds implements WordCloudRepository {
  readonly #db: Database.Database;
  readonly #commit: GroupCommit;
  readonly #get: Database.Statement<[string], CloudRow>;
  readonly #gate: Database.Statement<
    [{ participantId: string; cloudId: string; workshopId: string }],
    { item_state: string; workshop_state: string; present: number; max_entries: number }
  >;
  readonly #own: Database.Statement<[string, string], { entry_id: string; text: string; key: string }>;
  readonly #byId: Database.Statement<[string, string], { participant_id: string | null }>;
  readonly #insert: Database.Statement;
  readonly #rows: Database.Statement<[string], { text: string; standpoint: string | null; count: number; blocked: number }>;
  readonly #liveContributors: Database.Statement<[string], ContributorRow>;
  readonly #storedContributors: Database.Statement<[string], ContributorRow>;
  readonly #moderation: Database.Statement<[string], { key: string; hidden: number }>;

  constructor(db: Database.Database) {
    this.#db = db;
    this.#commit = GroupCommit.of(db);
    this.#get = db.prepare(
      'SELECT a.*, c.prompt, c.max_entries, c.merged_standpoints FROM word_clouds c JOIN agenda_items a ON a.id = c.item_id WHERE c.item_id = ?',
    );
    this.#gate = db.prepare(`SELECT a.state AS item_state, w.state AS workshop_state, c.max_entries AS max_entries,
        EXISTS (SELECT 1 FROM connections x WHERE x.participant_id = @participantId) AS present
      FROM agenda_items a JOIN workshops w ON w.id = a.workshop_id JOIN word_clouds c ON c.item_id = a.id
      WHERE a.id = @cloudId AND a.workshop_id = @workshopId`);
    this.#own = db.prepare('SELECT entry_id, text, key FROM word_cloud_entries WHERE cloud_id = ? AND participant_id = ? ORDER BY created_at, rowid');
    this.#byId = db.prepare('SELECT participant_id FROM word_cloud_entries WHERE cloud_id = ? AND entry_id = ?');
    this.#insert = db.prepare(`INSERT INTO word_cloud_entries (cloud_id, entry_id, participant_id, standpoint, text, key, blocked, created_at)
      VALUES (@cloudId, @entryId, @participantId, @standpoint, @text, @key, @blocked, @createdAt)`);
    // Grouped by spelling, in order of first appearance (the tally breaks ties between spellings by it).
    this.#rows = db.prepare(`SELECT text, standpoint, COUNT(*) AS count, MAX(blocked) AS blocked FROM word_cloud_entries
      WHERE cloud_id = ? GROUP BY text, standpoint ORDER BY MIN(rowid)`);
    this.#liveContributors = db.prepare(`SELECT standpoint, COUNT(DISTINCT participant_id) AS contributors
      FROM word_cloud_entries WHERE cloud_id = ? GROUP BY standpoint`);
    this.#storedContributors = db.prepare('SELECT standpoint, contributors FROM word_cloud_contributors WHERE cloud_id = ?');
    this.#moderation = db.prepare('SELECT key, hidden FROM word_cloud_moderation WHERE cloud_id = ?');
  }

  create(item: NewAgendaItem, definition: WordCloudDefinition): Promise<WordCloudRecord> {
    return this.#commit.run(() => {
      const stored = insertAgendaItem(this.#db, item);
      this.#db.prepare('INSERT INTO word_clouds (item_id, prompt, max_entries) VALUES (?, ?, ?)').run(stored.id, definition.prompt, definition.maxEntries);
      return toCloud(this.#get.get(stored.id)!);
    });
  }

  async get(id: string): Promise<WordCloudRecord | null> {
    const row = this.#get.get(id);
    return row ? toCloud(row) : null;
  }

  update(id: string, definition: WordCloudDefinition): Promise<WordCloudRecord | null> {
    return this.#commit.run(() => {
      const changed = this.#db
        .prepare(`UPDATE word_clouds SET prompt = ?, max_entries = ? WHERE item_id = ? AND EXISTS (SELECT 1 FROM agenda_items WHERE id = ? AND state = 'draft')`)
        .run(definition.prompt, definition.maxEntries, id, id).changes;
      if (changed === 0) return null;
      this.#db.prepare('UPDATE agenda_items SET results = ? WHERE id = ?').run(definition.results, id);
      return toCloud(this.#get.get(id)!);
    });
  }

  addEntry(entry: NewEntry): Promise<AddEntryOutcome> {
    return this.#commit.run((): AddEntryOutcome => {
      const gate = this.#gate.get({ participantId: entry.participantId, cloudId: entry.cloudId, workshopId: entry.workshopId });
      if (!gate || gate.item_state !== 'open') return { status: 'cloud_not_open' };
      if (gate.workshop_state !== 'live') return { status: 'workshop_not_live' };
      if (gate.present !== 1) return { status: 'not_present' };
      const mine = this.#own.all(entry.cloudId, entry.participantId);
      if (mine.some((e) => e.entry_id === entry.entryId)) return { status: 'unchanged', entries: mine.map(toOwn) };
      if (mine.length >= gate.max_entries) return { status: 'limit_reached' };
      if (mine.some((e) => e.key === entry.key)) return { status: 'same_key' };
      // Entry ids are the clients' random choice: one already used by someone else is refused, not guessed around.
      if (this.#byId.get(entry.cloudId, entry.entryId)) return { status: 'entry_id_taken' };
      this.#insert.run({ ...entry, blocked: entry.blocked ? 1 : 0 });
      return { status: 'added', entries: this.#own.all(entry.cloudId, entry.participantId).map(toOwn) };
    });
  }

  removeEntry(cloudId: string, participantId: string, entryId: string): Promise<RemoveEntryOutcome> {
    return this.#commit.run((): RemoveEntryOutcome => {
      const cloud = this.#get.get(cloudId);
      if (cloud?.state !== 'open') return { status: 'cloud_not_open' };
      const removed = this.#db
        .prepare('DELETE FROM word_cloud_entries WHERE cloud_id = ? AND participant_id = ? AND entry_id = ?')
        .run(cloudId, participantId, entryId).changes;
      return { status: removed ? 'removed' : 'not_found', entries: this.#own.all(cloudId, participantId).map(toOwn) };
    });
  }

  async ownEntries(cloudId: string, participantId: string): Promise<OwnEntry[]> {
    return this.#own.all(cloudId, participantId).map(toOwn);
  }

  async aggregates(cloudId: string): Promise<WordCloudAggregates> {
    return this.#db.transaction((): WordCloudAggregates => {
      const cloud = this.#get.get(cloudId);
      const closed = cloud?.state === 'closed';
      const moderation = this.#moderation.all(cloudId);
      return {
        rows: this.#rows.all(cloudId).map((r) => ({ ...r, blocked: r.blocked === 1 })),
        contributorsByStandpoint: (closed ? this.#storedContributors : this.#liveContributors).all(cloudId),
        hiddenKeys: moderation.filter((m) => m.hidden === 1).map((m) => m.key),
        shownKeys: moderation.filter((m) => m.hidden === 0).map((m) => m.key),
        mergedStandpoints: closed && cloud.merged_standpoints ? JSON.parse(cloud.merged_standpoints) : [],
      };
    })();
  }

  moderate(cloudId: string, key: string, hidden: boolean): Promise<void> {
    return this.#commit.run(() => {
      this.#db
        .prepare('INSERT INTO word_cloud_moderation (cloud_id, key, hidden) VALUES (?, ?, ?) ON CONFLICT (cloud_id, key) DO UPDATE SET hidden = excluded.hidden')
        .run(cloudId, key, hidden ? 1 : 0);
    });
  }

  close(id: string, at: string, smallGroups: SmallContributorGroups): Promise<AgendaItemRecord | null> {
    return this.#commit.run(() => {
      const item = closeAgendaItem(this.#db, id, at);
      if (!item) return null;
      const contributors = this.#liveContributors.all(id);
      const merged = smallGroups(contributors);
      const group = (standpoint: string | null) => (merged.includes(standpoint) ? OTHERS_STANDPOINT : standpoint);
      const sums = new Map<string | null, number>();
      for (const row of contributors) sums.set(group(row.standpoint), (sums.get(group(row.standpoint)) ?? 0) + row.contributors);
      const insert = this.#db.prepare('INSERT INTO word_cloud_contributors (cloud_id, standpoint, contributors) VALUES (?, ?, ?)');
      for (const [standpoint, count] of sums) insert.run(id, standpoint, count);
      const regroup = this.#db.prepare('UPDATE word_cloud_entries SET standpoint = ? WHERE cloud_id = ? AND standpoint IS ?');
      for (const standpoint of merged) regroup.run(OTHERS_STANDPOINT, id, standpoint);
      // Entries stay, their authors are forgotten.
      this.#db.prepare('UPDATE word_cloud_entries SET participant_id = NULL WHERE cloud_id = ?').run(id);
      this.#db.prepare('UPDATE word_clouds SET merged_standpoints = ? WHERE item_id = ?').run(JSON.stringify(merged), id);
      return item;
    });
  }
}

const toOwn = (e: { entry_id: string; text: string }): OwnEntry => ({ entryId: e.entry_id, text: e.text });
