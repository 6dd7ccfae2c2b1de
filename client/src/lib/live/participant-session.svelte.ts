import type { CroiseeClient } from '../../../../shared/client/croisee-client';
import { LiveConnection } from './live-connection.svelte';

/** Refusals meaning the stored token will never work again: the device forgets it and the person joins anew. */
const TOKEN_REFUSALS = new Set(['unauthorized', 'bad_request']);

/** A participant's live presence in a workshop, from a device token kept on the phone. */
export class ParticipantSession extends LiveConnection {
  /** What the person chose to say about themselves when joining (their own view only). */
  readonly self = $derived(this.session?.self ?? null);
  /** The stored token was refused for good: the view shows the join form again. */
  readonly tokenRejected = $derived(this.status === 'refused' && TOKEN_REFUSALS.has(this.refusal?.code ?? ''));

  constructor(
    client: CroiseeClient,
    /** Canonical join code of the workshop. */
    readonly code: string,
    token: string,
  ) {
    super(client, { role: 'participant', token });
  }
}
