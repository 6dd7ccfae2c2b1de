import type { HandKind } from '../../../../shared/views-speaking-queue';
import { t } from '../../lib/i18n/i18n.svelte';

/** A ticket as everyone sees it, never a person: "main n°7 · question" ("Main n°7…" at the start of a line). */
export function ticketText(number: number, kind: HandKind, capital = false): string {
  const ticket = t(capital ? 'speaking.ticket_title' : 'speaking.ticket', { number });
  return kind ? `${ticket} · ${t(`speaking.kind.${kind}`)}` : ticket;
}
