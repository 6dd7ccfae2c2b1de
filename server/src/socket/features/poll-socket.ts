import { createPollSchema, updatePollSchema, voteSchema } from '../../../../shared/schemas/polls';
import type { AgendaItemRecord } from '../../domain/agenda/agenda-store';
import { FrameCoalescer } from '../../realtime/frame-coalescer';
import { handle } from '../handler';
import type { SocketContext, SocketFeature } from '../socket-server';
import { rooms, type CroiseeSocket } from '../types';
import type { ActivityStateSender } from './agenda-socket';
import { emitToParticipantsInSlices } from './participant-slices';

/** At most 10 result frames a second to facilitators and the projection… */
export const POLL_STAFF_INTERVAL_MS = 100;
/** …and one a second to participants' phones, whatever the vote rate. */
export const POLL_PARTICIPANT_INTERVAL_MS = 1_000;

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
