/**
 * What the speaking queue (tours de parole) and written contributions look like on the wire, and
 * their socket.io events. Nothing here ever carries a participant id, a pseudonym or a standpoint of
 * a ticket or a contribution: tickets are numbers, contributions are random ids, and counts by
 * standpoint are aggregates under the privacy threshold.
 */
import type { AckCallback } from './events';
import type {
  ContributionKindInput,
  GiveFloorInput,
  HandKindInput,
  LowerHandInput,
  MarkContributionInput,
  ModerateContributionInput,
  ProjectContributionInput,
  QueueModeInput,
  RaiseHandInput,
  SetApprovalRequiredInput,
  SetQueueModeInput,
  StartTimerInput,
  SubmitContributionInput,
  SupportContributionInput,
} from './schemas/speaking-queue';

/** Why a hand was raised; null when the participant did not say. */
export type HandKind = HandKindInput | null;
export type QueueMode = QueueModeInput;

/** A running turn timer as seen at the moment the frame was made. */
export interface QueueTimerSnapshot {
  durationMs: number;
  /** Never below zero. */
  remainingMs: number;
  /** Near the end: the gentle warning is shown. */
  warning: boolean;
  /** Time is up and the turn goes on. */
  overtime: boolean;
}

/** The ticket that has the floor. */
export interface SpeakingTicketView {
  number: number;
  kind: HandKind;
  status: 'speaking';
  elapsedMs: number;
  timer: QueueTimerSnapshot | null;
}

/** A raised hand waiting for the floor. */
export interface WaitingTicketView {
  number: number;
  kind: HandKind;
  status: 'waiting';
  /** 1 for the ticket the current mode would serve next. */
  position: number;
  /** The owner's connection dropped; the ticket is kept for a grace period. */
  away: boolean;
}

/** The queue as everyone sees it, facilitator included: ticket numbers only. */
export interface PublicQueueView {
  mode: QueueMode;
  speaking: SpeakingTicketView | null;
  /** In the order the current mode would serve them. */
  waiting: WaitingTicketView[];
  /** Mean length of the turns so far (90 s before the first one), used for wait estimates. */
  averageTurnMs: number;
}

/** One participant's own place in the queue; sent to their devices only. */
export interface MyQueueView {
  ticket: { number: number; kind: HandKind; status: 'waiting' | 'speaking' } | null;
  /** 1 when next; null without a waiting ticket. */
  position: number | null;
  estimatedWaitMs: number | null;
  isMyTurn: boolean;
  timer: QueueTimerSnapshot | null;
}

/**
 * The timer of the current turn, in server time (ms since the epoch), so that every screen counts
 * down locally: remaining = `endsAt` − (local now + (`serverNow` − local now at reception)).
 */
export interface TurnTimerView {
  ticketNumber: number;
  startedAt: number;
  durationMs: number;
  /** From this moment the gentle warning is shown (the last 20 % or the last 30 s, whichever is longer). */
  warningAt: number;
  endsAt: number;
  phase: 'running' | 'warning' | 'time_up';
  /** The server's clock when the message was made. */
  serverNow: number;
}

/** Sent to every device of the participant whose ticket was given the floor ("C'est à vous"). */
export interface YourTurnView {
  ticketNumber: number;
  startedAt: number;
}

/** Speaking figures of one standpoint group; `_others` gathers groups below the privacy threshold. */
export interface SpeakingGroupView {
  key: string;
  /** Standpoint keys the group stands for (`[key]`, or those merged into `_others`). */
  mergedKeys: string[];
  turns: number;
  speakingMs: number;
  contributions: number;
}

/** "Temps de parole par regard": per standpoint group, never per person. */
export interface SpeakingCountersView {
  total: { turns: number; speakingMs: number; contributions: number };
  groups: SpeakingGroupView[];
  threshold: number;
}

export type ContributionKind = ContributionKindInput | null;
export type ContributionHandled = 'read' | 'answered' | null;
export type ContributionModeration = 'pending' | 'approved' | 'rejected';

/** A written contribution as participants and the projection see it (approved ones only). */
export interface ContributionView {
  id: string;
  text: string;
  kind: ContributionKind;
  supports: number;
  handled: ContributionHandled;
}

/** A written contribution as the facilitator sees it, pending and set-aside ones included. */
export interface StaffContributionView extends ContributionView {
  moderation: ContributionModeration;
}

/** Approved contributions, most supported first, and the one shown on the projection. */
export interface ContributionsView {
  approvalRequired: boolean;
  projected: ContributionView | null;
  items: ContributionView[];
}

