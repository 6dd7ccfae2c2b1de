import type { AckCallback } from './events';
import type { z } from 'zod';
import type { AgendaDisplayInput } from './schemas/agenda';
import type { PollDefinitionInput, VoteInput } from './schemas/polls';
import type { AddEntryInput, WordCloudDefinitionInput } from './schemas/word-clouds';
import type { ActivityView, AgendaItemView, AgendaView, PollItemView, WordCloudItemView } from './views-agenda';
import type { OwnBallotView, PollResultsFrame } from './views-polls';
import type { OwnEntriesView, WordCloudResultsFrame } from './views-word-clouds';
import type { moderateEntrySchema, removeEntrySchema } from './schemas/word-clouds';

/** socket.io events of the agenda (déroulé). Payloads are validated with `shared/schemas/agenda.ts`. */
export interface AgendaClientEvents {
  /** Anyone: the current state again (also pushed at connection). Facilitators also get the agenda. */
  'agenda:sync': (payload: Record<string, never>, ack: AckCallback<{ agenda: AgendaView | null; activity: ActivityView }>) => void;
  /** Facilitator: puts the items in this order (every item of the agenda, once). */
  'agenda:reorder': (payload: { itemIds: string[] }, ack: AckCallback<{ agenda: AgendaView }>) => void;
  /** Facilitator: deletes a draft or closed item (an open item must be closed first). */
  'agenda:delete': (payload: { itemId: string }, ack: AckCallback<{ agenda: AgendaView }>) => void;
  /** Facilitator: draft → open. The workshop must be live and no other item open. */
  'agenda:open': (payload: { itemId: string }, ack: AckCallback<{ item: AgendaItemView }>) => void;
  /** Facilitator: open → closed, for good. */
  'agenda:close': (payload: { itemId: string }, ack: AckCallback<{ item: AgendaItemView }>) => void;
  /** Facilitator: show or hide results to participants and projection; whole room or by standpoint. */
  'agenda:display': (payload: AgendaDisplayInput, ack: AckCallback<{ item: AgendaItemView }>) => void;
}

export interface AgendaServerEvents {
  /** Facilitators: the whole agenda after any change. */
  agenda: (agenda: AgendaView) => void;
  /** Everyone: what is on stage now (the open item, or the last closed one while its results are shown). */
  activity: (activity: ActivityView) => void;
}

/** socket.io events of polls. Payloads are validated with `shared/schemas/polls.ts`. */
export interface PollClientEvents {
  /** Facilitator: adds a draft poll at the end of the agenda. */
  'poll:create': (payload: { poll: PollDefinitionInput }, ack: AckCallback<{ item: PollItemView }>) => void;
  /** Facilitator: replaces a draft poll's definition. */
  'poll:update': (payload: { itemId: string; poll: PollDefinitionInput }, ack: AckCallback<{ item: PollItemView }>) => void;
  /** Participant: casts or changes their ballot. The ack is their ballot as stored. */
  'poll:vote': (payload: VoteInput, ack: AckCallback<OwnBallotView>) => void;
}

export interface PollServerEvents {
  /** Coalesced results: ≤ 10 frames/s to facilitators and projection, ≤ 1 frame/s to participants. */
  'poll:results': (frame: PollResultsFrame) => void;
  /** To the participant's own devices only: their ballot (at connection, and when another tab changed it). */
  'poll:ballot': (ballot: OwnBallotView) => void;
}

/** socket.io events of word clouds. Payloads are validated with `shared/schemas/word-clouds.ts`. */
export interface WordCloudClientEvents {
  /** Facilitator: adds a draft word cloud at the end of the agenda. */
  'word-cloud:create': (payload: { cloud: WordCloudDefinitionInput }, ack: AckCallback<{ item: WordCloudItemView }>) => void;
  /** Facilitator: replaces a draft word cloud's definition. */
  'word-cloud:update': (payload: { itemId: string; cloud: WordCloudDefinitionInput }, ack: AckCallback<{ item: WordCloudItemView }>) => void;
  /** Participant: sends one entry. The ack lists their entries. */
  'word-cloud:add': (payload: AddEntryInput, ack: AckCallback<OwnEntriesView>) => void;
  /** Participant: takes back one of their entries while the cloud is open. */
  'word-cloud:remove': (payload: z.input<typeof removeEntrySchema>, ack: AckCallback<OwnEntriesView>) => void;
  /** Facilitator: keeps a grouped entry off the projection and participants. */
  'word-cloud:hide': (payload: z.input<typeof moderateEntrySchema>, ack: AckCallback) => void;
  /** Facilitator: shows a hidden (or blocklisted) grouped entry again. */
  'word-cloud:restore': (payload: z.input<typeof moderateEntrySchema>, ack: AckCallback) => void;
}

export interface WordCloudServerEvents {
  /** Coalesced results: ≤ 10 frames/s to facilitators and projection, ≤ 1 frame/s to participants. */
  'word-cloud:results': (frame: WordCloudResultsFrame) => void;
  /** To the participant's own devices only: their entries. */
  'word-cloud:mine': (entries: OwnEntriesView) => void;
}

export interface ActivityClientEvents extends AgendaClientEvents, PollClientEvents, WordCloudClientEvents {}
export interface ActivityServerEvents extends AgendaServerEvents, PollServerEvents, WordCloudServerEvents {}
