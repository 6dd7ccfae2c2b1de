import type { z } from 'zod';
import type { AckCallback, ClientToServerEvents } from '../../../shared/events';
import { CroiseeError, type Failure } from '../../../shared/errors';
import { MAX_EVENT_PAYLOAD_BYTES } from '../../../shared/protocol-version';
import type { Role } from '../../../shared/schemas/workshops';
import type { Logger } from '../logger';
import type { CroiseeSocket, SocketData } from './types';

/** The data an event's ack carries on success, read from the shared event map. */
export type AckData<E extends keyof ClientToServerEvents> =
  Parameters<ClientToServerEvents[E]>[1] extends AckCallback<infer R> ? R : never;

export interface HandlerOptions<S extends z.ZodType> {
  schema: S;
  roles: readonly Role[];
  /** Largest JSON size of the payload; defaults to MAX_EVENT_PAYLOAD_BYTES. */
  maxBytes?: number;
  /** Events allowed per second for this event on one socket (burst of twice that). */
  ratePerSecond?: number;
}

class TokenBucket {
  #tokens: number;
  #at = performance.now();
  constructor(private readonly perSecond: number) {
    this.#tokens = perSecond * 2;
  }
  take(): boolean {
    const now = performance.now();
    this.#tokens = Math.min(this.perSecond * 2, this.#tokens + ((now - this.#at) / 1000) * this.perSecond);
    this.#at = now;
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }
}

function fail(code: string, message: string): Failure {
  return { ok: false, code, message };
}

/** Names the first problem zod found, in words a developer of a client can act on. */
export function describeZodError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'Données invalides.';
  const where = issue.path.length ? `${issue.path.join('.')} : ` : '';
  return `Données invalides — ${where}${issue.message}`;
}

/**
 * Registers one client→server event: checks size, rate, role and schema before any domain code runs,
 * then answers the ack with `{ ok: true, ...result }` or `{ ok: false, code, message }`. A handler that
 * throws never brings the server down.
 */
export function handle<E extends keyof ClientToServerEvents, S extends z.ZodType>(
  socket: CroiseeSocket,
  event: E,
  options: HandlerOptions<S>,
  logger: Logger,
  run: (input: z.infer<S>, data: SocketData) => Promise<AckData<E>>,
): void {
  const bucket = new TokenBucket(options.ratePerSecond ?? 10);
  const maxBytes = options.maxBytes ?? MAX_EVENT_PAYLOAD_BYTES;
  const listener = async (payload: unknown, ack: unknown) => {
    const reply = typeof ack === 'function' ? (ack as (r: unknown) => void) : () => {};
    try {
      if (!bucket.take()) return reply(fail('rate_limited', 'Trop de demandes, attendez un instant.'));
      let size: number;
      try {
        size = Buffer.byteLength(JSON.stringify(payload ?? null));
      } catch {
        return reply(fail('bad_request', 'Données illisibles.'));
      }
      if (size > maxBytes) return reply(fail('payload_too_large', `Message trop long (${size} octets, au plus ${maxBytes}).`));
      if (!options.roles.includes(socket.data.role)) {
        return reply(fail('forbidden', 'Cette action est réservée à un autre rôle.'));
      }
      const parsed = options.schema.safeParse(payload ?? {});
      if (!parsed.success) return reply(fail('bad_request', describeZodError(parsed.error)));
      const result = await run(parsed.data, socket.data);
      reply({ ok: true, ...result });
    } catch (error) {
      if (error instanceof CroiseeError) return reply(error.toFailure());
      logger.error(`socket event ${String(event)} failed`, { error });
      reply(fail('internal', 'Erreur du serveur, réessayez dans un instant.'));
    }
  };
  socket.on(event as never, listener as never);
}
