import type { PollDefinitionView, PollResultsView } from '../../../../shared/views-polls';
import { errorKey } from '../../lib/errors';
import { formatCount, t, tn } from '../../lib/i18n/i18n.svelte';
import type { MessageKey } from '../../lib/i18n/fr';

/** One bar of a results chart. */
export interface BarRow {
  id: string;
  label: string;
  count: number;
  percent: number;
}

/** An option's label in the current language: yes/no polls say "Oui"/"Non" or "Yes"/"No". */
export function choiceLabel(poll: PollDefinitionView, index: number): string {
  if (poll.kind === 'yes_no') return t(index === 0 ? 'polls.yes' : 'polls.no');
  return poll.choices[index]?.label ?? '';
}

/** An option's label in results: a scale's ends also say what they mean ("1 · Pas du tout"). */
export function resultLabel(poll: PollDefinitionView, index: number): string {
  const label = choiceLabel(poll, index);
  if (!poll.scale) return label;
  if (index === 0) return `${label} · ${poll.scale.minLabel}`;
  if (index === poll.scale.points - 1) return `${label} · ${poll.scale.maxLabel}`;
  return label;
}

/** "23 votes sur 27 présents". */
export function turnoutText(ballots: number, present: number): string {
  return t('polls.turnout', { votes: tn('polls.votes', ballots), present: tn('attendance.present', present) });
}

/** A whole percentage as the language writes it ("40 %", "40%"). */
export function percentText(percent: number): string {
  return t('polls.percent', { percent: formatCount(percent) });
}

/** The bars of the whole room. */
export function wholeRoomBars(poll: PollDefinitionView, results: PollResultsView): BarRow[] {
  return results.choices.map((choice) => ({ id: choice.id, label: resultLabel(poll, Number(choice.id)), count: choice.count, percent: choice.percent }));
}

/** The bars of one standpoint group. */
export function groupBars(poll: PollDefinitionView, group: PollResultsView['byStandpoint'][number]): BarRow[] {
  return group.choices.map((choice) => ({ id: choice.id, label: resultLabel(poll, Number(choice.id)), count: choice.count, percent: choice.percent }));
}

const OWN_ERRORS: Record<string, MessageKey> = {
  activity_not_open: 'polls.error.activity_not_open',
  not_present: 'polls.error.not_present',
};

/** The words that explain a refused ballot. */
export function voteErrorKey(code: string): MessageKey {
  return OWN_ERRORS[code] ?? errorKey(code);
}
