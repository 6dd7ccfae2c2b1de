import { pushRecordSchema } from '../../../../shared/schemas/records';
import { handle } from '../handler';
import type { SocketContext, SocketFeature } from '../socket-server';
import { rooms } from '../types';

/** Pushes: one a second per socket (burst of two), so that a double click makes one version, not ten. */
const PUSH_RATE = 1;

/**
 * Records over socket.io: the facilitator's push, and `record:pushed` to the workshop's facilitators
 * whenever a version is stored (and, at connection, for each version stored before). The record's background work (the pushes a stopped server missed,
 * webhook deliveries) runs while the transports run: started here, stopped on close.
 */
export function recordsSocket({ io, services, logger }: SocketContext): SocketFeature {
  const records = services.records;
  const onError = (error: unknown) => logger.error('records background work failed', { error });
  records.start().catch(onError);

  return {
    onConnection(socket) {
      handle(socket, 'record:push', { schema: pushRecordSchema, roles: ['facilitator'], ratePerSecond: PUSH_RATE }, logger, (input, data) =>
        records.push(data.workshopId, 'facilitator', input),
      );
      // A facilitator's console (re)connecting learns the versions already stored, oldest first.
      if (socket.data.role === 'facilitator') {
        const { workshopId } = socket.data;
        records
          .versions(workshopId)
          .then((versions) => {
            if (socket.connected) for (const version of versions) socket.emit('record:pushed', version);
          })
          .catch(onError);
      }
    },
    onEvent(event) {
      if (event.type !== 'record.pushed') return;
      records
        .versions(event.workshopId)
        .then((versions) => {
          const pushed = versions.find((v) => v.version === event.version);
          if (pushed) io.to(rooms.facilitators(event.workshopId)).emit('record:pushed', pushed);
        })
        .catch(onError);
    },
    close() {
      records.stop().catch(onError);
    },
  };
}
