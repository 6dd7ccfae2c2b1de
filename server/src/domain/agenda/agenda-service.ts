import { CroiseeError } from '../../../../shared/errors';
import type { AgendaDisplayInput } from '../../../../shared/schemas/agenda';
import type { ResultsVisibility } from '../../../../shared/schemas/polls';
import type { ActivityView, AgendaItemKind, AgendaItemView, AgendaView } from '../../../../shared/views-agenda';
import type { EventBus } from '../../bus/event-bus';
import type { Store } from '../../store/ports';
import type { Clock } from '../clock';
import { newId } from '../ids';
import type { WorkshopService } from '../workshops/workshop-service';
import type { AgendaItemRecord, NewAgendaItem } from './agenda-store';

/** What each kind of activity provides to the agenda. */
export interface ActivityKind {
  /** Closes an open item of this kind, settling its content in the same transaction; null when it was not open. */
  closeItem(item: AgendaItemRecord, at: string): Promise<AgendaItemRecord | null>;
  /** The item with its content, as anyone admitted to the workshop may see it. */
  itemView(item: AgendaItemRecord): Promise<AgendaItemView>;
}

/** The fields every kind of item shows the same way. */
export function itemBase(item: AgendaItemRecord) {
  return {
    id: item.id,
    position: item.position,
    state: item.state,
    results: item.results,
    display: { showResults: item.showResults, byStandpoint: item.byStandpoint },
    openedAt: item.openedAt,
    closedAt: item.closedAt,
  };
}

/**
 * A new draft activity of the given kind, for its kind's repository to put at the end of the agenda with
 * its content; its results shown once they may be. Refused once the workshop is closed.
 */
export async function newDraftItem(workshops: WorkshopService, clock: Clock, workshopId: string, kind: AgendaItemKind, results: ResultsVisibility): Promise<NewAgendaItem> {
  const workshop = await workshops.require(workshopId);
  if (workshop.state === 'closed') throw new CroiseeError('workshop_closed', 'Cet atelier est terminé.');
  return { id: newId(), workshopId, kind, results, showResults: true, byStandpoint: false, createdAt: clock.now().toISOString() };
}

/**
 * Whether participants and the projection may see an item's results: the facilitator shows them, and
 * either they are live or the item is closed. The facilitator always sees them.
 */
export function resultsArePublic(item: AgendaItemRecord): boolean {
  return item.state !== 'draft' && item.showResults && (item.results === 'live' || item.state === 'closed');
}

/**
 * The workshop agenda ("déroulé"): activities prepared in order, opened one at a time by the
 * facilitator, then closed for good. What is "on stage" for participants and the projection is the open
 * item, or else the item closed last while its results are shown.
 */
