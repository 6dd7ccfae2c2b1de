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

/**
 * The default standpoints' labels for several people, used in sentences such as "27 présents dont 9
 * personnes concernées / accompagnées" as long as a workshop keeps the default label; a label a
 * workshop wrote itself is shown as it is.
 */
export const DEFAULT_STANDPOINT_PLURALS: Readonly<Record<string, { fr: string; en: string }>> = {
  concerned: { fr: 'Personnes concernées / accompagnées', en: 'People with lived experience' },
  professional: { fr: 'Professionnel·les du social ou médico-social', en: 'Social or health-care professionals' },
  student: { fr: 'Étudiant·es', en: 'Students' },
  elected: { fr: 'Élu·es', en: 'Elected officials' },
  volunteer: { fr: 'Bénévoles', en: 'Volunteers' },
  partner: { fr: 'Partenaires / institutions', en: 'Partners / institutions' },
  other: { fr: 'Autres', en: 'Others' },
};

/** Key used in results for participants who preferred not to say. */
export const UNDISCLOSED_STANDPOINT = '_undisclosed';
/** Key of the merged group that gathers standpoints too small to be shown alone. */
export const OTHERS_STANDPOINT = '_others';
