import {
  createProposalSchema,
  decideProposalSchema,
  lockProposalSchema,
  proposalRefSchema,
  putToVoteSchema,
  retitleProposalSchema,
  showProposalSchema,
} from '../../../../shared/schemas/board';
import type { Role } from '../../../../shared/schemas/workshops';
import { emptyPayloadSchema } from '../../../../shared/schemas/workshops';
import type { BoardActor, DotVoter } from '../../domain/board/board-service';
import { FrameCoalescer } from '../../realtime/frame-coalescer';
import { handle } from '../handler';
import type { SocketContext, SocketFeature } from '../socket-server';
import { rooms, type SocketData } from '../types';
import { BOARD_PARTICIPANT_INTERVAL_MS, BOARD_STAFF_INTERVAL_MS } from './board-socket';

const actorOf = (data: SocketData): BoardActor => ({
  workshopId: data.workshopId,
  role: data.role === 'facilitator' ? 'facilitator' : 'participant',
  participantId: data.participantId,
});

const voterOf = (data: SocketData): DotVoter => ({ workshopId: data.workshopId, participantId: data.participantId!, standpoint: data.standpoint ?? null });

/**
 * Proposal commands and the coalesced list: everyone gets the proposals with their support counts,
 * facilitators also the supports by standpoint; a participant's own supports go to their own devices.
 * The text itself travels in each proposal's Yjs document. Which proposal's text the projection shows
 * goes to facilitators and the projection.
 */
export function proposalSocket({ io, services, logger }: SocketContext): SocketFeature {
  const proposals = services.proposals;
  const onError = (error: unknown) => logger.error('proposals broadcast failed', { error });
  const staff = new FrameCoalescer(BOARD_STAFF_INTERVAL_MS, onError);
  const phones = new FrameCoalescer(BOARD_PARTICIPANT_INTERVAL_MS, onError);
  const writers = ['participant', 'facilitator'] as const;
  const facilitator = ['facilitator'] as const;
  const participant = ['participant'] as const;

  function listChanged(workshopId: string): void {
    staff.mark(workshopId, async () => {
      const [full, shown] = await Promise.all([proposals.list(workshopId, 'facilitator'), proposals.list(workshopId, 'projection')]);
      io.to(rooms.facilitators(workshopId)).emit('proposals', { proposals: full });
      io.to(rooms.projection(workshopId)).emit('proposals', { proposals: shown });
    });
    phones.mark(workshopId, async () => {
      io.to(rooms.participants(workshopId)).emit('proposals', { proposals: await proposals.list(workshopId, 'participant') });
    });
  }

  /** Rare (a facilitator's click) and tiny: sent at once, read again from the store. */
  function shownChanged(workshopId: string): void {
    proposals
      .shown(workshopId)
      .then((shown) => io.to([rooms.facilitators(workshopId), rooms.projection(workshopId)]).emit('proposal:shown', shown))
      .catch(onError);
  }

  async function snapshot(data: SocketData) {
    const role: Role = data.role;
    const [list, mine] = await Promise.all([
      proposals.list(data.workshopId, role),
      data.participantId ? proposals.mySupports(data.workshopId, data.participantId) : Promise.resolve(null),
    ]);
    return { proposals: list, mine };
  }

  return {
    onConnection(socket) {
      handle(socket, 'proposal:sync', { schema: emptyPayloadSchema, roles: ['participant', 'facilitator', 'projection'], ratePerSecond: 2 }, logger, (_input, data) =>
        snapshot(data),
      );
      handle(socket, 'proposal:create', { schema: createProposalSchema, roles: writers, ratePerSecond: 2 }, logger, async (input, data) => ({
        proposal: await proposals.create(actorOf(data), input),
      }));
      handle(socket, 'proposal:retitle', { schema: retitleProposalSchema, roles: writers }, logger, async (input, data) => ({
        proposal: await proposals.retitle(actorOf(data), input.proposalId, input.title),
      }));
      for (const [event, change] of [
        ['proposal:support', proposals.support.bind(proposals)],
        ['proposal:unsupport', proposals.unsupport.bind(proposals)],
      ] as const) {
        handle(socket, event, { schema: proposalRefSchema, roles: participant, maxBytes: 256 }, logger, async (input, data) => {
          const mine = await change(voterOf(data), input.proposalId);
          socket.to(rooms.participant(data.participantId!)).emit('proposal:mine', mine);
          return { mine };
        });
      }
      handle(socket, 'proposal:lock', { schema: lockProposalSchema, roles: facilitator }, logger, async (input, data) => ({
        proposal: await proposals.setLocked(data.workshopId, input.proposalId, input.locked),
      }));
      handle(socket, 'proposal:put-to-vote', { schema: putToVoteSchema, roles: facilitator }, logger, (input, data) =>
        proposals.putToVote(data.workshopId, input.proposalId, input.open),
      );
      handle(socket, 'proposal:decide', { schema: decideProposalSchema, roles: facilitator }, logger, async (input, data) => ({
        proposal: await proposals.decide(data.workshopId, input.proposalId, input.status),
      }));
      handle(socket, 'proposal:delete', { schema: proposalRefSchema, roles: facilitator }, logger, async (input, data) => {
        await proposals.remove(data.workshopId, input.proposalId);
        return {};
      });
      handle(socket, 'proposal:show', { schema: showProposalSchema, roles: facilitator, maxBytes: 256 }, logger, async (input, data) => ({
        shown: await proposals.show(data.workshopId, input.proposalId),
      }));
      setImmediate(() => {
        if (!socket.connected) return;
        snapshot(socket.data)
          .then(async ({ proposals: list, mine }) => {
            socket.emit('proposals', { proposals: list });
            if (mine) socket.emit('proposal:mine', mine);
            if (socket.data.role !== 'participant') socket.emit('proposal:shown', await proposals.shown(socket.data.workshopId));
          })
          .catch(onError);
      });
    },
    onEvent(event) {
      if (event.type === 'proposals.shown') shownChanged(event.workshopId);
      if (event.type === 'proposals.changed') listChanged(event.workshopId);
      // Closing the workshop makes every text read-only: `writable` changes.
      if (event.type === 'workshop.updated') listChanged(event.workshopId);
    },
    close() {
      staff.close();
      phones.close();
    },
  };
}
