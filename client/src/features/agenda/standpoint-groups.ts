import { OTHERS_STANDPOINT, UNDISCLOSED_STANDPOINT, type Standpoint } from '../../../../shared/standpoints';
import { standpointLabel, t } from '../../lib/i18n/i18n.svelte';

/**
 * The label of a group of a breakdown by standpoint: the workshop's own label for its standpoints,
 * "Sans précision" for those who preferred not to say, "Autres regards" for the small groups merged
 * so that nobody is singled out. Reactive in templates (follows the language).
 */
export function groupLabel(key: string, standpoints: readonly Standpoint[]): string {
  if (key === UNDISCLOSED_STANDPOINT) return t('attendance.undisclosed');
  if (key === OTHERS_STANDPOINT) return t('attendance.others');
  const standpoint = standpoints.find((candidate) => candidate.key === key);
  return standpoint ? standpointLabel(standpoint) : t('attendance.others');
}

/** What a merged "autres" group gathers, in words ("Élu·e, Bénévole"); empty for a group shown alone. */
export function mergedLabels(key: string, mergedKeys: readonly string[], standpoints: readonly Standpoint[]): string {
  if (key !== OTHERS_STANDPOINT) return '';
  return mergedKeys.map((merged) => groupLabel(merged, standpoints)).join(', ');
}
