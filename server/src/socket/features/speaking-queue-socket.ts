import {
  giveFloorSchema,
  lowerHandSchema,
  markContributionSchema,
  moderateContributionSchema,
  projectContributionSchema,
  raiseHandSchema,
  setApprovalRequiredSchema,
  setQueueModeSchema,
  startTimerSchema,
  submitContributionSchema,
  supportContributionSchema,
} from '../../../../shared/schemas/speaking-queue';
import { emptyPayloadSchema } from '../../../../shared/schemas/workshops';
import type { SpeakingQueueSnapshot } from '../../../../shared/views-speaking-queue';
import { NO_TICKET } from '../../domain/speaking-queue/speaking-queue-service';
import { FrameCoalescer } from '../../realtime/frame-coalescer';
import { handle } from '../handler';
import type { SocketContext, SocketFeature } from '../socket-server';
import { rooms, type CroiseeSocket, type SocketData } from '../types';

/** Queue, counters and staff frames: at most 10 a second per workshop, whatever the rate of changes. */
export const QUEUE_FRAME_INTERVAL_MS = 100;
/** Contribution lists to phones: at most one a second. */
export const CONTRIBUTIONS_PHONE_INTERVAL_MS = 1_000;
/** How often running timers are checked for their warning and their end (no I/O). */
export const TIMER_TICK_MS = 250;
/** How often active queues are matched with who is connected, and expired tickets dropped. */
export const PRESENCE_SWEEP_MS = 2_000;

/** Raising and lowering: one a second per socket, with a burst of two. */
const HAND_RATE = 1;
/** Written contributions: one a second per socket, with a burst of two (a typo corrected at once). */
const CONTRIBUTION_RATE = 1;

/**
 * Speaking turns and written contributions. Everyone gets the same anonymous queue; a participant's
 * own ticket, "your turn" and own contributions go to their own room (all their tabs) and nowhere
 * else; counters by standpoint go to facilitators and the projection.
 */
