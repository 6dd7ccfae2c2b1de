import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../../../shared/events';
import type { Role } from '../../../shared/schemas/workshops';

/** What the server knows of an accepted socket; set once by the handshake middleware. */
export interface SocketData {
  role: Role;
  workshopId: string;
  /** Only for participants; never sent to any client. */
  participantId?: string;
  /** Only for participants: used by features that count by standpoint on the server. */
  standpoint?: string | null;
  connectionId: string;
}

// eslint-style empty map for inter-server events: one node for now.
export type InterServerEvents = Record<string, never>;
export type CroiseeServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type CroiseeSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/** socket.io rooms. A participant's own room reaches all their tabs, and nobody else. */
export const rooms = {
  workshop: (id: string) => `w:${id}`,
  participants: (id: string) => `w:${id}:participants`,
  facilitators: (id: string) => `w:${id}:facilitators`,
  projection: (id: string) => `w:${id}:projection`,
  participant: (participantId: string) => `p:${participantId}`,
};