export class AgendaService {
  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
    private readonly clock: Clock,
    private readonly workshops: WorkshopService,
    private readonly kinds: Record<AgendaItemKind, ActivityKind>,
  ) {}

  /** The whole agenda, in order (facilitator). */
  async list(workshopId: string): Promise<AgendaView> {
    const items = await this.store.agenda.list(workshopId);
    return { items: await Promise.all(items.map((item) => this.view(item))) };
  }

  /** What participants and the projection are shown now. */
  async current(workshopId: string): Promise<ActivityView> {
    const item = await this.currentItem(workshopId);
    return { item: item ? await this.view(item) : null };
  }

  /** The workshop's closed items, in agenda order. */
  async closedItems(workshopId: string): Promise<AgendaItemRecord[]> {
    return (await this.store.agenda.list(workshopId)).filter((item) => item.state === 'closed');
  }

  /** The item on stage: the open one, or the last closed one while its results are shown. */
  async currentItem(workshopId: string): Promise<AgendaItemRecord | null> {
    const open = await this.store.agenda.findOpen(workshopId);
    if (open) return open;
    const closed = await this.store.agenda.findLastClosed(workshopId);
    return closed?.showResults ? closed : null;
  }

  /** The item, if it belongs to this workshop; `not_found` otherwise (an id of another workshop says nothing). */
  async require(workshopId: string, itemId: string): Promise<AgendaItemRecord> {
    const item = await this.store.agenda.get(itemId);
    if (!item || item.workshopId !== workshopId) throw new CroiseeError('not_found', 'Activité introuvable dans cet atelier.');
    return item;
  }

  /** A closed workshop's agenda is what happened: it no longer changes. */
  private async requireNotClosed(workshopId: string): Promise<void> {
    const workshop = await this.workshops.require(workshopId);
    if (workshop.state === 'closed') throw new CroiseeError('workshop_closed', 'L’atelier est terminé : son déroulé ne change plus.');
  }

  async reorder(workshopId: string, itemIds: readonly string[]): Promise<AgendaView> {
    await this.requireNotClosed(workshopId);
    if (!(await this.store.agenda.reorder(workshopId, itemIds))) {
      throw new CroiseeError('bad_request', 'La liste ne correspond pas aux activités de l’atelier : rechargez le déroulé.');
    }
    this.changed(workshopId, null);
    return this.list(workshopId);
  }

  async remove(workshopId: string, itemId: string): Promise<AgendaView> {
    await this.require(workshopId, itemId);
    await this.requireNotClosed(workshopId);
    const outcome = await this.store.agenda.remove(itemId);
    if (outcome === 'open') throw new CroiseeError('invalid_transition', 'Fermez d’abord cette activité : elle est ouverte.');
    if (outcome === 'not_found') throw new CroiseeError('not_found', 'Activité introuvable dans cet atelier.');
    this.changed(workshopId, itemId);
    return this.list(workshopId);
  }

  /** Opens a draft item; the workshop must be live and no other item open. */
  async open(workshopId: string, itemId: string): Promise<AgendaItemView> {
    const item = await this.require(workshopId, itemId);
    const workshop = await this.workshops.require(workshopId);
    if (workshop.state !== 'live') throw new CroiseeError('workshop_not_live', 'Ouvrez d’abord l’atelier.');
    const outcome = await this.store.agenda.open(itemId, this.clock.now().toISOString());
    if (outcome === 'another_open') throw new CroiseeError('conflict', 'Une autre activité est ouverte : fermez-la d’abord.');
    if (outcome === 'not_draft') {
      throw new CroiseeError('invalid_transition', item.state === 'open' ? 'Cette activité est déjà ouverte.' : 'Une activité fermée ne se rouvre pas.');
    }
    this.changed(workshopId, itemId);
    return this.view((await this.store.agenda.get(itemId))!);
  }

  /** Closes the open item for good (a poll's ballots become anonymous counts). */
  async close(workshopId: string, itemId: string): Promise<AgendaItemView> {
    const item = await this.require(workshopId, itemId);
    const closed = await this.kinds[item.kind].closeItem(item, this.clock.now().toISOString());
    if (!closed) throw new CroiseeError('invalid_transition', item.state === 'closed' ? 'Cette activité est déjà fermée.' : 'Cette activité n’est pas ouverte.');
    this.changed(workshopId, itemId);
    return this.view(closed);
  }

  /** Shows or hides the results to participants and the projection; switches the projection to the breakdown by standpoint. */
  async setDisplay(workshopId: string, input: AgendaDisplayInput): Promise<AgendaItemView> {
    await this.require(workshopId, input.itemId);
    const updated = await this.store.agenda.setDisplay(input.itemId, { showResults: input.showResults, byStandpoint: input.byStandpoint });
    if (!updated) throw new CroiseeError('not_found', 'Activité introuvable dans cet atelier.');
    this.changed(workshopId, input.itemId);
    return this.view(updated);
  }

  /** A closed workshop keeps no activity open: its open item is closed (and a poll's ballots settled). */
  async settleClosedWorkshop(workshopId: string): Promise<void> {
    const workshop = await this.store.workshops.get(workshopId);
    if (workshop?.state !== 'closed') return;
    const open = await this.store.agenda.findOpen(workshopId);
    if (!open) return;
    if (await this.kinds[open.kind].closeItem(open, this.clock.now().toISOString())) this.changed(workshopId, open.id);
  }

  async view(item: AgendaItemRecord): Promise<AgendaItemView> {
    return this.kinds[item.kind].itemView(item);
  }

  private changed(workshopId: string, itemId: string | null): void {
    this.bus.publish({ type: 'agenda.changed', workshopId, itemId });
  }
}
