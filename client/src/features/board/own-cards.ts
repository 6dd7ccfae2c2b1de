/**
 * The cards this device wrote, per workshop, kept in localStorage, so that the page knows at once which
 * cards its person may edit, delete or sign; the server confirms them (`board:my-cards`, sent to that
 * person's devices only). Storage can be refused; the page then knows what the server says.
 */

const PREFIX = 'croisee.board.own.';
/** More than a board holds, so that the list never grows without bound. */
const MAX_REMEMBERED = 2000;

function read(workshopId: string): string[] {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(PREFIX + workshopId) ?? '[]');
    return Array.isArray(stored) ? stored.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}

function write(workshopId: string, ids: readonly string[]): void {
  try {
    localStorage.setItem(PREFIX + workshopId, JSON.stringify(ids.slice(-MAX_REMEMBERED)));
  } catch {
    // Not remembered after a reload; the page still knows while it is open.
  }
}

/** The ids of the cards this device wrote in this workshop. */
export function ownCards(workshopId: string): string[] {
  return read(workshopId);
}

/** Remembers a card this device wrote. */
export function rememberOwnCard(workshopId: string, cardId: string): void {
  const ids = read(workshopId);
  if (!ids.includes(cardId)) write(workshopId, [...ids, cardId]);
}

/** Forgets a card that no longer exists. */
export function forgetOwnCard(workshopId: string, cardId: string): void {
  write(
    workshopId,
    read(workshopId).filter((id) => id !== cardId),
  );
}
