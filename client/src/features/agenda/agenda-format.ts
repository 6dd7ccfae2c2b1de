import type { AgendaItemView } from '../../../../shared/views-agenda';
import { errorKey } from '../../lib/errors';
import { t, tn } from '../../lib/i18n/i18n.svelte';
import type { MessageKey } from '../../lib/i18n/fr';

/**
 * A text typed by the facilitator, with French typography's no-break space before `: ; ! ?` and inside
 * « », so that a question never ends on a line holding only its "?".
 */
export function typeset(text: string): string {
  return text.replace(/ ([:;!?»])/g, '\u00a0$1').replace(/« /g, '«\u00a0');
}

/** What an agenda item asks: a poll's question or a word cloud's prompt. */
export function itemTitle(item: AgendaItemView): string {
  return typeset(item.kind === 'poll' ? item.poll.question : item.cloud.prompt);
}

/** A short line saying how an item is set up: "Plusieurs choix · 2 choix au plus · résultats en direct". */
export function itemDetails(item: AgendaItemView): string {
  const parts: string[] = [];
  if (item.kind === 'poll') {
    parts.push(t(`polls.kind.${item.poll.kind}`));
    if (item.poll.kind === 'multiple') parts.push(t('agenda.details.multiple', { count: item.poll.maxChoices }));
    if (item.poll.scale) parts.push(t('agenda.details.scale', { points: item.poll.scale.points }));
  } else {
    parts.push(tn('agenda.details.words', item.cloud.maxEntries));
  }
  parts.push(t(item.results === 'live' ? 'agenda.details.live' : 'agenda.details.on_close'));
  return parts.join(' · ');
}

/** The words that explain a refused agenda action. */
export function agendaErrorKey(code: string): MessageKey {
  return code === 'conflict' ? 'agenda.error.another_open' : errorKey(code);
}
