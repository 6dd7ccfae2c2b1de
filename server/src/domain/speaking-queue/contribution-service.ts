import { CroiseeError } from '../../../../shared/errors';
import { SPEAKING_QUEUE_LIMITS } from '../../../../shared/schemas/speaking-queue';
import type {
  ContributionHandled,
  ContributionKind,
  ContributionModeration,
  ContributionView,
  ContributionsView,
  MyContributionsView,
  StaffContributionsView,
} from '../../../../shared/views-speaking-queue';
import type { EventBus } from '../../bus/event-bus';
import type { Store, WorkshopRecord } from '../../store/ports';
import type { Clock } from '../clock';
import { newId } from '../ids';
import type { ContributionRecord, ContributionWithSupports, SpeakingQueueStore } from './queue-store';

const publicOf = (c: ContributionWithSupports): ContributionView => ({
  id: c.id,
  text: c.text,
  kind: c.kind,
  supports: c.supports,
  handled: c.handled,
});

/**
 * Written contributions (temps d'échange): a short question or testimony sent without any identity,
 * supported (+1) once per participant, read out or answered by the facilitator, optionally held
 * for approval. Views carry the text and aggregate counts only; the author and supporters stay on
 * the server (the author to find their own contributions, the standpoint for counts by regard).
 */
export class ContributionService {
  readonly #repo: SpeakingQueueStore['contributions'];

  constructor(
    store: Store,
    private readonly bus: EventBus,
    private readonly clock: Clock,
    private readonly requireWorkshop: (workshopId: string) => Promise<WorkshopRecord>,
  ) {
    this.#repo = store.speakingQueue.contributions;
  }

