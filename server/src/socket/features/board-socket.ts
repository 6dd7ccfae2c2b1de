import {
  addCardSchema,
  addColumnSchema,
  cardRefSchema,
  columnRefSchema,
  dotBudgetSchema,
  lockBoardSchema,
  moveCardSchema,
  moveColumnSchema,
  renameColumnSchema,
  signCardSchema,
} from '../../../../shared/schemas/board';
import { emptyPayloadSchema } from '../../../../shared/schemas/workshops';
import type { BoardActor, DotVoter } from '../../domain/board/board-service';
import { FrameCoalescer } from '../../realtime/frame-coalescer';
import { handle } from '../handler';
import type { SocketContext, SocketFeature } from '../socket-server';
import { rooms, type SocketData } from '../types';

/** Dot totals: at most 10 frames a second to facilitators and the projection… */
export const BOARD_STAFF_INTERVAL_MS = 100;
/** …and 2 a second to participants' phones, whatever the rate of dots. */
export const BOARD_PARTICIPANT_INTERVAL_MS = 500;

const actorOf = (data: SocketData): BoardActor => ({
  workshopId: data.workshopId,
  role: data.role === 'facilitator' ? 'facilitator' : 'participant',
  participantId: data.participantId,
});

const voterOf = (data: SocketData): DotVoter => ({ workshopId: data.workshopId, participantId: data.participantId!, standpoint: data.standpoint ?? null });

/**
 * Board commands (cards, columns, lock, budget, dots) and coalesced dot totals. The cards themselves
 * reach clients through the board's Yjs document, written by the service; this transport only answers
 * commands and sends aggregates: totals to everyone, the breakdown by standpoint to facilitators, a
 * participant's own dots to their own devices.
 */
export function boardSocket({ io, services, logger }: SocketContext): SocketFeature {
  const board = services.board;
  const onError = (error: unknown) => logger.error('board broadcast failed', { error });
  const staff = new FrameCoalescer(BOARD_STAFF_INTERVAL_MS, onError);
  const phones = new FrameCoalescer(BOARD_PARTICIPANT_INTERVAL_MS, onError);
  const writers = ['participant', 'facilitator'] as const;
  const facilitator = ['facilitator'] as const;
  const participant = ['participant'] as const;

  function dotsChanged(workshopId: string): void {
    staff.mark(workshopId, async () => {
      const frames = await board.dotsFrames(workshopId);
      io.to(rooms.facilitators(workshopId)).emit('board:dots', frames.facilitator);
      io.to(rooms.projection(workshopId)).emit('board:dots', frames.public);
    });
    phones.mark(workshopId, async () => {
      io.to(rooms.participants(workshopId)).emit('board:dots', (await board.dotsFrames(workshopId)).public);
    });
  }

  async function snapshot(data: SocketData) {
    const [state, frames, mine] = await Promise.all([
      board.state(data.workshopId),
      board.dotsFrames(data.workshopId),
      data.participantId ? board.myDots(data.workshopId, data.participantId) : Promise.resolve(null),
    ]);
    return { state, dots: data.role === 'facilitator' ? frames.facilitator : frames.public, mine };
  }

  return {
    onConnection(socket) {
      handle(socket, 'board:sync', { schema: emptyPayloadSchema, roles: ['participant', 'facilitator', 'projection'], ratePerSecond: 2 }, logger, (_input, data) =>
        snapshot(data),
      );
      handle(socket, 'board:card:add', { schema: addCardSchema, roles: writers, maxBytes: 4096 }, logger, async (input, data) => {
        const added = await board.addCard(actorOf(data), input);
        // The author's other tabs learn the card is theirs; nobody else learns whose it is.
        if (data.participantId) socket.to(rooms.participant(data.participantId)).emit('board:my-cards', await board.myCards(data.workshopId, data.participantId));
        return added;
      });
      handle(socket, 'board:card:move', { schema: moveCardSchema, roles: writers, maxBytes: 512 }, logger, async (input, data) => {
        await board.moveCard(actorOf(data), input);
        return {};
      });
      handle(socket, 'board:card:delete', { schema: cardRefSchema, roles: writers, maxBytes: 256 }, logger, async (input, data) => {
        const { refunded } = await board.deleteCard(actorOf(data), input.cardId);
        if (data.participantId) socket.to(rooms.participant(data.participantId)).emit('board:my-cards', await board.myCards(data.workshopId, data.participantId));
        for (const participantId of refunded) {
          io.to(rooms.participant(participantId)).emit('board:my-dots', await board.myDots(data.workshopId, participantId));
        }
        return {};
      });
      handle(socket, 'board:card:sign', { schema: signCardSchema, roles: participant, maxBytes: 256 }, logger, async (input, data) => {
        await board.signCard(actorOf(data), input.cardId, input.signed);
        return {};
      });
      handle(socket, 'board:column:add', { schema: addColumnSchema, roles: facilitator }, logger, (input, data) =>
        board.addColumn(data.workshopId, input.title, input.afterColumnId),
      );
      handle(socket, 'board:column:rename', { schema: renameColumnSchema, roles: facilitator }, logger, async (input, data) => {
        await board.renameColumn(data.workshopId, input.columnId, input.title);
        return {};
      });
      handle(socket, 'board:column:move', { schema: moveColumnSchema, roles: facilitator }, logger, async (input, data) => {
        await board.moveColumn(data.workshopId, input.columnId, input.afterColumnId);
        return {};
      });
      handle(socket, 'board:column:delete', { schema: columnRefSchema, roles: facilitator }, logger, async (input, data) => {
        await board.deleteColumn(data.workshopId, input.columnId);
        return {};
      });
      handle(socket, 'board:lock', { schema: lockBoardSchema, roles: facilitator }, logger, async (input, data) => ({
        state: await board.setLocked(data.workshopId, input.locked),
      }));
      handle(socket, 'board:set-budget', { schema: dotBudgetSchema, roles: facilitator }, logger, async (input, data) => ({
        state: await board.setDotBudget(data.workshopId, input.dotBudget),
      }));
      for (const [event, change] of [
        ['board:dot:place', board.placeDot.bind(board)],
        ['board:dot:remove', board.removeDot.bind(board)],
      ] as const) {
        handle(socket, event, { schema: cardRefSchema, roles: participant, maxBytes: 256 }, logger, async (input, data) => {
          const mine = await change(voterOf(data), input.cardId);
          // The participant's other tabs follow; nobody else learns whose dots these are.
          socket.to(rooms.participant(data.participantId!)).emit('board:my-dots', mine);
          return { mine };
        });
      }
      // The initial state goes out once the connection is set up (rooms joined, `session` sent).
      setImmediate(() => {
        if (!socket.connected) return;
        const { participantId, workshopId } = socket.data;
        Promise.all([snapshot(socket.data), participantId ? board.myCards(workshopId, participantId) : null])
          .then(([{ state, dots, mine }, cards]) => {
            socket.emit('board:state', state);
            socket.emit('board:dots', dots);
            if (mine) socket.emit('board:my-dots', mine);
            if (cards) socket.emit('board:my-cards', cards);
          })
          .catch(onError);
      });
    },
    onEvent(event) {
      if (event.type === 'board.dots.changed') dotsChanged(event.workshopId);
      if (event.type === 'board.changed') {
        const id = event.workshopId;
        board
          .state(id)
          .then((state) => io.to(rooms.workshop(id)).emit('board:state', state))
          .catch(onError);
      }
    },
    close() {
      staff.close();
      phones.close();
    },
  };
}
