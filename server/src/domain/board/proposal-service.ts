import { BOARD_LIMITS, boardDocName, proposalDocName } from '../../../../shared/board-doc';
import { CroiseeError } from '../../../../shared/errors';
import { PROPOSAL_VOTE_CHOICES, type CreateProposalInput, type ProposalStatus } from '../../../../shared/schemas/board';
import type { Role } from '../../../../shared/schemas/workshops';
import type { MySupportsView, ProposalScreenView, ProposalView, StandpointCountView } from '../../../../shared/views-board';
import type { EventBus } from '../../bus/event-bus';
import type { Store, WorkshopRecord } from '../../store/ports';
import type { AgendaService } from '../agenda/agenda-service';
import type { Clock } from '../clock';
import { newId } from '../ids';
import type { PollService } from '../polls/poll-service';
import { DEFAULT_PRIVACY_THRESHOLD } from '../privacy/privacy-threshold';
import type { WorkshopService } from '../workshops/workshop-service';
import type { EditResult } from './board-doc-edits';
import { boardError } from './board-errors';
import type { BoardActor, DotVoter } from './board-service';
import type { ProposalChange, ProposalRecord } from './board-store';
import { isWritable, statusesBefore } from './proposal-status';
import { readProposalBody } from './proposal-text';
import type { SharedDocuments } from './shared-documents';
import { groupBy, standpointBreakdown } from './standpoint-breakdown';

/** What the working group's record keeps of a proposal: its final text as Markdown and plain text. */
export interface ProposalText {
  id: string;
  title: string;
  status: ProposalStatus;
  supports: number;
  supportsByStandpoint: StandpointCountView[];
  pollItemId: string | null;
  markdown: string;
  plainText: string;
}

/** Who sees the list: facilitators also get supports by standpoint; `writable` depends on the role. */
export type ProposalAudience = Role;

const SHORT_TITLE = 80;

/** The first words of a card's text, as a default title. */
function titleFrom(text: string): string {
  const line = text.trim().split('\n')[0]!.trim();
  if (line.length <= SHORT_TITLE) return line;
  const cut = line.slice(0, SHORT_TITLE);
  return `${cut.slice(0, cut.lastIndexOf(' ') > 40 ? cut.lastIndexOf(' ') : SHORT_TITLE).trimEnd()}…`;
}

/**
 * Proposals ("propositions"): a title here, a rich text co-written in their Yjs document; born from
 * scratch or from a card; supported once per participant (counted in the store); put to a vote as a
 * poll of the agenda; adopted or not by the facilitator.
 */