/** Every contribution, most supported first, for the facilitator console. */
export interface StaffContributionsView {
  approvalRequired: boolean;
  projected: ContributionView | null;
  items: StaffContributionView[];
}

/** What one participant wrote and supported; sent to their devices only. */
export interface MyContributionsView {
  authored: Array<{ id: string; text: string; kind: ContributionKind; moderation: ContributionModeration; handled: ContributionHandled }>;
  supported: string[];
}

/** Everything a screen needs about the speaking queue, by role (answer of `queue:sync`). */
export interface SpeakingQueueSnapshot {
  queue: PublicQueueView;
  timer: TurnTimerView | null;
  /** Participants only. */
  mine?: MyQueueView;
  /** Participants only. */
  myContributions?: MyContributionsView;
  /** Participants and projection. */
  contributions?: ContributionsView;
  /** Facilitators only. */
  staffContributions?: StaffContributionsView;
  /** Facilitators and projection. */
  counters?: SpeakingCountersView;
}

export interface SpeakingQueueClientEvents {
  /** Anyone: the whole state for this role, e.g. after `session`. */
  'queue:sync': (payload: Record<string, never>, ack: AckCallback<{ snapshot: SpeakingQueueSnapshot }>) => void;
  /** Participant: raise a hand; answers the ticket and its place. */
  'queue:raise': (payload: RaiseHandInput, ack: AckCallback<{ ticketNumber: number; mine: MyQueueView }>) => void;
  /** Participant: lower their own hand, or end their own turn. */
  'queue:lower': (payload: LowerHandInput, ack: AckCallback<{ mine: MyQueueView }>) => void;
  /** Facilitator: give the floor to `ticketNumber`, or to the next ticket of the current mode. */
  'queue:give': (payload: GiveFloorInput, ack: AckCallback<{ ticketNumber: number }>) => void;
  /** Facilitator: end the current turn. */
  'queue:end-turn': (payload: Record<string, never>, ack: AckCallback<{ durationMs: number }>) => void;
  /** Facilitator: start (or restart) a countdown on the current turn. */
  'queue:start-timer': (payload: StartTimerInput, ack: AckCallback<{ timer: TurnTimerView }>) => void;
  /** Facilitator: switch the fair-order mode. */
  'queue:set-mode': (payload: SetQueueModeInput, ack: AckCallback<{ mode: QueueMode }>) => void;
  /** Participant: send a written contribution. */
  'contribution:submit': (payload: SubmitContributionInput, ack: AckCallback<{ id: string; moderation: ContributionModeration }>) => void;
  /** Participant: +1 on a contribution (idempotent). */
  'contribution:support': (payload: SupportContributionInput, ack: AckCallback<{ supports: number }>) => void;
  /** Facilitator: mark read out / answered, or clear. */
  'contribution:mark': (payload: MarkContributionInput, ack: AckCallback) => void;
  /** Facilitator: show on the projection, or hide (null). */
  'contribution:project': (payload: ProjectContributionInput, ack: AckCallback) => void;
  /** Facilitator: approve or set aside a contribution. */
  'contribution:moderate': (payload: ModerateContributionInput, ack: AckCallback<{ moderation: ContributionModeration }>) => void;
  /** Facilitator: require approval before others see new contributions. */
  'contribution:set-approval': (payload: SetApprovalRequiredInput, ack: AckCallback) => void;
}

export interface SpeakingQueueServerEvents {
  /** Everyone, coalesced (≤ 10 per second): the anonymous queue. */
  'queue:state': (queue: PublicQueueView) => void;
  /** A participant's devices: their own ticket, position and estimated wait. */
  'queue:mine': (mine: MyQueueView) => void;
  /** A participant's devices, when their ticket is given the floor. */
  'queue:your-turn': (turn: YourTurnView) => void;
  /** Everyone: the turn timer started, reached its warning or its end, or went away (null). */
  'queue:timer': (payload: { timer: TurnTimerView | null }) => void;
  /** Facilitators and projection, coalesced: speaking figures by standpoint. */
  'queue:counters': (counters: SpeakingCountersView) => void;
  /** Participants and projection, coalesced: approved contributions. */
  'contributions:state': (contributions: ContributionsView) => void;
  /** Facilitators, coalesced: every contribution. */
  'contributions:staff': (contributions: StaffContributionsView) => void;
  /** A participant's devices: what they wrote and supported. */
  'contributions:mine': (mine: MyContributionsView) => void;
}
