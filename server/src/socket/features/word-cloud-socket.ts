import { addEntrySchema, createWordCloudSchema, moderateEntrySchema, removeEntrySchema, updateWordCloudSchema } from '../../../../shared/schemas/word-clouds';
import type { AgendaItemRecord } from '../../domain/agenda/agenda-store';
import type { Voter } from '../../domain/polls/poll-service';
import { FrameCoalescer } from '../../realtime/frame-coalescer';
import { handle } from '../handler';
import type { SocketContext, SocketFeature } from '../socket-server';
import { rooms, type CroiseeSocket, type SocketData } from '../types';
import type { ActivityStateSender } from './agenda-socket';
import { emitToParticipantsInSlices } from './participant-slices';

/**
 * Grouping a cloud costs more than counting a poll (every spelling is normalised), so frames are
 * sparser than the allowed 10 a second: 4 a second to facilitators and the projection…
 */
export const CLOUD_STAFF_INTERVAL_MS = 250;
/** …and one every 2 seconds to participants' phones. */
export const CLOUD_PARTICIPANT_INTERVAL_MS = 2_000;

const voterOf = (data: SocketData): Voter => ({ workshopId: data.workshopId, participantId: data.participantId!, standpoint: data.standpoint ?? null });

/** Word-cloud events, and coalesced result frames: grouped counts only, never who sent what. */
export function wordCloudSocket({ io, services, logger }: SocketContext): SocketFeature & ActivityStateSender {
  const onError = (error: unknown) => logger.error('word cloud broadcast failed', { error });
  const staff = new FrameCoalescer(CLOUD_STAFF_INTERVAL_MS, onError);
  const phones = new FrameCoalescer(CLOUD_PARTICIPANT_INTERVAL_MS, onError);

  function resultsChanged(workshopId: string, itemId: string): void {
    staff.mark(itemId, async () => {
      const frames = await services.wordClouds.resultsFrames(itemId);
      if (!frames) return;
      io.to(rooms.facilitators(workshopId)).emit('word-cloud:results', frames.facilitator);
      io.to(rooms.projection(workshopId)).emit('word-cloud:results', frames.public);
    });
    phones.mark(itemId, async () => {
      const shown = await services.wordClouds.resultsFrame(itemId, 'public');
      if (shown) await emitToParticipantsInSlices(io, workshopId, 'word-cloud:results', shown);
    });
  }

  return {
    onConnection(socket) {
      const facilitator = ['facilitator'] as const;
      handle(socket, 'word-cloud:create', { schema: createWordCloudSchema, roles: facilitator }, logger, async (input, data) => ({
        item: await services.wordClouds.create(data.workshopId, input.cloud),
      }));
      handle(socket, 'word-cloud:update', { schema: updateWordCloudSchema, roles: facilitator }, logger, async (input, data) => ({
        item: await services.wordClouds.update(data.workshopId, input.itemId, input.cloud),
      }));
      handle(socket, 'word-cloud:hide', { schema: moderateEntrySchema, roles: facilitator }, logger, async (input, data) => {
        await services.wordClouds.setHidden(data.workshopId, input.itemId, input.key, true);
        return {};
      });
      handle(socket, 'word-cloud:restore', { schema: moderateEntrySchema, roles: facilitator }, logger, async (input, data) => {
        await services.wordClouds.setHidden(data.workshopId, input.itemId, input.key, false);
        return {};
      });
      handle(socket, 'word-cloud:add', { schema: addEntrySchema, roles: ['participant'], maxBytes: 1024 }, logger, async (input, data) => {
        const mine = await services.wordClouds.addEntry(voterOf(data), input);
        socket.to(rooms.participant(data.participantId!)).emit('word-cloud:mine', mine);
        return mine;
      });
      handle(socket, 'word-cloud:remove', { schema: removeEntrySchema, roles: ['participant'], maxBytes: 1024 }, logger, async (input, data) => {
        const mine = await services.wordClouds.removeEntry(voterOf(data), input.itemId, input.entryId);
        socket.to(rooms.participant(data.participantId!)).emit('word-cloud:mine', mine);
        return mine;
      });
    },
    async sendState(socket: CroiseeSocket, item: AgendaItemRecord) {
      const { role } = socket.data;
      const frame = await services.wordClouds.resultsFrame(item.id, role === 'facilitator' ? 'facilitator' : 'public');
      if (frame) socket.emit('word-cloud:results', frame);
      if (role === 'participant' && item.state === 'open') socket.emit('word-cloud:mine', await services.wordClouds.ownEntries(voterOf(socket.data), item.id));
    },
    onEvent(event) {
      if (event.type === 'word-cloud.changed') resultsChanged(event.workshopId, event.itemId);
      if (event.type === 'agenda.changed' && event.itemId) {
        const { workshopId, itemId } = event;
        services.agenda
          .require(workshopId, itemId)
          .then((item) => item.kind === 'word_cloud' && resultsChanged(workshopId, itemId))
          .catch(() => {}); // deleted since: nothing to show
      }
    },
    close() {
      staff.close();
      phones.close();
    },
  };
}
