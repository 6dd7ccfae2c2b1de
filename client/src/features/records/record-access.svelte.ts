import type { CroiseeClient } from '../../../../shared/client/croisee-client';
import { fragmentSecret, organiserToken } from '../../lib/device-storage';
import { errorCodeOf } from '../../lib/errors';
import { router } from '../../lib/router.svelte';

/** Codes meaning the token itself is wrong: the page asks for it again. */
const TOKEN_FAILURES = new Set(['unauthorized', 'forbidden']);

/**
 * Who reads the record: the organiser token of this server, the same one the organiser space keeps on
 * this device (or one given in the address's fragment, which is then taken out of the address bar).
 */
export class RecordAccess {
  status = $state<'signed-out' | 'checking' | 'ready'>('checking');
  /** The last token was refused by the server. */
  tokenRejected = $state(false);
  /** Code of a failure to reach the server while checking the token. */
  error = $state<string | null>(null);
  /** The client that carries the token, once accepted. */
  client = $state.raw<CroiseeClient | null>(null);

  readonly #api: CroiseeClient;

  constructor(api: CroiseeClient) {
    this.#api = api;
  }

  /** Signs in with the token of the address, else the one kept on this device. */
  async start(): Promise<void> {
    const fromLink = fragmentSecret();
    if (fromLink) router.forgetHash();
    const token = fromLink ?? organiserToken.get();
    if (token) await this.signIn(token);
    else this.status = 'signed-out';
  }

  /** Checks `token` with the server; keeps it on this device when accepted. */
  async signIn(token: string): Promise<boolean> {
    this.status = 'checking';
    this.error = null;
    const client = this.#api.withOrganiserToken(token.trim());
    try {
      await client.checkOrganiser();
    } catch (error) {
      this.failed(error);
      if (this.status === 'checking') this.status = 'signed-out';
      return false;
    }
    organiserToken.set(token.trim());
    this.tokenRejected = false;
    this.client = client;
    this.status = 'ready';
    return true;
  }

  /**
   * The code of a failed request. A refused token signs out (and is forgotten), so that the page asks
   * for it again instead of showing an error that no retry can fix.
   */
  failed(error: unknown): string {
    const code = errorCodeOf(error);
    if (TOKEN_FAILURES.has(code)) {
      organiserToken.forget();
      this.client = null;
      this.tokenRejected = true;
      this.status = 'signed-out';
    } else if (this.status === 'checking') {
      this.error = code;
    }
    return code;
  }
}