export class ProposalService {
  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
    private readonly clock: Clock,
    private readonly workshops: WorkshopService,
    private readonly polls: PollService,
    private readonly agenda: AgendaService,
    private readonly documents: SharedDocuments,
    private readonly threshold: number = DEFAULT_PRIVACY_THRESHOLD,
  ) {}

  /** Every proposal of the workshop as this audience sees it. */
  async list(workshopId: string, audience: ProposalAudience): Promise<ProposalView[]> {
    const [records, workshop, counts] = await Promise.all([
      this.store.proposals.list(workshopId),
      this.workshops.require(workshopId),
      this.store.proposals.supportCounts(workshopId),
    ]);
    const byProposal = groupBy(counts, (row) => row.proposalId);
    return records.map((record) => this.#view(record, workshop, audience, byProposal.get(record.id) ?? []));
  }

  /** The proposal, if it belongs to this workshop. */
  async require(workshopId: string, proposalId: string): Promise<ProposalRecord> {
    const proposal = await this.store.proposals.get(proposalId);
    if (!proposal || proposal.workshopId !== workshopId) throw boardError('proposal_not_found');
    return proposal;
  }

  async create(actor: BoardActor, input: CreateProposalInput): Promise<ProposalView> {
    const workshop = await this.#open(actor.workshopId);
    let paragraphs: string[] = [];
    let title = input.title;
    if (input.fromCardId) {
      const card = await this.store.board.getCard(input.fromCardId);
      if (!card || card.workshopId !== actor.workshopId || card.deletedAt) throw boardError('card_not_found');
      const read = (await this.#edit(boardDocName(actor.workshopId), 'board.readCard', { cardId: input.fromCardId })) as EditResult<{ text: string }>;
      if (!read.ok) throw boardError(read.error);
      paragraphs = read.text.split(/\n+/).map((p) => p.trim()).filter((p) => p !== '');
      title ??= titleFrom(read.text) || 'Proposition';
    }
    const record: ProposalRecord = {
      id: newId(),
      workshopId: actor.workshopId,
      title: title!,
      status: 'draft',
      locked: false,
      fromCardId: input.fromCardId ?? null,
      pollItemId: null,
      createdAt: this.clock.now().toISOString(),
      decidedAt: null,
    };
    if ((await this.store.proposals.insert(record, BOARD_LIMITS.proposals)) === 'too_many') throw boardError('too_many_proposals');
    if (paragraphs.length > 0) {
      try {
        await this.#edit(proposalDocName(actor.workshopId, record.id), 'proposal.init', { paragraphs });
      } catch (error) {
        await this.store.proposals.remove(record.id, this.clock.now().toISOString());
        throw error;
      }
    }
    this.#changed(actor.workshopId, record.id);
    return this.#view(record, workshop, actor.role, []);
  }

  /** Anyone who may write the text may change the title. */
  async retitle(actor: BoardActor, proposalId: string, title: string): Promise<ProposalView> {
    const workshop = await this.#open(actor.workshopId);
    const proposal = await this.require(actor.workshopId, proposalId);
    if (proposal.status !== 'draft') throw boardError('proposal_decided');
    if (proposal.locked) throw boardError('proposal_locked');
    const updated = await this.store.proposals.update(proposalId, { title }, ['draft']);
    if (!updated) throw boardError('proposal_decided');
    this.#changed(actor.workshopId, proposalId);
    return this.#viewOf(updated, workshop, actor.role);
  }

  async support(voter: DotVoter, proposalId: string): Promise<MySupportsView> {
    return this.#supportChange(voter, proposalId, await this.store.proposals.support({ ...voter, proposalId }));
  }

  async unsupport(voter: DotVoter, proposalId: string): Promise<MySupportsView> {
    const input = { workshopId: voter.workshopId, participantId: voter.participantId, proposalId };
    return this.#supportChange(voter, proposalId, await this.store.proposals.unsupport(input));
  }

  async mySupports(workshopId: string, participantId: string): Promise<MySupportsView> {
    return { proposalIds: await this.store.proposals.ownSupports(workshopId, participantId) };
  }

  async setLocked(workshopId: string, proposalId: string, locked: boolean): Promise<ProposalView> {
    return this.#update(workshopId, proposalId, { locked }, ['draft', 'voting', 'adopted', 'not_adopted']);
  }

  /**
   * Adds a single-choice poll « Pour / Contre / Abstention » to the agenda and marks the proposal as
   * being voted. With `open`, the poll is opened at once: the workshop must be live and no other
   * activity open, checked before anything is created.
   */
  async putToVote(workshopId: string, proposalId: string, open: boolean): Promise<{ proposal: ProposalView; pollItemId: string }> {
    const workshop = await this.#open(workshopId);
    const proposal = await this.require(workshopId, proposalId);
    if (proposal.status !== 'draft') throw new CroiseeError('invalid_transition', 'Seule une proposition en cours d’écriture peut être mise au vote.');
    if (open && workshop.state !== 'live') throw new CroiseeError('workshop_not_live', 'Ouvrez d’abord l’atelier.');
    if (open && (await this.store.agenda.findOpen(workshopId))) throw new CroiseeError('conflict', 'Une autre activité est ouverte : fermez-la d’abord.');
    const question = `Proposition : ${proposal.title}`.slice(0, 300);
    const poll = await this.polls.create(workshopId, { kind: 'single', question, choices: [...PROPOSAL_VOTE_CHOICES], results: 'live' });
    const updated = await this.store.proposals.update(proposalId, { status: 'voting', pollItemId: poll.id }, ['draft']);
    if (!updated) {
      await this.agenda.remove(workshopId, poll.id);
      throw new CroiseeError('invalid_transition', 'Cette proposition vient de changer : réessayez.');
    }
    this.#changed(workshopId, proposalId);
    if (open) await this.agenda.open(workshopId, poll.id);
    return { proposal: await this.#viewOf(updated, workshop, 'facilitator'), pollItemId: poll.id };
  }

  /** Adopted, not adopted, or back to draft. */
  async decide(workshopId: string, proposalId: string, status: 'adopted' | 'not_adopted' | 'draft'): Promise<ProposalView> {
    const decidedAt = status === 'draft' ? null : this.clock.now().toISOString();
    return this.#update(workshopId, proposalId, { status, decidedAt }, statusesBefore(status));
  }

  /** Removes a draft proposal (its supports with it, and the projection stops showing it). */
  async remove(workshopId: string, proposalId: string): Promise<void> {
    await this.require(workshopId, proposalId);
    const wasShown = (await this.store.proposals.shown(workshopId)) === proposalId;
    if (!(await this.store.proposals.remove(proposalId, this.clock.now().toISOString()))) {
      throw new CroiseeError('invalid_transition', 'Seule une proposition en cours d’écriture peut être supprimée.');
    }
    this.#changed(workshopId, proposalId);
    if (wasShown) this.bus.publish({ type: 'proposals.shown', workshopId });
  }

  /** The proposal whose text the projection shows. */
  async shown(workshopId: string): Promise<ProposalScreenView> {
    return { proposalId: await this.store.proposals.shown(workshopId) };
  }

  /** Shows a proposal's text on the projection, in place of any other; null stops showing one. */
  async show(workshopId: string, proposalId: string | null): Promise<ProposalScreenView> {
    await this.#open(workshopId);
    if (!(await this.store.proposals.show(workshopId, proposalId))) throw boardError('proposal_not_found');
    this.bus.publish({ type: 'proposals.shown', workshopId });
    if (proposalId) {
      // Showing a text is asked for now: the results of an activity closed earlier leave the screen for
      // it (an open activity keeps the screen until it is closed).
      const onStage = await this.agenda.currentItem(workshopId);
      if (onStage?.state === 'closed') await this.agenda.setDisplay(workshopId, { itemId: onStage.id, showResults: false });
    }
    return { proposalId };
  }

  /** The final text of every proposal, as Markdown and plain text, for the working group's record. */
  async texts(workshopId: string): Promise<ProposalText[]> {
    const views = await this.list(workshopId, 'facilitator');
    return Promise.all(
      views.map(async (view) => {
        const body = await this.documents.read(proposalDocName(workshopId, view.id), readProposalBody);
        return {
          id: view.id,
          title: view.title,
          status: view.status,
          supports: view.supports,
          supportsByStandpoint: view.supportsByStandpoint ?? [],
          pollItemId: view.pollItemId,
          ...body,
        };
      }),
    );
  }

  async #supportChange(voter: DotVoter, proposalId: string, outcome: Awaited<ReturnType<Store['proposals']['support']>>): Promise<MySupportsView> {
    if (outcome === 'not_found') throw boardError('proposal_not_found');
    if (outcome === 'proposal_decided') throw boardError('proposal_decided');
    if (outcome === 'workshop_not_live') throw new CroiseeError('workshop_not_live', 'L’atelier n’est pas en cours.');
    if (outcome === 'changed') this.#changed(voter.workshopId, proposalId);
    return this.mySupports(voter.workshopId, voter.participantId);
  }

  async #update(workshopId: string, proposalId: string, change: ProposalChange, from: ProposalStatus[]): Promise<ProposalView> {
    const workshop = await this.#open(workshopId);
    const proposal = await this.require(workshopId, proposalId);
    const updated = await this.store.proposals.update(proposalId, change, from);
    if (!updated) {
      throw new CroiseeError('invalid_transition', `La proposition est « ${proposal.status} » : impossible de passer à « ${change.status} ».`);
    }
    this.#changed(workshopId, proposalId);
    return this.#viewOf(updated, workshop, 'facilitator');
  }

  async #viewOf(record: ProposalRecord, workshop: WorkshopRecord, audience: ProposalAudience): Promise<ProposalView> {
    const counts = (await this.store.proposals.supportCounts(record.workshopId)).filter((row) => row.proposalId === record.id);
    return this.#view(record, workshop, audience, counts);
  }

  #view(record: ProposalRecord, workshop: WorkshopRecord, audience: ProposalAudience, counts: ReadonlyArray<{ standpoint: string | null; supports: number }>): ProposalView {
    const view: ProposalView = {
      id: record.id,
      title: record.title,
      status: record.status,
      locked: record.locked,
      writable: audience !== 'projection' && isWritable(record, workshop.state === 'closed'),
      supports: counts.reduce((sum, row) => sum + row.supports, 0),
      pollItemId: record.pollItemId,
      fromCardId: record.fromCardId,
      createdAt: record.createdAt,
      docName: proposalDocName(record.workshopId, record.id),
    };
    if (audience === 'facilitator') {
      const order = workshop.standpoints.map((s) => s.key);
      view.supportsByStandpoint = standpointBreakdown(counts.map((r) => ({ standpoint: r.standpoint, count: r.supports })), order, this.threshold);
    }
    return view;
  }

  async #edit(docName: string, name: string, args: object): Promise<unknown> {
    try {
      return await this.documents.edit(docName, name, args);
    } catch (error) {
      if (error instanceof CroiseeError) throw error;
      throw Object.assign(boardError('board_unavailable'), { cause: error });
    }
  }

  async #open(workshopId: string): Promise<WorkshopRecord> {
    const workshop = await this.workshops.require(workshopId);
    if (workshop.state === 'closed') throw new CroiseeError('workshop_closed', 'Cet atelier est terminé.');
    return workshop;
  }

  #changed(workshopId: string, proposalId: string): void {
    this.bus.publish({ type: 'proposals.changed', workshopId, proposalId });
  }
}

/** Whether a viewer with this role may write a proposal's text now. */
export function proposalWritable(proposal: ProposalRecord, workshop: WorkshopRecord, role: Role): boolean {
  return role !== 'projection' && isWritable(proposal, workshop.state === 'closed');
}
