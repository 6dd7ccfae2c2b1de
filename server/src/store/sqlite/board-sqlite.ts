import type Database from 'better-sqlite3';
import { DEFAULT_DOT_BUDGET } from '../../../../shared/board-doc';
import type { ProposalStatus } from '../../../../shared/schemas/board';
import type {
  BoardCardRecord,
  BoardRepository,
  BoardSettingsRecord,
  DotInput,
  PlaceDotOutcome,
  ProposalChange,
  ProposalRecord,
  ProposalRepository,
  RemoveDotOutcome,
  SupportInput,
  SupportOutcome,
} from '../../domain/board/board-store';
import { GroupCommit } from './group-commit';

interface CardRow {
  id: string;
  workshop_id: string;
  author_id: string | null;
  created_at: string;
  deleted_at: string | null;
}

const toCard = (row: CardRow): BoardCardRecord => ({
  id: row.id,
  workshopId: row.workshop_id,
  authorId: row.author_id,
  createdAt: row.created_at,
  deletedAt: row.deleted_at,
});

/** Board lock, budget, card authors and dots on SQLite (migration 005). */
export class SqliteBoard implements BoardRepository {
  readonly #db: Database.Database;
  readonly #commit: GroupCommit;
  readonly #settings: Database.Statement<[string], { locked: number; dot_budget: number }>;
  readonly #card: Database.Statement<[string], CardRow>;
  readonly #dotGate: Database.Statement<[string], { workshop_id: string; deleted_at: string | null; state: string }>;
  readonly #workshopState: Database.Statement<[string], { state: string }>;
  readonly #insertDot: Database.Statement<[DotInput & { defaultBudget: number }]>;
  readonly #hasDot: Database.Statement<[string, string], { one: number }>;

