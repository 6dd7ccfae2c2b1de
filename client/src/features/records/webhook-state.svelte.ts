import type { DeliveryView, WebhookView } from '../../../../shared/views-records';
import type { RecordAccess } from './record-access.svelte';

/** The group's webhook as the organiser manages it, and its latest deliveries. */
export class WebhookState {
  loaded = $state(false);
  webhook = $state.raw<WebhookView | null>(null);
  deliveries = $state.raw<DeliveryView[]>([]);
  /** The signing secret, shown once right after the webhook was set; never stored. */
  secret = $state<string | null>(null);
  busy = $state(false);
  error = $state<string | null>(null);

  readonly #access: RecordAccess;
  readonly #groupId: string;

  constructor(access: RecordAccess, groupId: string) {
    this.#access = access;
    this.#groupId = groupId;
  }

  async load(): Promise<void> {
    await this.#run(async () => {
      const client = this.#access.client!;
      const [webhook, deliveries] = await Promise.all([client.getWebhook(this.#groupId), client.webhookDeliveries(this.#groupId)]);
      this.webhook = webhook;
      this.deliveries = deliveries;
      this.loaded = true;
    });
  }

  /** Sets (or replaces) the webhook; its new secret is shown once. */
  async set(url: string): Promise<boolean> {
    return this.#run(async () => {
      const created = await this.#access.client!.setWebhook(this.#groupId, url);
      this.webhook = created.webhook;
      this.secret = created.secret;
    });
  }

  async remove(): Promise<boolean> {
    return this.#run(async () => {
      await this.#access.client!.removeWebhook(this.#groupId);
      this.webhook = null;
      this.secret = null;
      this.deliveries = await this.#access.client!.webhookDeliveries(this.#groupId);
    });
  }

  async #run(action: () => Promise<void>): Promise<boolean> {
    if (!this.#access.client) return false;
    this.busy = true;
    this.error = null;
    try {
      await action();
      return true;
    } catch (error) {
      this.error = this.#access.failed(error);
      return false;
    } finally {
      this.busy = false;
    }
  }
}
