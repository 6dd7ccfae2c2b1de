import type { AttendanceView } from '../../../../shared/views';
import { emptyPayloadSchema } from '../../../../shared/schemas/workshops';
import { FrameCoalescer } from '../../realtime/frame-coalescer';
import { handle } from '../handler';
import type { SocketContext, SocketFeature } from '../socket-server';
import { rooms } from '../types';

/** Facilitators and the projection get attendance at most 10 times a second; phones once every 2 seconds. */
export const ATTENDANCE_STAFF_INTERVAL_MS = 100;
export const ATTENDANCE_PARTICIPANT_INTERVAL_MS = 2_000;

/** Phones get the room's totals only: the breakdown by standpoint is for the facilitator and the projection. */
export function forParticipants(view: AttendanceView): AttendanceView {
  return { present: view.present, attended: view.attended, presentByStandpoint: {}, attendedByStandpoint: {} };
}

/** Workshop life cycle and live attendance. */
export function workshopSocket({ io, services, logger }: SocketContext): SocketFeature {
  const onError = (error: unknown) => logger.error('attendance broadcast failed', { error });
  const staff = new FrameCoalescer(ATTENDANCE_STAFF_INTERVAL_MS, onError);
  const phones = new FrameCoalescer(ATTENDANCE_PARTICIPANT_INTERVAL_MS, onError);

  return {
    onConnection(socket) {
      handle(socket, 'workshop:open', { schema: emptyPayloadSchema, roles: ['facilitator'] }, logger, async (_input, data) => ({
        workshop: await services.workshops.open(data.workshopId),
      }));
      handle(socket, 'workshop:close', { schema: emptyPayloadSchema, roles: ['facilitator'] }, logger, async (_input, data) => ({
        workshop: await services.workshops.close(data.workshopId),
      }));
    },
    onEvent(event) {
      if (event.type === 'workshop.updated') {
        services.workshops
          .view(event.workshopId)
          .then((view) => io.to(rooms.workshop(event.workshopId)).emit('workshop:updated', view))
          .catch(onError);
      } else if (event.type === 'attendance.changed') {
        const id = event.workshopId;
        staff.mark(id, async () => {
          io.to([rooms.facilitators(id), rooms.projection(id)]).emit('attendance', await services.participants.attendance(id));
        });
        phones.mark(id, async () => {
          io.to(rooms.participants(id)).emit('attendance', forParticipants(await services.participants.attendance(id)));
        });
      }
    },
    close() {
      staff.close();
      phones.close();
    },
  };
}