  constructor(db: Database.Database) {
    this.#db = db;
    this.#commit = GroupCommit.of(db);
    this.#settings = db.prepare('SELECT locked, dot_budget FROM board_settings WHERE workshop_id = ?');
    this.#card = db.prepare('SELECT * FROM board_cards WHERE id = ?');
    this.#dotGate = db.prepare(`SELECT c.workshop_id, c.deleted_at, w.state FROM board_cards c JOIN workshops w ON w.id = c.workshop_id WHERE c.id = ?`);
    this.#workshopState = db.prepare('SELECT state FROM workshops WHERE id = ?');
    // The budget is checked by the insert itself: replays and concurrent sends cannot go past it.
    this.#insertDot = db.prepare(`INSERT INTO board_dots (card_id, participant_id, workshop_id, standpoint)
      SELECT @cardId, @participantId, @workshopId, @standpoint
      WHERE (SELECT COUNT(*) FROM board_dots WHERE workshop_id = @workshopId AND participant_id = @participantId)
        < COALESCE((SELECT dot_budget FROM board_settings WHERE workshop_id = @workshopId), @defaultBudget)
      ON CONFLICT (card_id, participant_id) DO NOTHING`);
    this.#hasDot = db.prepare('SELECT 1 AS one FROM board_dots WHERE card_id = ? AND participant_id = ?');
  }

  #read(workshopId: string): BoardSettingsRecord {
    const row = this.#settings.get(workshopId);
    return { workshopId, locked: row?.locked === 1, dotBudget: row?.dot_budget ?? DEFAULT_DOT_BUDGET };
  }

  async settings(workshopId: string): Promise<BoardSettingsRecord> {
    return this.#read(workshopId);
  }

  setLocked(workshopId: string, locked: boolean): Promise<BoardSettingsRecord> {
    return this.#commit.run(() => {
      this.#db
        .prepare(`INSERT INTO board_settings (workshop_id, locked, dot_budget) VALUES (?, ?, ?) ON CONFLICT (workshop_id) DO UPDATE SET locked = excluded.locked`)
        .run(workshopId, locked ? 1 : 0, DEFAULT_DOT_BUDGET);
      return this.#read(workshopId);
    });
  }

  setDotBudget(workshopId: string, dotBudget: number): Promise<BoardSettingsRecord> {
    return this.#commit.run(() => {
      this.#db
        .prepare(`INSERT INTO board_settings (workshop_id, locked, dot_budget) VALUES (?, 0, ?) ON CONFLICT (workshop_id) DO UPDATE SET dot_budget = excluded.dot_budget`)
        .run(workshopId, dotBudget);
      return this.#read(workshopId);
    });
  }

  insertCard(card: Omit<BoardCardRecord, 'deletedAt'>, maxCards: number): Promise<'ok' | 'board_full'> {
    return this.#commit.run(() => {
      const { n } = this.#db.prepare('SELECT COUNT(*) AS n FROM board_cards WHERE workshop_id = ? AND deleted_at IS NULL').get(card.workshopId) as { n: number };
      if (n >= maxCards) return 'board_full';
      this.#db
        .prepare('INSERT INTO board_cards (id, workshop_id, author_id, created_at) VALUES (?, ?, ?, ?)')
        .run(card.id, card.workshopId, card.authorId, card.createdAt);
      return 'ok';
    });
  }

  async getCard(id: string): Promise<BoardCardRecord | null> {
    const row = this.#card.get(id);
    return row ? toCard(row) : null;
  }

  deleteCard(id: string, at: string): Promise<{ refunded: string[] }> {
    return this.#commit.run(() => {
      const owners = this.#db.prepare('SELECT participant_id FROM board_dots WHERE card_id = ?').all(id) as Array<{ participant_id: string }>;
      this.#db.prepare('DELETE FROM board_dots WHERE card_id = ?').run(id);
      this.#db.prepare('UPDATE board_cards SET deleted_at = COALESCE(deleted_at, ?) WHERE id = ?').run(at, id);
      return { refunded: owners.map((o) => o.participant_id) };
    });
  }

  placeDot(dot: DotInput): Promise<PlaceDotOutcome> {
    return this.#commit.run((): PlaceDotOutcome => {
      const gate = this.#dotGate.get(dot.cardId);
      if (!gate || gate.workshop_id !== dot.workshopId || gate.deleted_at !== null) return 'card_not_found';
      if (gate.state !== 'live') return 'workshop_not_live';
      if (this.#insertDot.run({ ...dot, defaultBudget: DEFAULT_DOT_BUDGET }).changes === 1) return 'placed';
      return this.#hasDot.get(dot.cardId, dot.participantId) ? 'unchanged' : 'budget_exhausted';
    });
  }

  removeDot(dot: Omit<DotInput, 'standpoint'>): Promise<RemoveDotOutcome> {
    return this.#commit.run((): RemoveDotOutcome => {
      if (this.#workshopState.get(dot.workshopId)?.state !== 'live') return 'workshop_not_live';
      const changes = this.#db
        .prepare('DELETE FROM board_dots WHERE card_id = ? AND participant_id = ? AND workshop_id = ?')
        .run(dot.cardId, dot.participantId, dot.workshopId).changes;
      return changes === 1 ? 'removed' : 'unchanged';
    });
  }

  async ownCards(workshopId: string, participantId: string): Promise<string[]> {
    const rows = this.#db
      .prepare('SELECT id FROM board_cards WHERE workshop_id = ? AND author_id = ? AND deleted_at IS NULL ORDER BY created_at, id')
      .all(workshopId, participantId) as Array<{ id: string }>;
    return rows.map((r) => r.id);
  }

  async ownDots(workshopId: string, participantId: string): Promise<string[]> {
    const rows = this.#db
      .prepare('SELECT card_id FROM board_dots WHERE workshop_id = ? AND participant_id = ? ORDER BY card_id')
      .all(workshopId, participantId) as Array<{ card_id: string }>;
    return rows.map((r) => r.card_id);
  }

  async dotCounts(workshopId: string) {
    const rows = this.#db
      .prepare('SELECT card_id AS cardId, standpoint, COUNT(*) AS dots FROM board_dots WHERE workshop_id = ? GROUP BY card_id, standpoint')
      .all(workshopId) as Array<{ cardId: string; standpoint: string | null; dots: number }>;
    const { voters } = this.#db.prepare('SELECT COUNT(DISTINCT participant_id) AS voters FROM board_dots WHERE workshop_id = ?').get(workshopId) as {
      voters: number;
    };
    return { rows, voters };
  }
}

interface ProposalRow {
  id: string;
  workshop_id: string;
  title: string;
  status: ProposalStatus;
  locked: number;
  from_card_id: string | null;
  poll_item_id: string | null;
  created_at: string;
  decided_at: string | null;
}

const toProposal = (row: ProposalRow): ProposalRecord => ({
  id: row.id,
  workshopId: row.workshop_id,
  title: row.title,
  status: row.status,
  locked: row.locked === 1,
  fromCardId: row.from_card_id,
  pollItemId: row.poll_item_id,
  createdAt: row.created_at,
  decidedAt: row.decided_at,
});

const COLUMNS: Record<keyof ProposalChange, string> = {
  title: 'title',
  status: 'status',
  locked: 'locked',
  pollItemId: 'poll_item_id',
  decidedAt: 'decided_at',
};

/** Proposals and their supports on SQLite (migration 005). */
export class SqliteProposals implements ProposalRepository {
  readonly #db: Database.Database;
  readonly #commit: GroupCommit;
  readonly #get: Database.Statement<[string], ProposalRow>;
  readonly #gate: Database.Statement<[string], { workshop_id: string; status: ProposalStatus; state: string }>;

  constructor(db: Database.Database) {
    this.#db = db;
    this.#commit = GroupCommit.of(db);
    this.#get = db.prepare('SELECT * FROM proposals WHERE id = ? AND deleted_at IS NULL');
    this.#gate = db.prepare(`SELECT p.workshop_id, p.status, w.state FROM proposals p JOIN workshops w ON w.id = p.workshop_id
      WHERE p.id = ? AND p.deleted_at IS NULL`);
  }

  insert(p: ProposalRecord, max: number): Promise<'ok' | 'too_many'> {
    return this.#commit.run(() => {
      const { n } = this.#db.prepare('SELECT COUNT(*) AS n FROM proposals WHERE workshop_id = ? AND deleted_at IS NULL').get(p.workshopId) as { n: number };
      if (n >= max) return 'too_many';
      this.#db
        .prepare(`INSERT INTO proposals (id, workshop_id, title, status, locked, from_card_id, poll_item_id, created_at, decided_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
        .run(p.id, p.workshopId, p.title, p.status, p.locked ? 1 : 0, p.fromCardId, p.pollItemId, p.createdAt, p.decidedAt);
      return 'ok';
    });
  }

  async get(id: string): Promise<ProposalRecord | null> {
    const row = this.#get.get(id);
    return row ? toProposal(row) : null;
  }

  async list(workshopId: string): Promise<ProposalRecord[]> {
    const rows = this.#db
      .prepare('SELECT * FROM proposals WHERE workshop_id = ? AND deleted_at IS NULL ORDER BY created_at, rowid')
      .all(workshopId) as ProposalRow[];
    return rows.map(toProposal);
  }

  update(id: string, change: ProposalChange, from: readonly ProposalStatus[]): Promise<ProposalRecord | null> {
    return this.#commit.run(() => {
      const keys = (Object.keys(change) as Array<keyof ProposalChange>).filter((k) => change[k] !== undefined);
      const values = keys.map((k) => (k === 'locked' ? (change.locked ? 1 : 0) : (change[k] as string | null)));
      const sets = keys.map((k) => `${COLUMNS[k]} = ?`);
      const statuses = from.map(() => '?').join(', ');
      const changed = this.#db
        .prepare(`UPDATE proposals SET ${sets.length ? sets.join(', ') : 'id = id'} WHERE id = ? AND deleted_at IS NULL AND status IN (${statuses})`)
        .run(...values, id, ...from).changes;
      if (changed === 0) return null;
      return toProposal(this.#get.get(id)!);
    });
  }

  remove(id: string, at: string): Promise<boolean> {
    return this.#commit.run(() => {
      const changed = this.#db
        .prepare(`UPDATE proposals SET deleted_at = ? WHERE id = ? AND status = 'draft' AND deleted_at IS NULL`)
        .run(at, id).changes;
      if (changed === 1) {
        this.#db.prepare('DELETE FROM proposal_supports WHERE proposal_id = ?').run(id);
        this.#db.prepare('DELETE FROM proposal_screen WHERE proposal_id = ?').run(id);
      }
      return changed === 1;
    });
  }

  #check(input: Omit<SupportInput, 'standpoint'>): SupportOutcome | null {
    const gate = this.#gate.get(input.proposalId);
    if (!gate || gate.workshop_id !== input.workshopId) return 'not_found';
    if (gate.state !== 'live') return 'workshop_not_live';
    if (gate.status === 'adopted' || gate.status === 'not_adopted') return 'proposal_decided';
    return null;
  }

  support(input: SupportInput): Promise<SupportOutcome> {
    return this.#commit.run((): SupportOutcome => {
      const refused = this.#check(input);
      if (refused) return refused;
      const changes = this.#db
        .prepare(`INSERT INTO proposal_supports (proposal_id, participant_id, workshop_id, standpoint) VALUES (?, ?, ?, ?)
          ON CONFLICT (proposal_id, participant_id) DO NOTHING`)
        .run(input.proposalId, input.participantId, input.workshopId, input.standpoint).changes;
      return changes === 1 ? 'changed' : 'unchanged';
    });
  }

  unsupport(input: Omit<SupportInput, 'standpoint'>): Promise<SupportOutcome> {
    return this.#commit.run((): SupportOutcome => {
      const refused = this.#check(input);
      if (refused) return refused;
      const changes = this.#db
        .prepare('DELETE FROM proposal_supports WHERE proposal_id = ? AND participant_id = ?')
        .run(input.proposalId, input.participantId).changes;
      return changes === 1 ? 'changed' : 'unchanged';
    });
  }

  async ownSupports(workshopId: string, participantId: string): Promise<string[]> {
    const rows = this.#db
      .prepare('SELECT proposal_id FROM proposal_supports WHERE workshop_id = ? AND participant_id = ? ORDER BY proposal_id')
      .all(workshopId, participantId) as Array<{ proposal_id: string }>;
    return rows.map((r) => r.proposal_id);
  }

  async shown(workshopId: string): Promise<string | null> {
    const row = this.#db.prepare('SELECT proposal_id FROM proposal_screen WHERE workshop_id = ?').get(workshopId) as { proposal_id: string } | undefined;
    return row?.proposal_id ?? null;
  }

  show(workshopId: string, proposalId: string | null): Promise<boolean> {
    return this.#commit.run(() => {
      if (proposalId === null) {
        this.#db.prepare('DELETE FROM proposal_screen WHERE workshop_id = ?').run(workshopId);
        return true;
      }
      if (this.#gate.get(proposalId)?.workshop_id !== workshopId) return false;
      this.#db
        .prepare('INSERT INTO proposal_screen (workshop_id, proposal_id) VALUES (?, ?) ON CONFLICT (workshop_id) DO UPDATE SET proposal_id = excluded.proposal_id')
        .run(workshopId, proposalId);
      return true;
    });
  }

  async supportCounts(workshopId: string) {
    return this.#db
      .prepare('SELECT proposal_id AS proposalId, standpoint, COUNT(*) AS supports FROM proposal_supports WHERE workshop_id = ? GROUP BY proposal_id, standpoint')
      .all(workshopId) as Array<{ proposalId: string; standpoint: string | null; supports: number }>;
  }
}