export function speakingQueueSocket({ io, services, logger }: SocketContext): SocketFeature {
  const queue = services.speakingQueue;
  const contributions = queue.contributions;
  const onError = (error: unknown) => logger.error('speaking queue broadcast failed', { error });
  const frames = new FrameCoalescer(QUEUE_FRAME_INTERVAL_MS, onError);
  const phones = new FrameCoalescer(CONTRIBUTIONS_PHONE_INTERVAL_MS, onError);
  /** Participants who held a ticket at the last frame, per workshop, so that those who lost it are told. */
  const holders = new Map<string, Set<string>>();
  let closed = false;

  const isConnected = async (participantId: string) => (await io.in(rooms.participant(participantId)).fetchSockets()).length > 0;

  function queueChanged(workshopId: string): void {
    frames.mark(`queue:${workshopId}`, async () => {
      const { queue: view, owners } = await queue.framesFor(workshopId);
      io.to(rooms.workshop(workshopId)).emit('queue:state', view);
      for (const [participantId, mine] of owners) io.to(rooms.participant(participantId)).emit('queue:mine', mine);
      for (const participantId of holders.get(workshopId) ?? []) {
        if (!owners.has(participantId)) io.to(rooms.participant(participantId)).emit('queue:mine', NO_TICKET);
      }
      if (owners.size > 0) holders.set(workshopId, new Set(owners.keys()));
      else holders.delete(workshopId);
    });
  }

  function countersChanged(workshopId: string): void {
    frames.mark(`counters:${workshopId}`, async () => {
      io.to([rooms.facilitators(workshopId), rooms.projection(workshopId)]).emit('queue:counters', await queue.counters(workshopId));
    });
  }

  function contributionsChanged(workshopId: string, contributionId: string | null): void {
    frames.mark(`contributions:${workshopId}`, async () => {
      const [staff, shown] = await Promise.all([contributions.staffView(workshopId), contributions.publicView(workshopId)]);
      io.to(rooms.facilitators(workshopId)).emit('contributions:staff', staff);
      io.to(rooms.projection(workshopId)).emit('contributions:state', shown);
    });
    phones.mark(workshopId, async () => {
      io.to(rooms.participants(workshopId)).emit('contributions:state', await contributions.publicView(workshopId));
    });
    if (contributionId !== null) {
      // The author learns about their own contribution (approved, set aside…) on all their devices.
      contributions
        .authorOf(contributionId)
        .then(async (authorId) => {
          if (authorId) io.to(rooms.participant(authorId)).emit('contributions:mine', await contributions.mine(workshopId, authorId));
        })
        .catch(onError);
    }
  }

  async function snapshot(data: SocketData): Promise<SpeakingQueueSnapshot> {
    const { workshopId, participantId, role } = data;
    const [view, timer] = await Promise.all([queue.publicView(workshopId), queue.timer(workshopId)]);
    if (role === 'participant' && participantId) {
      return {
        queue: view,
        timer,
        mine: await queue.mine(workshopId, participantId),
        myContributions: await contributions.mine(workshopId, participantId),
        contributions: await contributions.publicView(workshopId),
      };
    }
    const counters = await queue.counters(workshopId);
    if (role === 'facilitator') return { queue: view, timer, counters, staffContributions: await contributions.staffView(workshopId) };
    return { queue: view, timer, counters, contributions: await contributions.publicView(workshopId) };
  }

  /** Sent right after the handshake, so that a screen that comes back finds its state without asking. */
  async function sendSnapshot(socket: CroiseeSocket): Promise<void> {
    const s = await snapshot(socket.data);
    socket.emit('queue:state', s.queue);
    socket.emit('queue:timer', { timer: s.timer });
    if (s.mine) socket.emit('queue:mine', s.mine);
    if (s.myContributions) socket.emit('contributions:mine', s.myContributions);
    if (s.contributions) socket.emit('contributions:state', s.contributions);
    if (s.staffContributions) socket.emit('contributions:staff', s.staffContributions);
    if (s.counters) socket.emit('queue:counters', s.counters);
  }

  /** Participant events: `handle` refuses other roles with `forbidden`, so `participantId` is set here. */
  function registerParticipantEvents(socket: CroiseeSocket): void {
    const emitOwnContributions = async (workshopId: string, participantId: string) =>
      io.to(rooms.participant(participantId)).emit('contributions:mine', await contributions.mine(workshopId, participantId));
    const hand = { roles: ['participant'] as const, ratePerSecond: HAND_RATE, maxBytes: 256 };
    handle(socket, 'queue:raise', { schema: raiseHandSchema, ...hand }, logger, async (input, data) =>
      queue.raise(data.workshopId, { id: data.participantId!, standpoint: data.standpoint ?? null }, input.kind ?? null),
    );
    handle(socket, 'queue:lower', { schema: lowerHandSchema, ...hand }, logger, async (input, data) =>
      queue.lower(data.workshopId, data.participantId!, input.ticketNumber),
    );
    handle(
      socket,
      'contribution:submit',
      { schema: submitContributionSchema, roles: ['participant'], ratePerSecond: CONTRIBUTION_RATE, maxBytes: 8 * 1024 },
      logger,
      async (input, data) => {
        const author = { id: data.participantId!, standpoint: data.standpoint ?? null };
        const result = await contributions.submit(data.workshopId, author, { text: input.text, kind: input.kind ?? null });
        await emitOwnContributions(data.workshopId, author.id);
        return result;
      },
    );
    handle(socket, 'contribution:support', { schema: supportContributionSchema, roles: ['participant'], ratePerSecond: 5 }, logger, async (input, data) => {
      const result = await contributions.support(data.workshopId, data.participantId!, input.contributionId);
      await emitOwnContributions(data.workshopId, data.participantId!);
      return result;
    });
  }

  /** The participant's last tab closing starts the grace period of their ticket. */
  function watchPresence(socket: CroiseeSocket, participantId: string, workshopId: string): void {
    socket.on('disconnect', () => {
      if (closed) return;
      // The socket has left its rooms by now: an empty room means the participant's last tab closed.
      isConnected(participantId)
        .then((connected) => (connected || closed ? undefined : queue.ownerAway(workshopId, participantId)))
        .catch(onError);
    });
  }

  function registerFacilitatorEvents(socket: CroiseeSocket): void {
    const staff = { roles: ['facilitator'] as const };
    handle(socket, 'queue:give', { schema: giveFloorSchema, ...staff }, logger, async (input, data) => queue.give(data.workshopId, input.ticketNumber));
    handle(socket, 'queue:end-turn', { schema: emptyPayloadSchema, ...staff }, logger, async (_input, data) => queue.endTurn(data.workshopId));
    handle(socket, 'queue:start-timer', { schema: startTimerSchema, ...staff }, logger, async (input, data) => ({
      timer: await queue.startTimer(data.workshopId, input.seconds),
    }));
    handle(socket, 'queue:set-mode', { schema: setQueueModeSchema, ...staff }, logger, async (input, data) => ({
      mode: await queue.setMode(data.workshopId, input.mode),
    }));
    handle(socket, 'contribution:mark', { schema: markContributionSchema, ...staff }, logger, async (input, data) => {
      await contributions.mark(data.workshopId, input.contributionId, input.handled);
      return {};
    });
    handle(socket, 'contribution:project', { schema: projectContributionSchema, ...staff }, logger, async (input, data) => {
      await contributions.project(data.workshopId, input.contributionId);
      return {};
    });
    handle(socket, 'contribution:moderate', { schema: moderateContributionSchema, ...staff }, logger, async (input, data) =>
      contributions.moderate(data.workshopId, input.contributionId, input.decision),
    );
    handle(socket, 'contribution:set-approval', { schema: setApprovalRequiredSchema, ...staff }, logger, async (input, data) => {
      await contributions.setApprovalRequired(data.workshopId, input.required);
      return {};
    });
  }

  let sweeping = false;
  async function sweep(): Promise<void> {
    if (sweeping || closed) return;
    sweeping = true;
    try {
      for (const workshopId of await queue.activeWorkshops()) {
        if (closed) return;
        await queue.sweep(workshopId, isConnected);
      }
    } finally {
      sweeping = false;
    }
  }
  const ticker = setInterval(() => queue.tick(), TIMER_TICK_MS);
  const sweeper = setInterval(() => void sweep().catch(onError), PRESENCE_SWEEP_MS);

  return {
    async onConnection(socket) {
      const { role, workshopId, participantId } = socket.data;
      handle(socket, 'queue:sync', { schema: emptyPayloadSchema, roles: ['participant', 'facilitator', 'projection'] }, logger, async (_input, data) => ({
        snapshot: await snapshot(data),
      }));
      registerParticipantEvents(socket);
      registerFacilitatorEvents(socket);
      if (role === 'participant' && participantId) {
        // Joined here already (joining is idempotent) so that the disconnect check and the sweep see this tab.
        socket.join(rooms.participant(participantId));
        watchPresence(socket, participantId, workshopId);
        await queue.ownerBack(workshopId, participantId);
      }
      await sendSnapshot(socket);
    },
    onEvent(event) {
      if (closed) return;
      switch (event.type) {
        case 'speaking-queue.changed':
          return queueChanged(event.workshopId);
        case 'speaking-queue.turn-started': {
          const { workshopId, ticketNumber } = event;
          queue
            .speakerOf(workshopId, ticketNumber)
            .then((speaker) => {
              if (speaker) io.to(rooms.participant(speaker.participantId)).emit('queue:your-turn', { ticketNumber, startedAt: speaker.startedAt });
            })
            .catch(onError);
          return;
        }
        case 'speaking-queue.timer':
          queue
            .timer(event.workshopId)
            .then((timer) => io.to(rooms.workshop(event.workshopId)).emit('queue:timer', { timer }))
            .catch(onError);
          return;
        case 'speaking-queue.counters':
        case 'attendance.changed':
          return countersChanged(event.workshopId);
        case 'contributions.changed':
          return contributionsChanged(event.workshopId, event.contributionId);
        case 'workshop.updated':
          queue.workshopUpdated(event.workshopId).catch(onError);
          return;
      }
    },
    close() {
      closed = true;
      clearInterval(ticker);
      clearInterval(sweeper);
      frames.close();
      phones.close();
    },
  };
}
