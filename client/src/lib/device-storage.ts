/**
 * What this device remembers, in localStorage: the participant token per workshop (so that a reload or
 * a lost connection brings the same participant back) and the organiser token. Storage can be refused
 * (private browsing, policies); every helper then behaves as if nothing were stored.
 */

const PARTICIPANT_PREFIX = 'croisee.participant.';
const ORGANISER_KEY = 'croisee.organiser';

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // Not remembered: the person will be asked again after a reload.
  }
}

/** The participant token kept for the workshop behind `code` (canonical join code). */
export const participantTokens = {
  get: (code: string): string | null => read(PARTICIPANT_PREFIX + code),
  set: (code: string, token: string): void => write(PARTICIPANT_PREFIX + code, token),
  forget: (code: string): void => write(PARTICIPANT_PREFIX + code, null),
};

/** The organiser token of this server. */
export const organiserToken = {
  get: (): string | null => read(ORGANISER_KEY),
  set: (token: string): void => write(ORGANISER_KEY, token),
  forget: (): void => write(ORGANISER_KEY, null),
};

/** The secret carried by the URL fragment (`#<secret>`) of a capability link, if any. */
export function fragmentSecret(): string | null {
  const secret = decodeURIComponent(location.hash.slice(1)).trim();
  return secret.length > 0 ? secret : null;
}
