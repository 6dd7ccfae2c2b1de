import type { Standpoint } from './standpoints';
import type { WorkshopState } from './schemas/workshops';

/** What anyone admitted to a workshop may know about it. */
export interface WorkshopView {
  id: string;
  title: string;
  /** YYYY-MM-DD */
  date: string;
  state: WorkshopState;
  joinCode: string;
  group: { id: string; name: string };
  standpoints: Standpoint[];
}

/** Counts by standpoint key (plus `_undisclosed`); never a list of people. */
export type CountsByStandpoint = Record<string, number>;

/** Live attendance: who is connected now, and who came (émargement) since the workshop opened. */
export interface AttendanceView {
  present: number;
  presentByStandpoint: CountsByStandpoint;
  attended: number;
  attendedByStandpoint: CountsByStandpoint;
}

/** Sent to a socket right after its handshake is accepted. */
export interface SessionView {
  role: 'participant' | 'facilitator' | 'projection';
  protocol: number;
  workshop: WorkshopView;
  /** Only for participants: what they chose to say about themselves. */
  self?: { pseudonym: string | null; standpoint: string | null };
}

export interface WorkingGroupView {
  id: string;
  name: string;
  purpose: string;
  createdAt: string;
}

/** What the organiser sees of a workshop, including its capability links. */
export interface OrganiserWorkshopView extends WorkshopView {
  createdAt: string;
  facilitatorSecret: string;
  projectionSecret: string;
  links: { join: string; facilitator: string; projection: string };
}

export interface HealthView {
  ok: true;
  name: 'croisee';
  version: string;
  protocol: number;
  store: string;
}

/** Answer of `POST /api/join`: the device keeps `participantToken` and connects with it. */
export interface JoinResult {
  participantToken: string;
  workshop: WorkshopView;
}
