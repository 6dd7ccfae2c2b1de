import {
  request,
  type Credentials,
  type CroiseeClient,
  type CroiseeSocket,
  type EventPayload,
  type EventResult,
} from '../../../../shared/client/croisee-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../../../shared/events';
import type { AttendanceView, SessionView, WorkshopView } from '../../../../shared/views';
import { features, type AttachedFeature } from '../../features/registry';
import type { MessageKey } from '../i18n/fr';

/**
 * - `connecting`: first handshake under way;
 * - `connected`: the server accepted us (a `session` arrived);
 * - `reconnecting`: the link dropped or the server is unreachable; socket.io retries by itself;
 * - `refused`: the server refused the credentials (see `refusal`); no retry;
 * - `closed`: the page let go of the connection.
 */
export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'refused' | 'closed';

/** Why the server refused the handshake: a named code from shared/errors.ts. */
export interface Refusal {
  code: string;
  message: string;
}

/** Handshake refusals worth retrying on their own: the server may be fine a moment later. */
const TRANSIENT_REFUSALS = new Set(['internal', 'rate_limited']);
const RETRY_AFTER_MS = 3_000;

type Listener<E extends keyof ServerToClientEvents> = ServerToClientEvents[E];

/**
 * One live connection to a workshop, whatever the role: its status, the workshop and attendance as the
 * server last sent them, and the live features attached to it. Role-specific classes extend it with
 * their intents; features use `on` and `request` and never touch the socket itself.
 */
export class LiveConnection {
  status = $state<ConnectionStatus>('connecting');
  refusal = $state.raw<Refusal | null>(null);
  session = $state.raw<SessionView | null>(null);
  workshop = $state.raw<WorkshopView | null>(null);
  attendance = $state.raw<AttendanceView | null>(null);
  /** The last thing worth announcing to screen readers (workshop started, over, connection back). */
  announcement = $state<MessageKey | null>(null);
  /** Every registered live feature, with its state on this connection. */
  readonly features: AttachedFeature[];
  /** The feature whose activity is the workshop's current one, if any. */
  readonly currentActivity = $derived.by(() => this.features.find((attached) => attached.state.current));

  readonly #socket: CroiseeSocket;
  #released = false;
  #lost = false;
  #retry: ReturnType<typeof setTimeout> | undefined;

  constructor(
    client: CroiseeClient,
    /** Who this connection speaks for: the same credentials open the workshop's Yjs documents. */
    readonly credentials: Credentials,
  ) {
    const socket = client.connect(credentials);
    this.#socket = socket;
    socket.on('session', (session) => {
      this.session = session;
      this.workshop = session.workshop;
      this.refusal = null;
      this.status = 'connected';
      if (this.#lost) this.announcement = 'connection.back';
      this.#lost = false;
    });
    socket.on('workshop:updated', (workshop) => this.applyWorkshop(workshop));
    socket.on('attendance', (attendance) => {
      this.attendance = attendance;
    });
    socket.on('disconnect', (reason) => {
      if (this.#released) return;
      this.#lost = true;
      this.status = 'reconnecting';
      // socket.io only reconnects by itself after a network loss; after a server-side disconnect it waits for us.
      if (reason === 'io server disconnect') this.#retryLater();
    });
    socket.on('connect_error', (error) => {
      if (this.#released) return;
      this.#lost = true;
      const code = (error as Error & { data?: Partial<Refusal> }).data?.code;
      // `active`: a network-level failure, which socket.io retries by itself with backoff.
      if (socket.active || !code || TRANSIENT_REFUSALS.has(code)) {
        this.status = 'reconnecting';
        if (!socket.active) this.#retryLater();
        return;
      }
      this.refusal = { code, message: error.message };
      this.status = 'refused';
    });
    this.features = features.map((feature) => ({ feature, state: feature.create(this) }));
  }

  /** Listens to a server event; returns the function that stops listening. */
  on<E extends keyof ServerToClientEvents>(event: E, listener: Listener<E>): () => void {
    const socket = this.#socket as unknown as {
      on(event: string, listener: (...args: unknown[]) => void): void;
      off(event: string, listener: (...args: unknown[]) => void): void;
    };
    const untyped = listener as unknown as (...args: unknown[]) => void;
    socket.on(event, untyped);
    return () => socket.off(event, untyped);
  }

  /** Sends an intent and resolves with the server's answer (`{ ok: false, code: 'timeout' }` if none). */
  request<E extends keyof ClientToServerEvents>(event: E, payload: EventPayload<E>): Promise<EventResult<E>> {
    return request(this.#socket, event, payload);
  }

  /** Lets go of the connection and of the features' state; the object is not used afterwards. */
  release(): void {
    if (this.#released) return;
    this.#released = true;
    clearTimeout(this.#retry);
    for (const attached of this.features) attached.state.dispose?.();
    this.#socket.disconnect();
    this.status = 'closed';
  }

  /** Takes a workshop the server sent (a broadcast or an ack) as the latest one. */
  protected applyWorkshop(workshop: WorkshopView): void {
    const previous = this.workshop;
    if (previous && previous.id !== workshop.id) return;
    this.workshop = workshop;
    if (previous && previous.state !== workshop.state) {
      if (workshop.state === 'live') this.announcement = 'announce.live';
      if (workshop.state === 'closed') this.announcement = 'announce.closed';
    }
  }

  #retryLater(): void {
    clearTimeout(this.#retry);
    this.#retry = setTimeout(() => {
      if (!this.#released && !this.#socket.connected) this.#socket.connect();
    }, RETRY_AFTER_MS);
  }
}
