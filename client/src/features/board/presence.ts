import type { BoardAwarenessState } from '../../../../shared/board-doc';

/**
 * What a person publishes in the board's awareness while they act, and nothing otherwise: the shared
 * convention (`user`, `drag`) plus the card whose text they are writing.
 */
export interface BoardPresence extends BoardAwarenessState {
  editing?: string | null;
}

/** Someone else's published state, as the board shows it. */
export interface OtherPresence {
  clientId: number;
  name: string;
  color: string;
  drag: { cardId: string; columnId: string; afterCardId: string | null } | null;
  editing: string | null;
}

/** Cursor colours dark enough for white text on them (contrast ≥ 4.5:1). */
const CURSOR_COLOURS = ['#1d4e89', '#a4161a', '#1e6b34', '#6a1b9a', '#8a4b00', '#005f73', '#9c1458', '#4a5500'] as const;

/** A colour for a person's cursor, the same for the same awareness client id. */
export function cursorColour(clientId: number): string {
  return CURSOR_COLOURS[clientId % CURSOR_COLOURS.length]!;
}

const isId = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.length <= 64;

/** Reads another client's awareness state defensively: anyone may publish anything there. */
export function readPresence(clientId: number, state: unknown): OtherPresence | null {
  if (typeof state !== 'object' || state === null) return null;
  const s = state as Record<string, unknown>;
  const user = typeof s.user === 'object' && s.user !== null ? (s.user as Record<string, unknown>) : null;
  const drag = typeof s.drag === 'object' && s.drag !== null ? (s.drag as Record<string, unknown>) : null;
  const presence: OtherPresence = {
    clientId,
    name: typeof user?.name === 'string' ? user.name.slice(0, 40) : '',
    color: typeof user?.color === 'string' && /^#[0-9a-f]{6}$/i.test(user.color) ? user.color : cursorColour(clientId),
    drag:
      drag && isId(drag.cardId) && isId(drag.columnId)
        ? { cardId: drag.cardId, columnId: drag.columnId, afterCardId: isId(drag.afterCardId) ? drag.afterCardId : null }
        : null,
    editing: isId(s.editing) ? s.editing : null,
  };
  return presence.drag || presence.editing ? presence : null;
}
