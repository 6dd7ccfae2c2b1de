import type { ProposalView } from '../../../../shared/views-board';
import type { LiveConnection } from '../../lib/live/live-connection.svelte';
import { Intents, type RefusedIntent } from '../board/intents.svelte';

/**
 * The proposals of a workshop on one live connection: the list with support counts (pushed by the
 * server), this participant's supports, the proposal open in the editor, and the intents. The rich
 * text itself lives in each proposal's Yjs document, opened by the editor view.
 */
export class ProposalsState {
  list = $state.raw<ProposalView[]>([]);
  /** Participants: the proposals they support. */
  supported = $state.raw<string[]>([]);
  /** The proposal open in the editor, if any. */
  openId = $state<string | null>(null);
  /** Facilitators and projection: the proposal whose text the projection shows, if any. */
  shownId = $state<string | null>(null);

  readonly opened = $derived(this.list.find((proposal) => proposal.id === this.openId) ?? null);
  readonly shown = $derived(this.list.find((proposal) => proposal.id === this.shownId) ?? null);
  readonly role: 'participant' | 'facilitator' | 'projection';

  readonly #connection: LiveConnection;
  readonly #stops: Array<() => void>;
  readonly #intents = new Intents();

  constructor(connection: LiveConnection) {
    this.#connection = connection;
    this.role = connection.credentials.role;
    this.#stops = [
      connection.on('proposals', ({ proposals }) => {
        this.list = proposals;
        if (this.openId && !proposals.some((proposal) => proposal.id === this.openId)) this.openId = null;
      }),
      connection.on('proposal:mine', (mine) => {
        this.supported = mine.proposalIds;
      }),
      connection.on('proposal:shown', (shown) => {
        this.shownId = shown.proposalId;
      }),
    ];
  }

  /** Intents waiting for the server, by key (`create`, `support:<id>`, `staff:<id>`…). */
  get pending(): ReadonlySet<string> {
    return this.#intents.pending;
  }

  /** The last refused intent, until the next one. */
  get error(): RefusedIntent | null {
    return this.#intents.error;
  }

  supports(proposalId: string): boolean {
    return this.supported.includes(proposalId);
  }

  open(proposalId: string): void {
    this.openId = proposalId;
  }

  close(): void {
    this.openId = null;
  }

  /** A new proposal, from scratch (a title) or from a card; it opens in the editor. */
  async create(input: { title?: string; fromCardId?: string }): Promise<boolean> {
    return this.#intents.run('create', input.fromCardId ? `create:${input.fromCardId}` : 'create', () => this.#connection.request('proposal:create', input), ({ proposal }) => {
      this.#upsert(proposal);
      this.openId = proposal.id;
    });
  }

  retitle(proposalId: string, title: string): Promise<boolean> {
    return this.#intents.run('retitle', `retitle:${proposalId}`, () => this.#connection.request('proposal:retitle', { proposalId, title }), ({ proposal }) =>
      this.#upsert(proposal),
    );
  }

  support(proposalId: string): Promise<boolean> {
    return this.#intents.run('support', `support:${proposalId}`, () => this.#connection.request('proposal:support', { proposalId }), ({ mine }) => {
      this.supported = mine.proposalIds;
    });
  }

  unsupport(proposalId: string): Promise<boolean> {
    return this.#intents.run('support', `support:${proposalId}`, () => this.#connection.request('proposal:unsupport', { proposalId }), ({ mine }) => {
      this.supported = mine.proposalIds;
    });
  }

  setLocked(proposalId: string, locked: boolean): Promise<boolean> {
    return this.#intents.run('lock', `staff:${proposalId}`, () => this.#connection.request('proposal:lock', { proposalId, locked }), ({ proposal }) =>
      this.#upsert(proposal),
    );
  }

  /** Adds a « Pour / Contre / Abstention » poll to the agenda; `open` opens it at once. */
  putToVote(proposalId: string, open: boolean): Promise<boolean> {
    return this.#intents.run('vote', `staff:${proposalId}`, () => this.#connection.request('proposal:put-to-vote', { proposalId, open }), ({ proposal }) =>
      this.#upsert(proposal),
    );
  }

  decide(proposalId: string, status: 'adopted' | 'not_adopted' | 'draft'): Promise<boolean> {
    return this.#intents.run('decide', `staff:${proposalId}`, () => this.#connection.request('proposal:decide', { proposalId, status }), ({ proposal }) =>
      this.#upsert(proposal),
    );
  }

  /** Facilitator: shows this proposal's text on the projection, in place of any other; null: none. */
  show(proposalId: string, shown: boolean): Promise<boolean> {
    return this.#intents.run('show', `staff:${proposalId}`, () => this.#connection.request('proposal:show', { proposalId: shown ? proposalId : null }), (result) => {
      this.shownId = result.shown.proposalId;
    });
  }

  remove(proposalId: string): Promise<boolean> {
    return this.#intents.run('delete', `staff:${proposalId}`, () => this.#connection.request('proposal:delete', { proposalId }), () => {
      this.list = this.list.filter((proposal) => proposal.id !== proposalId);
      if (this.openId === proposalId) this.openId = null;
    });
  }

  dispose(): void {
    for (const stop of this.#stops) stop();
  }

  /** An ack's copy is newer than the list until the next coalesced frame. */
  #upsert(proposal: ProposalView): void {
    const known = this.list.some((candidate) => candidate.id === proposal.id);
    this.list = known ? this.list.map((candidate) => (candidate.id === proposal.id ? { ...candidate, ...proposal } : candidate)) : [...this.list, proposal];
  }

}
