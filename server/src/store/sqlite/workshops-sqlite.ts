import type Database from 'better-sqlite3';
import type { WorkshopState } from '../../../../shared/schemas/workshops';
import type {
  SettingsRepository,
  WorkingGroupRecord,
  WorkingGroupRepository,
  WorkshopRecord,
  WorkshopRepository,
} from '../ports';

export class SqliteSettings implements SettingsRepository {
  readonly #get: Database.Statement<[string], { value: string }>;
  readonly #insert: Database.Statement<[string, string]>;
  readonly #upsert: Database.Statement<[string, string]>;

  constructor(db: Database.Database) {
    this.#get = db.prepare('SELECT value FROM settings WHERE key = ?');
    this.#insert = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO NOTHING');
    this.#upsert = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  }

  async get(key: string): Promise<string | null> {
    return this.#get.get(key)?.value ?? null;
  }

  async setIfAbsent(key: string, value: string): Promise<string> {
    this.#insert.run(key, value);
    return this.#get.get(key)!.value;
  }

  async set(key: string, value: string): Promise<void> {
    this.#upsert.run(key, value);
  }
}

interface GroupRow {
  id: string;
  name: string;
  purpose: string;
  created_at: string;
}

const toGroup = (r: GroupRow): WorkingGroupRecord => ({ id: r.id, name: r.name, purpose: r.purpose, createdAt: r.created_at });

export class SqliteGroups implements WorkingGroupRepository {
  readonly #insert: Database.Statement<[string, string, string, string]>;
  readonly #get: Database.Statement<[string], GroupRow>;
  readonly #list: Database.Statement<[], GroupRow>;

  constructor(db: Database.Database) {
    this.#insert = db.prepare('INSERT INTO working_groups (id, name, purpose, created_at) VALUES (?, ?, ?, ?)');
    this.#get = db.prepare('SELECT * FROM working_groups WHERE id = ?');
    this.#list = db.prepare('SELECT * FROM working_groups ORDER BY created_at, name');
  }

  async insert(g: WorkingGroupRecord): Promise<void> {
    this.#insert.run(g.id, g.name, g.purpose, g.createdAt);
  }

  async get(id: string): Promise<WorkingGroupRecord | null> {
    const row = this.#get.get(id);
    return row ? toGroup(row) : null;
  }

  async list(): Promise<WorkingGroupRecord[]> {
    return this.#list.all().map(toGroup);
  }
}

interface WorkshopRow {
  id: string;
  group_id: string;
  title: string;
  date: string;
  state: WorkshopState;
  join_code: string;
  facilitator_secret: string;
  projection_secret: string;
  standpoints: string;
  created_at: string;
  opened_at: string | null;
  closed_at: string | null;
}

const toWorkshop = (r: WorkshopRow): WorkshopRecord => ({
  id: r.id,
  groupId: r.group_id,
  title: r.title,
  date: r.date,
  state: r.state,
  joinCode: r.join_code,
  facilitatorSecret: r.facilitator_secret,
  projectionSecret: r.projection_secret,
  standpoints: JSON.parse(r.standpoints),
  createdAt: r.created_at,
  openedAt: r.opened_at,
  closedAt: r.closed_at,
});

export class SqliteWorkshops implements WorkshopRepository {
  readonly #db: Database.Database;
  readonly #insert: Database.Statement;
  readonly #get: Database.Statement<[string], WorkshopRow>;
  readonly #openByCode: Database.Statement<[string], WorkshopRow>;
  readonly #latestByCode: Database.Statement<[string], WorkshopRow>;
  readonly #byGroup: Database.Statement<[string], WorkshopRow>;

  constructor(db: Database.Database) {
    this.#db = db;
    this.#insert = db.prepare(`INSERT INTO workshops
      (id, group_id, title, date, state, join_code, facilitator_secret, projection_secret, standpoints, created_at, opened_at, closed_at)
      VALUES (@id, @groupId, @title, @date, @state, @joinCode, @facilitatorSecret, @projectionSecret, @standpoints, @createdAt, @openedAt, @closedAt)`);
    this.#get = db.prepare('SELECT * FROM workshops WHERE id = ?');
    this.#openByCode = db.prepare("SELECT * FROM workshops WHERE join_code = ? AND state <> 'closed'");
    this.#latestByCode = db.prepare('SELECT * FROM workshops WHERE join_code = ? ORDER BY created_at DESC LIMIT 1');
    this.#byGroup = db.prepare('SELECT * FROM workshops WHERE group_id = ? ORDER BY date DESC, created_at DESC');
  }

  async insert(w: WorkshopRecord): Promise<'ok' | 'join_code_taken'> {
    try {
      this.#insert.run({ ...w, standpoints: JSON.stringify(w.standpoints) });
      return 'ok';
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE' && String(error).includes('join_code')) {
        return 'join_code_taken';
      }
      throw error;
    }
  }

  async get(id: string): Promise<WorkshopRecord | null> {
    const row = this.#get.get(id);
    return row ? toWorkshop(row) : null;
  }

  async findOpenByJoinCode(code: string): Promise<WorkshopRecord | null> {
    const row = this.#openByCode.get(code);
    return row ? toWorkshop(row) : null;
  }

  async findLatestByJoinCode(code: string): Promise<WorkshopRecord | null> {
    const row = this.#latestByCode.get(code);
    return row ? toWorkshop(row) : null;
  }

  async listByGroup(groupId: string): Promise<WorkshopRecord[]> {
    return this.#byGroup.all(groupId).map(toWorkshop);
  }

  async transition(id: string, from: readonly WorkshopState[], to: WorkshopState, at: string): Promise<WorkshopRecord | null> {
    const placeholders = from.map(() => '?').join(', ');
    const stamp = to === 'live' ? ', opened_at = COALESCE(opened_at, ?)' : to === 'closed' ? ', closed_at = ?' : '';
    const params: unknown[] = [to];
    if (stamp) params.push(at);
    params.push(id, ...from);
    const row = this.#db
      .prepare(`UPDATE workshops SET state = ?${stamp} WHERE id = ? AND state IN (${placeholders}) RETURNING *`)
      .get(...params) as WorkshopRow | undefined;
    return row ? toWorkshop(row) : null;
  }
}