  /** Sends a contribution; it waits for approval when the workshop requires it. */
  async submit(
    workshopId: string,
    author: { id: string; standpoint: string | null },
    input: { text: string; kind: ContributionKind },
  ): Promise<{ id: string; moderation: ContributionModeration }> {
    await this.#requireState(workshopId, 'live');
    const id = newId();
    const inserted = await this.#repo.insert(
      {
        id,
        workshopId,
        authorId: author.id,
        standpoint: author.standpoint,
        kind: input.kind,
        text: input.text,
        createdAt: this.clock.now().toISOString(),
      },
      SPEAKING_QUEUE_LIMITS.contributionsPerParticipant,
    );
    if (inserted === 'limit_reached') {
      throw new CroiseeError(
        'contribution_limit',
        `Vous avez déjà envoyé ${SPEAKING_QUEUE_LIMITS.contributionsPerParticipant} contributions écrites dans cet atelier.`,
      );
    }
    this.#changed(workshopId, id, true);
    return { id, moderation: inserted.moderation };
  }

  /** +1 from this participant; sending it again changes nothing. Only visible contributions of others can be supported. */
  async support(workshopId: string, participantId: string, contributionId: string): Promise<{ supports: number }> {
    await this.#requireState(workshopId, 'live');
    const contribution = await this.#find(workshopId, contributionId);
    if (contribution.moderation !== 'approved') throw this.#notFound();
    if (contribution.authorId === participantId) {
      throw new CroiseeError('own_contribution', 'Vous ne pouvez pas soutenir votre propre contribution.');
    }
    const supports = await this.#repo.support(contributionId, participantId, this.clock.now().toISOString());
    this.bus.publish({ type: 'contributions.changed', workshopId, contributionId: null });
    return { supports };
  }

  async mark(workshopId: string, contributionId: string, handled: ContributionHandled): Promise<void> {
    await this.#requireState(workshopId, 'open');
    await this.#find(workshopId, contributionId);
    await this.#repo.setHandled(contributionId, handled);
    this.#changed(workshopId, contributionId, false);
  }

  /** Shows an approved contribution on the projection, or none. */
  async project(workshopId: string, contributionId: string | null): Promise<void> {
    await this.#requireState(workshopId, 'open');
    if (!(await this.#repo.setProjected(workshopId, contributionId))) {
      throw new CroiseeError('not_found', 'Seule une contribution visible par tous peut être projetée.');
    }
    this.#changed(workshopId, null, false);
  }

  async moderate(workshopId: string, contributionId: string, decision: 'approve' | 'reject'): Promise<{ moderation: ContributionModeration }> {
    await this.#requireState(workshopId, 'open');
    await this.#find(workshopId, contributionId);
    const moderation = decision === 'approve' ? 'approved' : 'rejected';
    await this.#repo.setModeration(contributionId, moderation);
    this.#changed(workshopId, contributionId, true);
    return { moderation };
  }

  /** From now on, new contributions wait for approval (or not). Those already pending stay pending until decided. */
  async setApprovalRequired(workshopId: string, required: boolean): Promise<void> {
    await this.#requireState(workshopId, 'open');
    await this.#repo.setApprovalRequired(workshopId, required);
    this.#changed(workshopId, null, false);
  }

  /** Approved contributions, most supported first, for participants and the projection. */
  async publicView(workshopId: string): Promise<ContributionsView> {
    const [settings, all] = await Promise.all([this.#repo.settings(workshopId), this.#repo.list(workshopId)]);
    const items = all.filter((c) => c.moderation === 'approved').map(publicOf);
    return { approvalRequired: settings.approvalRequired, projected: items.find((c) => c.id === settings.projectedId) ?? null, items };
  }

  /** Every contribution with its moderation, for the facilitator. */
  async staffView(workshopId: string): Promise<StaffContributionsView> {
    const [settings, all] = await Promise.all([this.#repo.settings(workshopId), this.#repo.list(workshopId)]);
    const projected = all.find((c) => c.id === settings.projectedId);
    return {
      approvalRequired: settings.approvalRequired,
      projected: projected ? publicOf(projected) : null,
      items: all.map((c) => ({ ...publicOf(c), moderation: c.moderation })),
    };
  }

  /** What this participant wrote (with its moderation) and supported; for their own devices only. */
  async mine(workshopId: string, participantId: string): Promise<MyContributionsView> {
    const [authored, supported] = await Promise.all([
      this.#repo.authoredBy(workshopId, participantId),
      this.#repo.supportedBy(workshopId, participantId),
    ]);
    return {
      authored: authored.map((c) => ({ id: c.id, text: c.text, kind: c.kind, moderation: c.moderation, handled: c.handled })),
      supported,
    };
  }

  /** Who wrote a contribution, to route their own view to their devices. Server-side only. */
  async authorOf(contributionId: string): Promise<string | null> {
    return (await this.#repo.get(contributionId))?.authorId ?? null;
  }

  /** `counted`: whether the change can alter the counts by standpoint (a contribution added or set aside). */
  #changed(workshopId: string, contributionId: string | null, counted: boolean): void {
    this.bus.publish({ type: 'contributions.changed', workshopId, contributionId });
    if (counted) this.bus.publish({ type: 'speaking-queue.counters', workshopId });
  }

  async #find(workshopId: string, contributionId: string): Promise<ContributionRecord> {
    const contribution = await this.#repo.get(contributionId);
    if (!contribution || contribution.workshopId !== workshopId) throw this.#notFound();
    return contribution;
  }

  #notFound(): CroiseeError {
    return new CroiseeError('not_found', 'Cette contribution n’existe pas ou n’est pas visible.');
  }

  /** `live` for participants' actions; `open` (draft or live) for the facilitator's, who may prepare. */
  async #requireState(workshopId: string, needed: 'live' | 'open'): Promise<void> {
    const workshop = await this.requireWorkshop(workshopId);
    if (workshop.state === 'closed') throw new CroiseeError('workshop_closed', 'Cet atelier est terminé.');
    if (needed === 'live' && workshop.state !== 'live') {
      throw new CroiseeError('workshop_not_live', 'L’atelier n’a pas encore commencé.');
    }
  }
}
