import { CroiseeError } from '../../../../shared/errors';
import type { CreateWorkshopInput, WorkshopState } from '../../../../shared/schemas/workshops';
import { DEFAULT_STANDPOINTS } from '../../../../shared/standpoints';
import type { OrganiserWorkshopView, WorkshopView } from '../../../../shared/views';
import type { EventBus } from '../../bus/event-bus';
import type { Store, WorkshopRecord } from '../../store/ports';
import type { Clock } from '../clock';
import { newId, newSecret, secretsEqual } from '../ids';
import { newJoinCode } from './join-code';

/** Which role a capability secret grants on a workshop. */
export type WorkshopCapability = 'facilitator' | 'projection';

const TRANSITIONS: Record<'open' | 'close', { from: WorkshopState[]; to: WorkshopState }> = {
  open: { from: ['draft'], to: 'live' },
  close: { from: ['draft', 'live'], to: 'closed' },
};

/** Workshops ("ateliers"): creation in a working group, the draft → live → closed life cycle, capability links. */
export class WorkshopService {
  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
    private readonly clock: Clock,
    private readonly publicUrl: () => string,
  ) {}

  async create(groupId: string, input: CreateWorkshopInput): Promise<OrganiserWorkshopView> {
    const group = await this.store.groups.get(groupId);
    if (!group) throw new CroiseeError('not_found', 'Groupe de travail introuvable.');
    const now = this.clock.now();
    for (let attempt = 0; attempt < 20; attempt++) {
      const record: WorkshopRecord = {
        id: newId(),
        groupId,
        title: input.title,
        date: input.date ?? now.toISOString().slice(0, 10),
        state: 'draft',
        joinCode: newJoinCode(),
        facilitatorSecret: newSecret(),
        projectionSecret: newSecret(),
        standpoints: input.standpoints ?? [...DEFAULT_STANDPOINTS],
        createdAt: now.toISOString(),
        openedAt: null,
        closedAt: null,
      };
      if ((await this.store.workshops.insert(record)) === 'ok') return this.organiserView(record, group.name);
    }
    throw new CroiseeError('conflict', 'Impossible de trouver un code libre, réessayez.');
  }

  async listForGroup(groupId: string): Promise<OrganiserWorkshopView[]> {
    const group = await this.store.groups.get(groupId);
    if (!group) throw new CroiseeError('not_found', 'Groupe de travail introuvable.');
    return (await this.store.workshops.listByGroup(groupId)).map((w) => this.organiserView(w, group.name));
  }

  /** The workshop, or a `not_found` error. */
  async require(id: string): Promise<WorkshopRecord> {
    const workshop = await this.store.workshops.get(id);
    if (!workshop) throw new CroiseeError('not_found', 'Atelier introuvable.');
    return workshop;
  }

  async view(id: string): Promise<WorkshopView> {
    return this.toView(await this.require(id));
  }

  async organiserViewOf(id: string): Promise<OrganiserWorkshopView> {
    const w = await this.require(id);
    const group = await this.store.groups.get(w.groupId);
    return this.organiserView(w, group?.name ?? '');
  }

  /** Checks a capability secret; returns the workshop it opens, or throws `forbidden`. */
  async authorize(id: string, secret: string, capability: WorkshopCapability): Promise<WorkshopRecord> {
    const workshop = await this.store.workshops.get(id);
    const expected = capability === 'facilitator' ? workshop?.facilitatorSecret : workshop?.projectionSecret;
    // Same answer for an unknown workshop and a wrong secret: a secret must not be guessable per workshop.
    if (!workshop || !expected || !secretsEqual(expected, secret)) {
      throw new CroiseeError('forbidden', 'Ce lien n’ouvre pas cet atelier.');
    }
    return workshop;
  }

  async open(id: string): Promise<WorkshopView> {
    return this.transition(id, 'open');
  }

  async close(id: string): Promise<WorkshopView> {
    return this.transition(id, 'close');
  }

  private async transition(id: string, action: 'open' | 'close'): Promise<WorkshopView> {
    const { from, to } = TRANSITIONS[action];
    const updated = await this.store.workshops.transition(id, from, to, this.clock.now().toISOString());
    if (!updated) {
      const current = await this.require(id);
      throw new CroiseeError('invalid_transition', `L’atelier est « ${current.state} » : impossible de passer à « ${to} ».`);
    }
    this.bus.publish({ type: 'workshop.updated', workshopId: id });
    if (to === 'closed') this.bus.publish({ type: 'attendance.changed', workshopId: id });
    return this.toView(updated);
  }

  async toView(w: WorkshopRecord): Promise<WorkshopView> {
    const group = await this.store.groups.get(w.groupId);
    return this.baseView(w, group?.name ?? '');
  }

  private baseView(w: WorkshopRecord, groupName: string): WorkshopView {
    return {
      id: w.id,
      title: w.title,
      date: w.date,
      state: w.state,
      joinCode: w.joinCode,
      group: { id: w.groupId, name: groupName },
      standpoints: w.standpoints,
    };
  }

  private organiserView(w: WorkshopRecord, groupName: string): OrganiserWorkshopView {
    const base = this.publicUrl();
    return {
      ...this.baseView(w, groupName),
      createdAt: w.createdAt,
      facilitatorSecret: w.facilitatorSecret,
      projectionSecret: w.projectionSecret,
      links: {
        join: `${base}/j/${w.joinCode}`,
        facilitator: `${base}/animer/${w.id}#${w.facilitatorSecret}`,
        projection: `${base}/ecran/${w.id}#${w.projectionSecret}`,
      },
    };
  }
}
