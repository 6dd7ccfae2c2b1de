import type { EventBus } from '../bus/event-bus';
import type { Store } from '../store/ports';
import type { Clock } from './clock';
import { ParticipantService } from './participants/participant-service';
import { SpeakingQueueService } from './speaking-queue/speaking-queue-service';
import { WorkingGroupService } from './working-groups/working-group-service';
import { WorkshopService } from './workshops/workshop-service';

/** Every domain service, wired on one store, bus and clock. Transports receive this and nothing lower. */
export interface Services {
  groups: WorkingGroupService;
  workshops: WorkshopService;
  participants: ParticipantService;
  speakingQueue: SpeakingQueueService;
}

export function createServices(deps: { store: Store; bus: EventBus; clock: Clock; publicUrl: () => string }): Services {
  const { store, bus, clock } = deps;
  const groups = new WorkingGroupService(store, clock);
  const workshops = new WorkshopService(store, bus, clock, deps.publicUrl);
  const participants = new ParticipantService(store, bus, clock, workshops);
  return { groups, workshops, participants, speakingQueue: new SpeakingQueueService(store, bus, clock) };
}
