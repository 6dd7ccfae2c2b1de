import { createHmac } from 'node:crypto';
import type { RecordWebhookPayload } from '../../../../shared/views-records';
import type { Clock } from '../clock';
import { toEntry } from './group-views';
import type { DeliveryAttempt, DeliveryJob, RecordRepository } from './record-store';

/** How deliveries are retried: `maxAttempts` in all, waiting `baseDelayMs` × 2^(n−1) after the n-th failure, at most `maxDelayMs`. */
export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** An attempt without an answer within this time has failed. */
  timeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 8, baseDelayMs: 30_000, maxDelayMs: 3_600_000, timeoutMs: 10_000 };

/** Sends one HTTP POST (the body as UTF-8); resolves with the status of the answer, rejects on a network error or timeout. */
export interface WebhookSender {
  post(url: string, body: string, headers: Record<string, string>, timeoutMs: number, signal: AbortSignal): Promise<{ status: number }>;
}

/** `fetch`, without following redirects: a webhook that moved must be set again, not guessed. */
export const fetchSender: WebhookSender = {
  async post(url, body, headers, timeoutMs, signal) {
    const response = await fetch(url, { method: 'POST', body, headers, redirect: 'manual', signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]) });
    await response.body?.cancel().catch(() => {});
    return { status: response.status };
  },
};

/** The wait after the n-th failed attempt (n ≥ 1). */
export function retryDelay(attempts: number, policy: RetryPolicy): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempts - 1));
}

