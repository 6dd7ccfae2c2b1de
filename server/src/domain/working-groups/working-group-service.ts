import type { CreateGroupInput } from '../../../../shared/schemas/workshops';
import { CroiseeError } from '../../../../shared/errors';
import type { WorkingGroupView } from '../../../../shared/views';
import type { Store, WorkingGroupRecord } from '../../store/ports';
import type { Clock } from '../clock';
import { newId } from '../ids';

const toView = (g: WorkingGroupRecord): WorkingGroupView => ({ id: g.id, name: g.name, purpose: g.purpose, createdAt: g.createdAt });

/** Working groups ("groupes de travail"): the owners of workshops and of the records they produce. */
export class WorkingGroupService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  async create(input: CreateGroupInput): Promise<WorkingGroupView> {
    const group: WorkingGroupRecord = { id: newId(), name: input.name, purpose: input.purpose, createdAt: this.clock.now().toISOString() };
    await this.store.groups.insert(group);
    return toView(group);
  }

  async list(): Promise<WorkingGroupView[]> {
    return (await this.store.groups.list()).map(toView);
  }

  async get(id: string): Promise<WorkingGroupView> {
    const group = await this.store.groups.get(id);
    if (!group) throw new CroiseeError('not_found', 'Groupe de travail introuvable.');
    return toView(group);
  }
}
