import type http from 'node:http';
import { Server } from 'socket.io';
import { CroiseeError } from '../../../shared/errors';
import { MAX_SOCKET_FRAME_BYTES, PROTOCOL_VERSION } from '../../../shared/protocol-version';
import { handshakeSchema } from '../../../shared/schemas/workshops';
import type { EventBus } from '../bus/event-bus';
import type { DomainEvent } from '../domain/events';
import { newId } from '../domain/ids';
import type { Services } from '../domain/services';
import type { Logger } from '../logger';
import { forParticipants } from './features/workshop-socket';
import { describeZodError } from './handler';
import type { AttendanceView, SessionView } from '../../../shared/views';
import { rooms, type CroiseeServer, type CroiseeSocket, type SocketData } from './types';

/** Context every feature's socket module receives. */
export interface SocketContext {
  io: CroiseeServer;
  services: Services;
  logger: Logger;
}

/**
 * A live feature's transport: registers its events on each accepted socket and turns domain events
 * into (coalesced) room broadcasts.
 */
export interface SocketFeature {
  onConnection?(socket: CroiseeSocket): void | Promise<void>;
  onEvent?(event: DomainEvent): void;
  close?(): void;
}

export interface SocketServerOptions {
  services: Services;
  bus: EventBus;
  logger: Logger;
  nodeId: string;
  /** Returns whether a browser handshake from this Origin may connect. */
  originAllowed: (origin: string | undefined, host: string | undefined) => boolean;
  features: (ctx: SocketContext) => SocketFeature[];
}

function handshakeError(code: string, message: string): Error & { data: { code: string; message: string } } {
  return Object.assign(new Error(message), { data: { code, message } });
}

/** How old the attendance sent to a phone on connecting may be (see `welcomeAttendance`). */
const WELCOME_ATTENDANCE_MAX_AGE_MS = 250;

/** The socket.io server: handshake authentication, rooms, presence, and the features' events. */
export function createSocketServer(httpServer: http.Server, options: SocketServerOptions) {
  const { services, logger } = options;
  const io: CroiseeServer = new Server(httpServer, {
    maxHttpBufferSize: MAX_SOCKET_FRAME_BYTES,
    perMessageDeflate: false,
    httpCompression: false,
    serveClient: false,
    pingInterval: 10_000,
    pingTimeout: 8_000,
    connectionStateRecovery: undefined,
    // The Yjs endpoint answers its own upgrades after an asynchronous check of the token; engine.io would
    // otherwise destroy any upgrade of another path it sees unanswered after 1 s. Upgrades nobody serves
    // are refused by the application (app.ts).
    destroyUpgrade: false,
    allowRequest: (req, callback) => {
      const allowed = options.originAllowed(req.headers.origin, req.headers.host);
      callback(allowed ? null : 'origin_not_allowed', allowed);
    },
  });

  /**
   * The attendance a participant's phone gets on connecting. When a room arrives at once, thousands of
   * phones connect within seconds; counting the workshop for each would cost O(N²). A count at most
   * WELCOME_ATTENDANCE_MAX_AGE_MS old is shared instead: phones show totals only, and the coalesced
   * attendance frame that every connection triggers follows with the exact figure.
   */
  const welcomes = new Map<string, { at: number; attendance: Promise<AttendanceView> }>();
  const welcomeAttendance = (workshopId: string): Promise<AttendanceView> => {
    const now = Date.now();
    const recent = welcomes.get(workshopId);
    if (recent && now - recent.at <= WELCOME_ATTENDANCE_MAX_AGE_MS) return recent.attendance;
    const attendance = services.participants.attendance(workshopId);
    welcomes.set(workshopId, { at: now, attendance });
    attendance.catch(() => welcomes.delete(workshopId));
    // Forget old counts so the map holds only workshops being joined right now.
    for (const [id, entry] of welcomes) if (now - entry.at > WELCOME_ATTENDANCE_MAX_AGE_MS) welcomes.delete(id);
    return attendance;
  };

  io.use(async (socket, next) => {
    const parsed = handshakeSchema.safeParse(socket.handshake.auth);
    if (!parsed.success) return next(handshakeError('bad_request', describeZodError(parsed.error)));
    const auth = parsed.data;
    if (auth.protocol !== PROTOCOL_VERSION) {
      return next(handshakeError('protocol_mismatch', `Version du protocole ${auth.protocol} ; le serveur parle la ${PROTOCOL_VERSION}. Rechargez la page.`));
    }
    try {
      const connectionId = newId();
      if (auth.role === 'participant') {
        const session = await services.participants.authenticate(auth.token);
        socket.data = {
          role: 'participant',
          workshopId: session.workshop.id,
          participantId: session.participant.id,
          standpoint: session.participant.standpoint,
          connectionId,
        } satisfies SocketData;
      } else {
        const workshop = await services.workshops.authorize(auth.workshopId, auth.secret, auth.role);
        socket.data = { role: auth.role, workshopId: workshop.id, connectionId } satisfies SocketData;
      }
      next();
    } catch (error) {
      if (error instanceof CroiseeError) return next(handshakeError(error.code, error.message));
      logger.error('handshake failed', { error });
      next(handshakeError('internal', 'Erreur du serveur, réessayez dans un instant.'));
    }
  });

  const ctx: SocketContext = { io, services, logger };
  const features = options.features(ctx);
  const unsubscribe = options.bus.subscribe((event) => {
    for (const feature of features) feature.onEvent?.(event);
  });

  io.on('connection', async (socket) => {
    const data = socket.data;
    const workshopId = data.workshopId;
    // Listeners first, so that no event sent right after the handshake is missed.
    for (const feature of features) {
      try {
        await feature.onConnection?.(socket);
      } catch (error) {
        logger.error('feature failed on connection', { error });
      }
    }
    socket.join(rooms.workshop(workshopId));
    // The disconnect listener exists before presence is written, and waits for that write, so a
    // socket that drops during setup never leaves a ghost connection behind.
    let presence: Promise<void> = Promise.resolve();
    socket.on('disconnect', () => {
      if (data.role !== 'participant') return;
      presence
        .then(() => services.participants.disconnected(workshopId, data.connectionId))
        .catch((error) => logger.error('disconnect failed', { error }));
    });
    try {
      const workshop = await services.workshops.require(workshopId);
      let self: SessionView['self'];
      if (data.role === 'participant' && data.participantId) {
        const participantId = data.participantId;
        socket.join([rooms.participants(workshopId), rooms.participant(participantId)]);
        if (workshop.state !== 'closed' && socket.connected) {
          presence = services.participants.connected(workshopId, participantId, data.connectionId, options.nodeId);
          await presence;
        }
        self = await services.participants.selfOf(participantId);
      } else {
        socket.join(data.role === 'facilitator' ? rooms.facilitators(workshopId) : rooms.projection(workshopId));
      }
      const view = await services.workshops.toView(workshop);
      socket.emit('session', { role: data.role, protocol: PROTOCOL_VERSION, workshop: view, ...(self ? { self } : {}) });
      if (data.role === 'participant') socket.emit('attendance', forParticipants(await welcomeAttendance(workshopId)));
      else socket.emit('attendance', await services.participants.attendance(workshopId));
    } catch (error) {
      logger.error('connection setup failed', { error });
      socket.disconnect(true);
    }
  });

  return {
    io,
    async close(): Promise<void> {
      unsubscribe();
      for (const feature of features) feature.close?.();
      await io.close();
    },
  };
}
