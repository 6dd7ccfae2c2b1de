/**
 * Standpoints ("regards"): what a participant may say about where they speak from. Optional; `null`
 * means "je préfère ne pas dire". Each workshop carries its own editable set; this is the default.
 */
export interface Standpoint {
  /** Stable key, lowercase ASCII, used in results. */
  key: string;
  label: { fr: string; en: string };
}

export const DEFAULT_STANDPOINTS: readonly Standpoint[] = [
  { key: 'concerned', label: { fr: 'Personne concernée / accompagnée', en: 'Person with lived experience' } },
  { key: 'professional', label: { fr: 'Professionnel·le du social ou médico-social', en: 'Social or health-care professional' } },
  { key: 'student', label: { fr: 'Étudiant·e', en: 'Student' } },
  { key: 'elected', label: { fr: 'Élu·e', en: 'Elected official' } },
  { key: 'volunteer', label: { fr: 'Bénévole', en: 'Volunteer' } },
  { key: 'partner', label: { fr: 'Partenaire / institution', en: 'Partner / institution' } },
  { key: 'other', label: { fr: 'Autre', en: 'Other' } },
];

/** Key used in results for participants who preferred not to say. */
export const UNDISCLOSED_STANDPOINT = '_undisclosed';
/** Key of the merged group that gathers standpoints too small to be shown alone. */
export const OTHERS_STANDPOINT = '_others';
