import type Database from 'better-sqlite3';
import type {
  ContributionHandled,
  ContributionModeration,
  ContributionRecord,
  ContributionRepository,
  ContributionSettings,
  ContributionWithSupports,
  QueueChange,
  QueueRepository,
  SpeakingQueueStore,
} from '../../domain/speaking-queue/queue-store';
import type { QueueState } from '../../domain/speaking-queue/queue-types';
import type { StandpointCount } from '../ports';

/** A queue the presence sweep must look at: someone waits or speaks. */
const isActive = (state: QueueState): boolean => state.waiting.length > 0 || state.speaking !== null;

export class SqliteQueues implements QueueRepository {
  readonly #db: Database.Database;
  readonly #get: Database.Statement<[string], { state: string }>;
  readonly #put: Database.Statement;
  readonly #active: Database.Statement<[], { workshop_id: string }>;

  constructor(db: Database.Database) {
    this.#db = db;
    this.#get = db.prepare('SELECT state FROM speaking_queues WHERE workshop_id = ?');
    this.#put = db.prepare(`INSERT INTO speaking_queues (workshop_id, state, active, updated_at) VALUES (@workshopId, @state, @active, @at)
      ON CONFLICT (workshop_id) DO UPDATE SET state = excluded.state, active = excluded.active, updated_at = excluded.updated_at`);
    this.#active = db.prepare(`SELECT q.workshop_id FROM speaking_queues q JOIN workshops w ON w.id = q.workshop_id
      WHERE q.active = 1 AND w.state = 'live'`);
  }

  async load(workshopId: string): Promise<QueueState | null> {
    const row = this.#get.get(workshopId);
    return row ? (JSON.parse(row.state) as QueueState) : null;
  }

  async update<R>(workshopId: string, initial: () => QueueState, change: (state: QueueState) => QueueChange<R>, at: string): Promise<R> {
    return this.#db.transaction(() => {
      const row = this.#get.get(workshopId);
      const { next, result } = change(row ? (JSON.parse(row.state) as QueueState) : initial());
      if (next !== null) this.#put.run({ workshopId, state: JSON.stringify(next), active: isActive(next) ? 1 : 0, at });
      return result;
    }).immediate();
  }

  async activeWorkshops(): Promise<string[]> {
    return this.#active.all().map((r) => r.workshop_id);
  }
}

interface ContributionRow {
  id: string;
  workshop_id: string;
  author_id: string;
  standpoint: string | null;
  kind: 'question' | 'testimony' | null;
  text: string;
  moderation: ContributionModeration;
  handled: 'read' | 'answered' | null;
  created_at: string;
}

const toContribution = (r: ContributionRow): ContributionRecord => ({
  id: r.id,
  workshopId: r.workshop_id,
  authorId: r.author_id,
  standpoint: r.standpoint,
  kind: r.kind,
  text: r.text,
  moderation: r.moderation,
  handled: r.handled,
  createdAt: r.created_at,
});

export class SqliteContributions implements ContributionRepository {
  readonly #settings: Database.Statement<[string], { approval_required: number; projected_contribution_id: string | null }>;
  readonly #setApproval: Database.Statement;
  readonly #setProjected: (workshopId: string, contributionId: string | null) => boolean;
  readonly #insert: Database.Transaction<(c: Omit<ContributionRecord, 'moderation' | 'handled'>, max: number) => { moderation: ContributionModeration } | 'limit_reached'>;
  readonly #get: Database.Statement<[string], ContributionRow>;
  readonly #list: Database.Statement<[string], ContributionRow & { supports: number }>;
  readonly #support: (contributionId: string, participantId: string, at: string) => number;
  readonly #setModeration: (id: string, moderation: ContributionModeration) => void;
  readonly #setHandled: Database.Statement<[ContributionHandled, string]>;
  readonly #byStandpoint: Database.Statement<[string], StandpointCount>;
  readonly #authoredBy: Database.Statement<[string, string], ContributionRow>;
  readonly #supportedBy: Database.Statement<[string, string], { contribution_id: string }>;

  constructor(db: Database.Database) {
    this.#settings = db.prepare('SELECT approval_required, projected_contribution_id FROM speaking_contribution_settings WHERE workshop_id = ?');
    this.#setApproval = db.prepare(`INSERT INTO speaking_contribution_settings (workshop_id, approval_required) VALUES (?, ?)
      ON CONFLICT (workshop_id) DO UPDATE SET approval_required = excluded.approval_required`);
    const approvedIn = db.prepare<[string, string], { ok: number }>(
      `SELECT 1 AS ok FROM speaking_contributions WHERE id = ? AND workshop_id = ? AND moderation = 'approved'`,
    );
    const project = db.prepare(`INSERT INTO speaking_contribution_settings (workshop_id, projected_contribution_id) VALUES (?, ?)
      ON CONFLICT (workshop_id) DO UPDATE SET projected_contribution_id = excluded.projected_contribution_id`);
    this.#setProjected = db.transaction((workshopId: string, contributionId: string | null) => {
      if (contributionId !== null && !approvedIn.get(contributionId, workshopId)) return false;
      project.run(workshopId, contributionId);
      return true;
    });
    const countByAuthor = db.prepare<[string, string], { n: number }>(
      'SELECT COUNT(*) AS n FROM speaking_contributions WHERE workshop_id = ? AND author_id = ?',
    );
    const insert = db.prepare(`INSERT INTO speaking_contributions (id, workshop_id, author_id, standpoint, kind, text, moderation, handled, created_at)
      VALUES (@id, @workshopId, @authorId, @standpoint, @kind, @text, @moderation, NULL, @createdAt)`);
    this.#insert = db.transaction((c: Omit<ContributionRecord, 'moderation' | 'handled'>, max: number) => {
      if (countByAuthor.get(c.workshopId, c.authorId)!.n >= max) return 'limit_reached' as const;
      const moderation: ContributionModeration = this.#settings.get(c.workshopId)?.approval_required === 1 ? 'pending' : 'approved';
      insert.run({ ...c, moderation });
      return { moderation };
    });
    this.#get = db.prepare('SELECT * FROM speaking_contributions WHERE id = ?');
    this.#list = db.prepare(`SELECT c.*, (SELECT COUNT(*) FROM speaking_contribution_supports s WHERE s.contribution_id = c.id) AS supports
      FROM speaking_contributions c WHERE c.workshop_id = ? ORDER BY supports DESC, c.rowid ASC`);
    const addSupport = db.prepare(`INSERT INTO speaking_contribution_supports (contribution_id, participant_id, created_at) VALUES (?, ?, ?)
      ON CONFLICT (contribution_id, participant_id) DO NOTHING`);
    const countSupports = db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM speaking_contribution_supports WHERE contribution_id = ?');
    this.#support = db.transaction((contributionId: string, participantId: string, at: string) => {
      addSupport.run(contributionId, participantId, at);
      return countSupports.get(contributionId)!.n;
    });
    const moderate = db.prepare('UPDATE speaking_contributions SET moderation = ? WHERE id = ?');
    const unproject = db.prepare('UPDATE speaking_contribution_settings SET projected_contribution_id = NULL WHERE projected_contribution_id = ?');
    this.#setModeration = db.transaction((id: string, moderation: ContributionModeration) => {
      moderate.run(moderation, id);
      if (moderation !== 'approved') unproject.run(id);
    });
    this.#setHandled = db.prepare('UPDATE speaking_contributions SET handled = ? WHERE id = ?');
    this.#byStandpoint = db.prepare(`SELECT standpoint, COUNT(*) AS count FROM speaking_contributions
      WHERE workshop_id = ? AND moderation <> 'rejected' GROUP BY standpoint`);
    this.#authoredBy = db.prepare('SELECT * FROM speaking_contributions WHERE workshop_id = ? AND author_id = ? ORDER BY rowid');
    this.#supportedBy = db.prepare(`SELECT s.contribution_id FROM speaking_contribution_supports s
      JOIN speaking_contributions c ON c.id = s.contribution_id WHERE c.workshop_id = ? AND s.participant_id = ? ORDER BY s.rowid`);
  }

  async settings(workshopId: string): Promise<ContributionSettings> {
    const row = this.#settings.get(workshopId);
    return { approvalRequired: row?.approval_required === 1, projectedId: row?.projected_contribution_id ?? null };
  }

  async setApprovalRequired(workshopId: string, required: boolean): Promise<void> {
    this.#setApproval.run(workshopId, required ? 1 : 0);
  }

  async setProjected(workshopId: string, contributionId: string | null): Promise<boolean> {
    return this.#setProjected(workshopId, contributionId);
  }

  async insert(c: Omit<ContributionRecord, 'moderation' | 'handled'>, maxPerAuthor: number): Promise<{ moderation: ContributionModeration } | 'limit_reached'> {
    return this.#insert.immediate(c, maxPerAuthor);
  }

  async get(id: string): Promise<ContributionRecord | null> {
    const row = this.#get.get(id);
    return row ? toContribution(row) : null;
  }

  async list(workshopId: string): Promise<ContributionWithSupports[]> {
    return this.#list.all(workshopId).map((r) => ({ ...toContribution(r), supports: r.supports }));
  }

  async support(contributionId: string, participantId: string, at: string): Promise<number> {
    return this.#support(contributionId, participantId, at);
  }

  async setModeration(id: string, moderation: ContributionModeration): Promise<void> {
    this.#setModeration(id, moderation);
  }

  async setHandled(id: string, handled: ContributionHandled): Promise<void> {
    this.#setHandled.run(handled, id);
  }

  async countByStandpoint(workshopId: string): Promise<StandpointCount[]> {
    return this.#byStandpoint.all(workshopId);
  }

  async authoredBy(workshopId: string, participantId: string): Promise<ContributionRecord[]> {
    return this.#authoredBy.all(workshopId, participantId).map(toContribution);
  }

  async supportedBy(workshopId: string, participantId: string): Promise<string[]> {
    return this.#supportedBy.all(workshopId, participantId).map((r) => r.contribution_id);
  }
}

/** The speaking queue's repositories on one SQLite connection. */
export class SqliteSpeakingQueue implements SpeakingQueueStore {
  readonly queues: SqliteQueues;
  readonly contributions: SqliteContributions;

  constructor(db: Database.Database) {
    this.queues = new SqliteQueues(db);
    this.contributions = new SqliteContributions(db);
  }
}
