import type Database from 'better-sqlite3';
import type { AgendaItemRecord, AgendaRepository, NewAgendaItem } from '../../domain/agenda/agenda-store';
import { GroupCommit } from './group-commit';

export interface AgendaItemRow {
  id: string;
  workshop_id: string;
  kind: AgendaItemRecord['kind'];
  position: number;
  state: AgendaItemRecord['state'];
  results: AgendaItemRecord['results'];
  show_results: number;
  by_standpoint: number;
  created_at: string;
  opened_at: string | null;
  closed_at: string | null;
}

export const toAgendaItem = (r: AgendaItemRow): AgendaItemRecord => ({
  id: r.id,
  workshopId: r.workshop_id,
  kind: r.kind,
  position: r.position,
  state: r.state,
  results: r.results,
  showResults: r.show_results === 1,
  byStandpoint: r.by_standpoint === 1,
  createdAt: r.created_at,
  openedAt: r.opened_at,
  closedAt: r.closed_at,
});

/** Inserts an agenda item at the end of its workshop's agenda; call inside the transaction that stores its content. */
export function insertAgendaItem(db: Database.Database, item: NewAgendaItem): AgendaItemRecord {
  const row = db
    .prepare(
      `INSERT INTO agenda_items (id, workshop_id, kind, position, state, results, show_results, by_standpoint, created_at)
       VALUES (@id, @workshopId, @kind,
         (SELECT COALESCE(MAX(position), 0) + 1 FROM agenda_items WHERE workshop_id = @workshopId),
         'draft', @results, @showResults, @byStandpoint, @createdAt)
       RETURNING *`,
    )
    .get({ ...item, showResults: item.showResults ? 1 : 0, byStandpoint: item.byStandpoint ? 1 : 0 }) as AgendaItemRow;
  return toAgendaItem(row);
}

/** Compare-and-set open → closed of an agenda item; call inside the transaction that settles its content. */
export function closeAgendaItem(db: Database.Database, id: string, at: string): AgendaItemRecord | null {
  const row = db
    .prepare(`UPDATE agenda_items SET state = 'closed', closed_at = ? WHERE id = ? AND state = 'open' RETURNING *`)
    .get(at, id) as AgendaItemRow | undefined;
  return row ? toAgendaItem(row) : null;
}

export class SqliteAgenda implements AgendaRepository {
  readonly #db: Database.Database;
  readonly #commit: GroupCommit;
  readonly #get: Database.Statement<[string], AgendaItemRow>;
  readonly #list: Database.Statement<[string], AgendaItemRow>;
  readonly #open: Database.Statement<[string], AgendaItemRow>;
  readonly #lastClosed: Database.Statement<[string], AgendaItemRow>;
  readonly #present: Database.Statement<[string], { n: number }>;

  constructor(db: Database.Database) {
    this.#db = db;
    this.#commit = GroupCommit.of(db);
    this.#get = db.prepare('SELECT * FROM agenda_items WHERE id = ?');
    this.#list = db.prepare('SELECT * FROM agenda_items WHERE workshop_id = ? ORDER BY position, created_at');
    this.#open = db.prepare(`SELECT * FROM agenda_items WHERE workshop_id = ? AND state = 'open'`);
    this.#lastClosed = db.prepare(
      `SELECT * FROM agenda_items WHERE workshop_id = ? AND state = 'closed' ORDER BY closed_at DESC, position DESC LIMIT 1`,
    );
    this.#present = db.prepare('SELECT COUNT(DISTINCT participant_id) AS n FROM connections WHERE workshop_id = ?');
  }

  async get(id: string): Promise<AgendaItemRecord | null> {
    const row = this.#get.get(id);
    return row ? toAgendaItem(row) : null;
  }

  async list(workshopId: string): Promise<AgendaItemRecord[]> {
    return this.#list.all(workshopId).map(toAgendaItem);
  }

  async findOpen(workshopId: string): Promise<AgendaItemRecord | null> {
    const row = this.#open.get(workshopId);
    return row ? toAgendaItem(row) : null;
  }

  async findLastClosed(workshopId: string): Promise<AgendaItemRecord | null> {
    const row = this.#lastClosed.get(workshopId);
    return row ? toAgendaItem(row) : null;
  }

  reorder(workshopId: string, ids: readonly string[]): Promise<boolean> {
    return this.#commit.run(() => {
      const current = this.#list.all(workshopId).map((r) => r.id);
      if (current.length !== ids.length || !ids.every((id) => current.includes(id))) return false;
      const set = this.#db.prepare('UPDATE agenda_items SET position = ? WHERE id = ?');
      ids.forEach((id, i) => set.run(i + 1, id));
      return true;
    });
  }

  remove(id: string): Promise<'removed' | 'open' | 'not_found'> {
    return this.#commit.run(() => {
      const row = this.#get.get(id);
      if (!row) return 'not_found';
      if (row.state === 'open') return 'open';
      this.#db.prepare('DELETE FROM agenda_items WHERE id = ?').run(id);
      // Close the gap so that positions stay 1..n.
      this.#db.prepare('UPDATE agenda_items SET position = position - 1 WHERE workshop_id = ? AND position > ?').run(row.workshop_id, row.position);
      return 'removed';
    });
  }

  open(id: string, at: string): Promise<'opened' | 'not_draft' | 'another_open'> {
    return this.#commit.run(() => {
      const row = this.#get.get(id);
      if (!row || row.state !== 'draft') return 'not_draft';
      if (this.#open.get(row.workshop_id)) return 'another_open';
      this.#db.prepare(`UPDATE agenda_items SET state = 'open', opened_at = ? WHERE id = ? AND state = 'draft'`).run(at, id);
      return 'opened';
    });
  }

  setDisplay(id: string, display: { showResults?: boolean; byStandpoint?: boolean }): Promise<AgendaItemRecord | null> {
    return this.#commit.run(() => {
      const row = this.#db
        .prepare(
          `UPDATE agenda_items SET show_results = COALESCE(?, show_results), by_standpoint = COALESCE(?, by_standpoint)
           WHERE id = ? RETURNING *`,
        )
        .get(flag(display.showResults), flag(display.byStandpoint), id) as AgendaItemRow | undefined;
      return row ? toAgendaItem(row) : null;
    });
  }

  async presentCount(workshopId: string): Promise<number> {
    return this.#present.get(workshopId)!.n;
  }
}

const flag = (value: boolean | undefined): number | null => (value === undefined ? null : value ? 1 : 0);
