import { agendaDisplaySchema, agendaItemRefSchema, reorderAgendaSchema } from '../../../../shared/schemas/agenda';
import { emptyPayloadSchema } from '../../../../shared/schemas/workshops';
import type { AgendaItemKind } from '../../../../shared/views-agenda';
import type { AgendaItemRecord } from '../../domain/agenda/agenda-store';
import { FrameCoalescer } from '../../realtime/frame-coalescer';
import { handle } from '../handler';
import type { SocketContext, SocketFeature } from '../socket-server';
import { rooms, type CroiseeSocket } from '../types';
import { emitToParticipantsInSlices, joinParticipantSlice } from './participant-slices';

/** The agenda and the activity on stage change on facilitator actions only; still, at most 10 frames a second. */
export const AGENDA_INTERVAL_MS = 100;

/** What a kind of activity sends one socket so that it shows the item's current state (results, own ballot…). */
export interface ActivityStateSender {
  sendState(socket: CroiseeSocket, item: AgendaItemRecord): Promise<void>;
}

/**
 * The agenda: facilitator actions on items (reorder, delete, open, close, display), the `agenda` list
 * to facilitators and the `activity` on stage to everyone. At connection (and on `agenda:sync`) a socket
 * gets the agenda (facilitators), the activity, and that activity's state for it.
 */
export function agendaSocket({ io, services, logger }: SocketContext, kinds: Record<AgendaItemKind, ActivityStateSender>): SocketFeature {
  const onError = (error: unknown) => logger.error('agenda broadcast failed', { error });
  const coalescer = new FrameCoalescer(AGENDA_INTERVAL_MS, onError);
  const facilitator = ['facilitator'] as const;

  async function sendState(socket: CroiseeSocket): Promise<void> {
    const { workshopId, role } = socket.data;
    if (role === 'facilitator') socket.emit('agenda', await services.agenda.list(workshopId));
    const item = await services.agenda.currentItem(workshopId);
    socket.emit('activity', { item: item ? await services.agenda.view(item) : null });
    if (item) await kinds[item.kind].sendState(socket, item);
    await sendClosedResults(socket, item?.id ?? null);
  }

  /**
   * A facilitator's console (re)connecting gets the results of every activity closed earlier, so that
   * "Voir les résultats" works after a reload as it did before.
   */
  async function sendClosedResults(socket: CroiseeSocket, sentAlready: string | null): Promise<void> {
    const { workshopId, role } = socket.data;
    if (role !== 'facilitator') return;
    for (const item of await services.agenda.closedItems(workshopId)) {
      if (item.id !== sentAlready) await kinds[item.kind].sendState(socket, item);
    }
  }

  return {
    onConnection(socket) {
      // Frames to every phone of the workshop (activity, results) go out slice by slice.
      joinParticipantSlice(socket);
      handle(socket, 'agenda:sync', { schema: emptyPayloadSchema, roles: ['facilitator', 'projection', 'participant'], ratePerSecond: 2 }, logger, async (_input, data) => {
        const result = {
          agenda: data.role === 'facilitator' ? await services.agenda.list(data.workshopId) : null,
          activity: await services.agenda.current(data.workshopId),
        };
        const item = await services.agenda.currentItem(data.workshopId);
        if (item) await kinds[item.kind].sendState(socket, item);
        await sendClosedResults(socket, item?.id ?? null);
        return result;
      });
      handle(socket, 'agenda:reorder', { schema: reorderAgendaSchema, roles: facilitator }, logger, async (input, data) => ({
        agenda: await services.agenda.reorder(data.workshopId, input.itemIds),
      }));
      handle(socket, 'agenda:delete', { schema: agendaItemRefSchema, roles: facilitator }, logger, async (input, data) => ({
        agenda: await services.agenda.remove(data.workshopId, input.itemId),
      }));
      handle(socket, 'agenda:open', { schema: agendaItemRefSchema, roles: facilitator }, logger, async (input, data) => ({
        item: await services.agenda.open(data.workshopId, input.itemId),
      }));
      handle(socket, 'agenda:close', { schema: agendaItemRefSchema, roles: facilitator }, logger, async (input, data) => ({
        item: await services.agenda.close(data.workshopId, input.itemId),
      }));
      handle(socket, 'agenda:display', { schema: agendaDisplaySchema, roles: facilitator }, logger, async (input, data) => ({
        item: await services.agenda.setDisplay(data.workshopId, input),
      }));
      // The initial state goes out once the connection is set up (rooms joined, presence recorded, `session` sent).
      setImmediate(() => {
        if (socket.connected) sendState(socket).catch(onError);
      });
    },
    onEvent(event) {
      if (event.type !== 'agenda.changed') return;
      const id = event.workshopId;
      coalescer.mark(id, async () => {
        io.to(rooms.facilitators(id)).emit('agenda', await services.agenda.list(id));
        const activity = await services.agenda.current(id);
        io.to([rooms.facilitators(id), rooms.projection(id)]).emit('activity', activity);
        await emitToParticipantsInSlices(io, id, 'activity', activity);
      });
    },
    close() {
      coalescer.close();
    },
  };
}
