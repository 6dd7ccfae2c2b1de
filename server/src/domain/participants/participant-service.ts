import { CroiseeError } from '../../../../shared/errors';
import type { JoinRequest } from '../../../../shared/schemas/workshops';
import { UNDISCLOSED_STANDPOINT } from '../../../../shared/standpoints';
import type { AttendanceView, CountsByStandpoint, WorkshopView } from '../../../../shared/views';
import type { EventBus } from '../../bus/event-bus';
import type { ParticipantRecord, StandpointCount, Store, WorkshopRecord } from '../../store/ports';
import type { Clock } from '../clock';
import { hashToken, newId, newSecret } from '../ids';
import type { WorkshopService } from '../workshops/workshop-service';

/** An authenticated participant and the workshop they belong to. */
export interface ParticipantSession {
  participant: ParticipantRecord;
  workshop: WorkshopRecord;
}

function byStandpoint(rows: StandpointCount[]): { total: number; counts: CountsByStandpoint } {
  const counts: CountsByStandpoint = {};
  let total = 0;
  for (const row of rows) {
    counts[row.standpoint ?? UNDISCLOSED_STANDPOINT] = row.count;
    total += row.count;
  }
  return { total, counts };
}

/** Participants: anonymous joining by code, device-held tokens, presence and attendance (émargement). */
export class ParticipantService {
  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
    private readonly clock: Clock,
    private readonly workshops: WorkshopService,
  ) {}

  /** What a person sees before joining: the workshop's title and standpoint set; refuses closed or unknown codes. */
  async lookup(code: string): Promise<WorkshopView> {
    return this.workshops.toView(await this.openWorkshopByCode(code));
  }

  /** Admits a person to the workshop behind `code`. The returned token is the only way back in: it is stored hashed. */
  async join(request: JoinRequest): Promise<{ token: string; workshop: WorkshopView }> {
    const workshop = await this.openWorkshopByCode(request.code);
    if (request.standpoint !== null && !workshop.standpoints.some((s) => s.key === request.standpoint)) {
      throw new CroiseeError('bad_request', `Regard inconnu pour cet atelier : « ${request.standpoint} ».`);
    }
    const token = newSecret();
    await this.store.participants.insert({
      id: newId(),
      workshopId: workshop.id,
      tokenHash: hashToken(token),
      pseudonym: request.pseudonym ?? null,
      standpoint: request.standpoint,
      createdAt: this.clock.now().toISOString(),
      attendedAt: null,
    });
    return { token, workshop: await this.workshops.toView(workshop) };
  }

  /** Finds the participant a device token belongs to. A closed workshop still recognises its participants (to tell them it is over). */
  async authenticate(token: string): Promise<ParticipantSession> {
    const participant = await this.store.participants.findByTokenHash(hashToken(token));
    if (!participant) throw new CroiseeError('unauthorized', 'Jeton de participation inconnu.');
    const workshop = await this.workshops.require(participant.workshopId);
    return { participant, workshop };
  }

  /** One more live connection (a tab, a device) for this participant; several count once. */
  async connected(workshopId: string, participantId: string, connectionId: string, nodeId: string): Promise<void> {
    await this.store.presence.connect({ connectionId, participantId, workshopId, nodeId, at: this.clock.now().toISOString() });
    this.bus.publish({ type: 'attendance.changed', workshopId });
  }

  /** What a participant chose to say about themselves; sent to their own devices only. */
  async selfOf(participantId: string): Promise<{ pseudonym: string | null; standpoint: string | null }> {
    const participant = await this.store.participants.get(participantId);
    if (!participant) throw new CroiseeError('unauthorized', 'Participant·e inconnu·e.');
    return { pseudonym: participant.pseudonym, standpoint: participant.standpoint };
  }

  async disconnected(workshopId: string, connectionId: string): Promise<void> {
    await this.store.presence.disconnect(connectionId);
    this.bus.publish({ type: 'attendance.changed', workshopId });
  }

  async isPresent(participantId: string): Promise<boolean> {
    return this.store.presence.isPresent(participantId);
  }

  /** Present now and attended (émargement), by standpoint. Once the workshop is closed nobody is "present" any more. */
  async attendance(workshopId: string): Promise<AttendanceView> {
    const [{ present, attended }, workshop] = await Promise.all([
      this.store.presence.attendance(workshopId),
      this.store.workshops.get(workshopId),
    ]);
    const now = byStandpoint(workshop?.state === 'closed' ? [] : present);
    const came = byStandpoint(attended);
    return { present: now.total, presentByStandpoint: now.counts, attended: came.total, attendedByStandpoint: came.counts };
  }

  private async openWorkshopByCode(code: string): Promise<WorkshopRecord> {
    const open = await this.store.workshops.findOpenByJoinCode(code);
    if (open) return open;
    if (await this.store.workshops.findLatestByJoinCode(code)) {
      throw new CroiseeError('workshop_closed', 'Cet atelier est terminé.');
    }
    throw new CroiseeError('unknown_code', 'Aucun atelier ne correspond à ce code.');
  }
}
