import type { ServerToClientEvents } from '../../../../shared/events';
import type { SocketContext } from '../socket-server';
import { rooms, type CroiseeSocket } from '../types';

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
export async function emitToParticipantsInSlices<E extends keyof ServerToClientEvents>(
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
