import { createPollSchema, updatePollSchema, voteSchema } from '../../../../shared/schemas/polls';
import type { AgendaItemRecord } from '../../domain/agenda/agenda-store';
import { FrameCoalescer } from '../../realtime/frame-coalescer';
import { handle } from '../handler';
import type { SocketContext, SocketFeature } from '../socket-server';
import type { ServerToClientEvents } from '../../../../shared/events';
import { rooms, type CroiseeSocket } from '../types';
import type { ActivityStateSender } from './agenda-socket';

/** At most 10 result frames a second to facilitators and the projection… */
export const POLL_STAFF_INTERVAL_MS = 100;
/** …and one a second to participants' phones, whatever the vote rate. */
export const POLL_PARTICIPANT_INTERVAL_MS = 1_000;

/**
 * Participants of a workshop are spread over this many rooms so that a frame to thousands of phones
 * goes out slice by slice, letting acks and other events through in between: one socket write per
 * phone, all in one go, would block the server for a tenth of a second at 2,000 phones.
 */
export const PARTICIPANT_SLICES = 16;

const sliceRoom = (workshopId: string, slice: number) => `${rooms.participants(workshopId)}:slice:${slice}`;
let nextSlice = 0;

/** Puts a participant's socket in one of its workshop's slices, in turn, so that slices stay even. */
export function joinParticipantSlice(socket: CroiseeSocket): void {
  if (socket.data.role !== 'participant') return;
  socket.join(sliceRoom(socket.data.workshopId, nextSlice));
  nextSlice = (nextSlice + 1) % PARTICIPANT_SLICES;
}

/** Sends one event to every participant of a workshop, one slice per turn of the event loop. */
export async function emitToParticipantsInSlices<E extends 'poll:results' | 'word-cloud:results'>(
  io: SocketContext['io'],
  workshopId: string,
  event: E,
  ...payload: Parameters<ServerToClientEvents[E]>
): Promise<void> {
  for (let slice = 0; slice < PARTICIPANT_SLICES; slice++) {
    (io.to(sliceRoom(workshopId, slice)).emit as (event: E, ...args: Parameters<ServerToClientEvents[E]>) => boolean)(event, ...payload);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Poll events, and coalesced result frames: aggregates only, never a ballot or a participant. */
export function pollSocket({ io, services, logger }: SocketContext): SocketFeature & ActivityStateSender {
  const onError = (error: unknown) => logger.error('poll broadcast failed', { error });
  const staff = new FrameCoalescer(POLL_STAFF_INTERVAL_MS, onError);
  const phones = new FrameCoalescer(POLL_PARTICIPANT_INTERVAL_MS, onError);
  // People arriving and leaving change the turnout's "sur 27 présents": looked up at most 10 times a second.
  const presence = new FrameCoalescer(POLL_STAFF_INTERVAL_MS, onError);

  function resultsChanged(workshopId: string, itemId: string): void {
    staff.mark(itemId, async () => {
      const frames = await services.polls.resultsFrames(itemId);
      if (!frames) return;
      io.to(rooms.facilitators(workshopId)).emit('poll:results', frames.facilitator);
      io.to(rooms.projection(workshopId)).emit('poll:results', frames.public);
    });
    phones.mark(itemId, async () => {
      const shown = await services.polls.resultsFrame(itemId, 'public');
      if (shown) await emitToParticipantsInSlices(io, workshopId, 'poll:results', shown);
    });
  }

  return {
    onConnection(socket) {
      joinParticipantSlice(socket);
      handle(socket, 'poll:create', { schema: createPollSchema, roles: ['facilitator'] }, logger, async (input, data) => ({
        item: await services.polls.create(data.workshopId, input.poll),
      }));
      handle(socket, 'poll:update', { schema: updatePollSchema, roles: ['facilitator'] }, logger, async (input, data) => ({
        item: await services.polls.update(data.workshopId, input.itemId, input.poll),
      }));
      handle(socket, 'poll:vote', { schema: voteSchema, roles: ['participant'], maxBytes: 1024 }, logger, async (input, data) => {
        const voter = { workshopId: data.workshopId, participantId: data.participantId!, standpoint: data.standpoint ?? null };
        const ballot = await services.polls.vote(voter, input);
        // The participant's other tabs follow; nobody else learns anything but the counts.
        socket.to(rooms.participant(voter.participantId)).emit('poll:ballot', ballot);
        return ballot;
      });
    },
    async sendState(socket: CroiseeSocket, item: AgendaItemRecord) {
      const { role, workshopId, participantId } = socket.data;
      const frame = await services.polls.resultsFrame(item.id, role === 'facilitator' ? 'facilitator' : 'public');
      if (frame) socket.emit('poll:results', frame);
      if (role === 'participant' && participantId && item.state === 'open') {
        socket.emit('poll:ballot', await services.polls.ownBallot({ workshopId, participantId, standpoint: socket.data.standpoint ?? null }, item.id));
      }
    },
    onEvent(event) {
      if (event.type === 'poll.ballots.changed') resultsChanged(event.workshopId, event.itemId);
      if (event.type === 'attendance.changed') {
        const { workshopId } = event;
        presence.mark(workshopId, async () => {
          const open = await services.agenda.currentItem(workshopId);
          if (open?.kind === 'poll' && open.state === 'open') resultsChanged(workshopId, open.id);
        });
      }
      // Opening, closing or showing the results changes what each audience may see.
      if (event.type === 'agenda.changed' && event.itemId) {
        const { workshopId, itemId } = event;
        services.agenda
          .require(workshopId, itemId)
          .then((item) => item.kind === 'poll' && resultsChanged(workshopId, itemId))
          .catch(() => {}); // deleted since: nothing to show
      }
    },
    close() {
      staff.close();
      phones.close();
      presence.close();
    },
  };
}