/** `sha256=<hex>`: HMAC-SHA256 of the raw body, keyed with the group's webhook secret. */
export function signatureOf(secret: string, body: Buffer | string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** Words for what went wrong, for the organiser's list of deliveries. */
function describe(error: unknown, timeoutMs: number): string {
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError') return `pas de réponse en ${(timeoutMs / 1000).toLocaleString('fr-FR')} s`;
  const cause = e?.cause?.code ?? e?.cause?.message;
  return (cause ? `${e.message ?? 'erreur'} (${cause})` : e?.message ?? String(error)).slice(0, 300);
}

/** Attempts under way at once, for all groups. */
const MAX_IN_FLIGHT = 16;
/** A claimed delivery is kept from other workers this long past its timeout, in case this one stops mid-attempt. */
const LEASE_MARGIN_MS = 30_000;
/** Wait before trying again when the queue itself could not be read. */
const QUEUE_ERROR_RETRY_MS = 5_000;

/**
 * Sends queued webhook deliveries in the background: claims due ones from the store, POSTs each
 * signed entry, and records the outcome (delivered, retry later, or failed after the last attempt).
 * Nothing waits for it: a push only queues a delivery in its own transaction. The queue lives in the
 * store, so a restarted server resumes it; a delivery is sent at least once.
 */
export class WebhookDispatcher {
  #policy: RetryPolicy;
  #timer: NodeJS.Timeout | null = null;
  #looking: Promise<void> | null = null;
  #again = false;
  #stopped = true;
  #abort = new AbortController();
  /** Attempts under way. Each runs on its own, so a receiver that hangs holds up no other delivery. */
  readonly #inFlight = new Set<Promise<void>>();

  constructor(
    private readonly repo: RecordRepository,
    private readonly clock: Clock,
    private readonly onError: (error: unknown) => void,
    private readonly sender: WebhookSender = fetchSender,
    policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  ) {
    this.#policy = policy;
  }

  get policy(): RetryPolicy {
    return this.#policy;
  }

  /** Changes how later attempts are timed and how many are made. */
  setRetryPolicy(policy: Partial<RetryPolicy>): void {
    this.#policy = { ...this.#policy, ...policy };
  }

  /** Starts sending, beginning with whatever was pending when the server stopped. */
  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#abort = new AbortController();
    this.#schedule(0);
  }

  /** A delivery was queued: look at the queue now. */
  kick(): void {
    if (!this.#stopped) this.#schedule(0);
  }

  /** Stops sending; attempts under way are abandoned (their lease expires, they are made again after a restart). */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#abort.abort();
    await Promise.allSettled([this.#looking, ...this.#inFlight]);
  }

  #schedule(delayMs: number): void {
    if (this.#stopped) return;
    if (this.#looking) {
      this.#again = true;
      return;
    }
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#looking = this.#look().then((next) => {
        this.#looking = null;
        // A delivery queued or an attempt finished during the look: look again now.
        if (this.#again) this.#schedule(0);
        else if (next !== null) this.#schedule(next);
      });
    }, Math.min(Math.max(0, delayMs), 2 ** 31 - 1));
    this.#timer.unref();
  }

  /**
   * Claims the deliveries due now (as many as there is room for) and starts them. Resolves with the
   * wait until the next one is due, or null when none is pending.
   */
  async #look(): Promise<number | null> {
    this.#again = false;
    try {
      const room = MAX_IN_FLIGHT - this.#inFlight.size;
      if (room > 0) {
        const now = this.clock.now().getTime();
        const lease = new Date(now + this.#policy.timeoutMs + LEASE_MARGIN_MS).toISOString();
        const jobs = await this.repo.claimDueDeliveries(new Date(now).toISOString(), lease, room);
        for (const job of jobs) this.#start(job);
      }
      // Claimed deliveries are leased into the future: the next one due is another, or a retry.
      const next = this.#stopped ? null : await this.repo.nextDeliveryDueAt();
      return next === null ? null : Date.parse(next) - this.clock.now().getTime();
    } catch (error) {
      if (this.#stopped) return null;
      this.onError(error);
      return QUEUE_ERROR_RETRY_MS;
    }
  }

  #start(job: DeliveryJob): void {
    const attempt = this.#attempt(job)
      .catch((error) => {
        if (!this.#stopped) this.onError(error);
      })
      .finally(() => {
        this.#inFlight.delete(attempt);
        // Its outcome may be a retry sooner than the timer set, and it freed a place.
        this.kick();
      });
    this.#inFlight.add(attempt);
  }

  async #attempt({ delivery, webhook, entry }: DeliveryJob): Promise<void> {
    if (webhook === null) {
      await this.repo.recordAttempt(delivery.id, { ...this.#unchanged(delivery), status: 'failed', lastError: 'webhook retiré', nextAttemptAt: null });
      return;
    }
    const payload: RecordWebhookPayload = { event: 'record.entry.created', deliveryId: delivery.id, entry: toEntry(entry) };
    const body = JSON.stringify(payload);
    const headers = {
      'content-type': 'application/json; charset=utf-8',
      'user-agent': 'Croisee-Webhook',
      'x-croisee-event': payload.event,
      'x-croisee-delivery': delivery.id,
      'x-croisee-signature': signatureOf(webhook.secret, body),
    };
    const attempts = delivery.attempts + 1;
    let lastStatus: number | null = null;
    let lastError: string | null = null;
    try {
      lastStatus = (await this.sender.post(webhook.url, body, headers, this.#policy.timeoutMs, this.#abort.signal)).status;
      if (lastStatus < 200 || lastStatus > 299) lastError = `réponse HTTP ${lastStatus}`;
    } catch (error) {
      // Stopping abandons the attempt unrecorded: the lease runs out and it is made again later.
      if (this.#stopped) return;
      lastError = describe(error, this.#policy.timeoutMs);
    }
    const now = this.clock.now();
    const outcome: DeliveryAttempt =
      lastError === null
        ? { status: 'delivered', attempts, url: webhook.url, lastStatus, lastError, nextAttemptAt: null, deliveredAt: now.toISOString() }
        : attempts >= this.#policy.maxAttempts
          ? { status: 'failed', attempts, url: webhook.url, lastStatus, lastError, nextAttemptAt: null, deliveredAt: null }
          : {
              status: 'pending',
              attempts,
              url: webhook.url,
              lastStatus,
              lastError,
              nextAttemptAt: new Date(now.getTime() + retryDelay(attempts, this.#policy)).toISOString(),
              deliveredAt: null,
            };
    await this.repo.recordAttempt(delivery.id, outcome);
  }

  #unchanged(d: DeliveryJob['delivery']): DeliveryAttempt {
    return { status: d.status, attempts: d.attempts, url: d.url, lastStatus: d.lastStatus, lastError: d.lastError, nextAttemptAt: d.nextAttemptAt, deliveredAt: d.deliveredAt };
  }
}
