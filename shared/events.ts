import type { Ack } from './errors';
import type { AttendanceView, SessionView, WorkshopView } from './views';
import type { ActivityClientEvents, ActivityServerEvents } from './events-activities';
import type { SpeakingQueueClientEvents, SpeakingQueueServerEvents } from './views-speaking-queue';
import type { RecordClientEvents, RecordServerEvents } from './views-records';
import type { BoardClientEvents, BoardServerEvents, ProposalClientEvents, ProposalServerEvents } from './views-board';

/**
 * socket.io event maps. Every client→server event takes one payload object (validated by the server
 * with the zod schema named in docs/API.md) and an ack callback answered with `Ack<…>`.
 */
export type AckCallback<R extends object = Record<never, never>> = (result: Ack<R>) => void;

export interface WorkshopClientEvents {
  /** Facilitator: draft → live. */
  'workshop:open': (payload: Record<string, never>, ack: AckCallback<{ workshop: WorkshopView }>) => void;
  /** Facilitator: live → closed (also draft → closed). */
  'workshop:close': (payload: Record<string, never>, ack: AckCallback<{ workshop: WorkshopView }>) => void;
}

export interface WorkshopServerEvents {
  /** Right after the handshake: who you are in this workshop. */
  session: (session: SessionView) => void;
  /** The workshop changed (state, title…). */
  'workshop:updated': (workshop: WorkshopView) => void;
  /** Coalesced attendance counts. */
  attendance: (attendance: AttendanceView) => void;
}

export interface ClientToServerEvents extends WorkshopClientEvents, ActivityClientEvents, SpeakingQueueClientEvents, BoardClientEvents, ProposalClientEvents, RecordClientEvents {}

export interface ServerToClientEvents extends WorkshopServerEvents, ActivityServerEvents, SpeakingQueueServerEvents, BoardServerEvents, ProposalServerEvents, RecordServerEvents {}
