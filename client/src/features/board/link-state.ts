import type { DocumentCredentials } from '../../../../shared/board-doc';
import type { Credentials } from '../../../../shared/client/croisee-client';
import type { MessageKey } from '../../lib/i18n/fr';

/**
 * Where a shared document's connection stands:
 * - `connecting`: first connection under way;
 * - `online`: connected (`synced` once the server's content has arrived);
 * - `retrying`: the connection dropped; the provider tries again by itself;
 * - `stopped`: the server closed it for good (a 44xx code); only a fresh start helps.
 */
export type LinkStatus = 'connecting' | 'online' | 'retrying' | 'stopped';

/** A shared document's connection as the page shows it. */
export interface LinkState {
  status: LinkStatus;
  synced: boolean;
  /** How the server closed the last connection, if it did. */
  close: { code: number; reason: string } | null;
  /** The last permission-denied reason the server sent (`read-only`, `document-too-large`), until writing is allowed again. */
  denied: string | null;
}

export const INITIAL_LINK: LinkState = { status: 'connecting', synced: false, close: null, denied: null };

/** The document credentials of a live connection: the token of a participant, the secret of staff. */
export function documentCredentials(credentials: Credentials): DocumentCredentials {
  return credentials.role === 'participant'
    ? { role: 'participant', token: credentials.token }
    : { role: credentials.role, secret: credentials.secret };
}

/**
 * The words for a connection that is not working, or null when it works: the close code (see
 * docs/YJS.md) told in plain words. A `stopped` link needs the person to start again.
 */
export function linkProblemKey(link: LinkState): MessageKey | null {
  if (link.status === 'online' || (link.status === 'connecting' && !link.close)) return null;
  const code = link.close?.code ?? 0;
  const reason = link.close?.reason ?? '';
  if (code === 1009 || code === 4413 || reason === 'document-too-large') return 'board.link.too_large';
  if (code === 4429) return 'board.link.too_fast';
  if (code === 4422) return 'board.link.refused';
  if (code >= 4400 && code < 4500) return 'board.link.unreadable';
  if (code === 4500) return 'board.link.unavailable';
  if (code === 1001) return 'board.link.restarting';
  if (code === 1013) return 'board.link.slow';
  return link.status === 'stopped' ? 'board.link.refused' : 'board.link.lost';
}
