/**
 * The scenario of the demo and of the end-to-end browser test: the CLTS of Ardèche's webinar of
 * 28 November 2023 ("retour d'expérience"), its Agora n°1 of 18 October 2023, and the three working
 * groups of the committee. Texts come from the committee's own documents (their "NOS PROPOSITIONS"
 * lists, the webinar's closing poll and word cloud); people are invented pseudonyms.
 *
 * Data only: `load-demo.ts` plays it through the API, `tests/e2e/webinar.test.ts` through browsers.
 */

/** A standpoint key of the default set (shared/standpoints.ts), or null for "je préfère ne pas dire". */
export type StandpointKey = 'concerned' | 'professional' | 'student' | 'elected' | 'volunteer' | 'partner' | 'other' | null;

export interface ScenarioGroup {
  name: string;
  purpose: string;
}

/** The committee's working groups, in the order the organiser creates them. */
export const GROUPS = {
  rights: {
    name: 'Accès aux droits',
    purpose:
      'Rendre les droits plus faciles à connaître et à obtenir : réécrire les courriers administratifs en FALC, aller vers les personnes qui « galèrent avec leurs démarches », simplifier les protocoles entre partenaires.',
  },
  power: {
    name: 'Développement du Pouvoir d’Agir',
    purpose:
      'Définir collectivement le pouvoir d’agir ; réfléchir, échanger, confronter les points de vue ; identifier des marges de manœuvre, (re)trouver du pouvoir, des solutions. L’envie du groupe : passer à l’acte.',
  },
  jobs: {
    name: 'Attractivité des métiers',
    purpose:
      'Redonner envie de choisir le travail social : faire connaître la variété des métiers, revaloriser les salaires, donner du temps pour l’analyse des pratiques et la formation continue.',
  },
} as const satisfies Record<string, ScenarioGroup>;

export type GroupKey = keyof typeof GROUPS;

/** Someone in the webinar: a pseudonym (or none) and a standpoint (or none). */
export interface Person {
  pseudonym: string | null;
  standpoint: StandpointKey;
  /** Their answer to the closing yes/no poll. */
  answer: 'yes' | 'no';
  /** What they send to the closing word cloud. */
  words: readonly string[];
}

/**
 * The webinar's participants: four people concerned, four professionals, three students, and four
 * lone standpoints (an elected official, a volunteer, a partner, someone who preferred not to say)
 * that breakdowns merge into « Autres regards ».
 */
export const PEOPLE: readonly Person[] = [
  { pseudonym: 'Nadia', standpoint: 'concerned', answer: 'yes', words: ['pouvoir d’agir', 'motivée'] },
  { pseudonym: 'Thierry', standpoint: 'concerned', answer: 'yes', words: ['motivé'] },
  { pseudonym: 'Mireille', standpoint: 'concerned', answer: 'yes', words: ['écoutée', 'confiante'] },
  { pseudonym: 'Rose', standpoint: 'concerned', answer: 'no', words: ['curieuse'] },
  { pseudonym: 'Karim', standpoint: 'professional', answer: 'yes', words: ['enthousiaste', 'motivé'] },
  { pseudonym: 'Lucie', standpoint: 'professional', answer: 'yes', words: ['inspirée'] },
  { pseudonym: 'Yannick', standpoint: 'professional', answer: 'yes', words: ['curieux', 'optimiste'] },
  { pseudonym: 'Samia', standpoint: 'professional', answer: 'yes', words: ['motivé·e'] },
  { pseudonym: 'Inès', standpoint: 'student', answer: 'yes', words: ['enthousiaste'] },
  { pseudonym: 'Hugo', standpoint: 'student', answer: 'no', words: ['curieux'] },
  { pseudonym: 'Léa', standpoint: 'student', answer: 'yes', words: ['inspirée', 'pouvoir d’agir'] },
  { pseudonym: 'Bernard', standpoint: 'elected', answer: 'yes', words: ['convaincu'] },
  { pseudonym: 'Chantal', standpoint: 'volunteer', answer: 'yes', words: ['enthousiaste', 'ensemble'] },
  { pseudonym: null, standpoint: 'partner', answer: 'yes', words: ['optimiste'] },
  { pseudonym: null, standpoint: null, answer: 'yes', words: ['Pouvoir d’agir'] },
];

/** The index in PEOPLE of the person with this pseudonym. */
export function personIndex(pseudonym: string): number {
  const index = PEOPLE.findIndex((p) => p.pseudonym === pseudonym);
  if (index < 0) throw new Error(`no one called ${pseudonym} in the scenario`);
  return index;
}

export const WEBINAR = {
  title: 'Webinaire — CLTS Ardèche : retour d’expérience',
  date: '2023-11-28',
  group: 'power' as GroupKey,
  /** When the webinar started, for the demo's replayed clock (14:00 in Paris). */
  startsAt: '2023-11-28T13:00:00Z',
  summary: [
    'Retour d’expérience du **CLTS 07** sur l’évolution de sa gouvernance partagée : de la journée de lancement du 29 mars 2022 (177 présents) à la gouvernance en mode « Agora », où seuls les présents le jour J votent.',
    '',
    '- Comprendre ce qu’est un Comité local du travail social',
    '- Découvrir quelques actions réalisées ou en cours',
    '- Témoignages : l’atelier croisement des regards',
  ].join('\n'),
  poll: 'Est-ce que ce webinaire vous a permis de mieux comprendre ce qu’est un Comité local du travail social ?',
  cloud: 'Quel mot représente le mieux votre état d’esprit en quittant ce webinaire ?',
} as const;

/** A speaking turn: who raised a hand, for what, and how long they spoke (seconds, as replayed by the demo). */
export interface Turn {
  by: string;
  kind: 'question' | 'testimony' | 'reaction';
  seconds: number;
}

/** The « temps d’échange » after the testimonies, in the order the hands went up (first come, first served). */
export const TURNS: readonly Turn[] = [
  { by: 'Nadia', kind: 'testimony', seconds: 150 },
  { by: 'Karim', kind: 'question', seconds: 75 },
  { by: 'Bernard', kind: 'reaction', seconds: 60 },
  { by: 'Inès', kind: 'question', seconds: 45 },
];

/** Minutes of the timer the facilitator starts for each turn. */
export const TURN_TIMER_MINUTES = 2;

/** A written contribution, from someone who prefers writing to speaking, and who supports it. */
export interface Contribution {
  by: string;
  kind: 'question' | 'testimony';
  text: string;
  supportedBy: readonly string[];
}

export const CONTRIBUTIONS: readonly Contribution[] = [
  {
    by: 'Rose',
    kind: 'question',
    text: 'Comment les personnes concernées sont-elles associées ?',
    supportedBy: ['Mireille', 'Thierry', 'Lucie', 'Hugo', 'Chantal'],
  },
  {
    by: 'Mireille',
    kind: 'testimony',
    text: 'À l’Agora, j’ai voté comme tout le monde. C’était la première fois qu’on me demandait mon avis sur le travail social.',
    supportedBy: ['Nadia', 'Karim'],
  },
];

/** A card of the board: its column (one of the board's default themes), text, author, and whether it is signed. */
export interface Card {
  column: 'Accompagnement social' | 'Participation des personnes concernées' | 'Formation' | 'Attractivité des métiers';
  text: string;
  by: string;
  signed?: boolean;
}

/** The board's cards: the committee's proposals (« NOS PROPOSITIONS »), as people write them on the day. */
export const CARDS: readonly Card[] = [
  { column: 'Accompagnement social', by: 'Thierry', text: 'Expérimenter le « Café social » hors les murs : « Racontez-moi… je galère avec mes démarches »' },
  { column: 'Accompagnement social', by: 'Karim', text: 'Créer des espaces de rencontres entre partenaires d’un bassin de vie' },
  { column: 'Accompagnement social', by: 'Lucie', text: 'Définir ensemble des critères qualitatifs d’évaluation de l’accompagnement social' },
  { column: 'Accompagnement social', by: 'Chantal', text: 'Améliorer l’intégration des bénévoles dans le travail social (sois le bienvenu !)', signed: true },
  { column: 'Participation des personnes concernées', by: 'Nadia', text: 'Rémunérer les personnes qui transmettent leurs savoirs du vécu' },
  { column: 'Participation des personnes concernées', by: 'Mireille', text: 'Financer le recrutement de travailleurs pairs' },
  { column: 'Participation des personnes concernées', by: 'Bernard', text: 'Organiser une journée départementale annuelle sur la participation' },
  { column: 'Participation des personnes concernées', by: 'Rose', text: 'Réécrire les courriers administratifs en FALC' },
  { column: 'Formation', by: 'Inès', text: 'Donner une représentation du terrain dans les formations' },
  { column: 'Formation', by: 'Hugo', text: 'Faire intervenir des travailleurs pairs et des personnes concernées dans les formations' },
  { column: 'Formation', by: 'Samia', text: 'Accorder du temps pour la formation continue : culture, environnement, éducation populaire' },
  { column: 'Attractivité des métiers', by: 'Yannick', text: 'Faire une campagne de communication positive sur le travail social et la variété des métiers' },
  { column: 'Attractivité des métiers', by: 'Samia', text: 'Revaloriser et uniformiser les salaires, prime Ségur pour toutes et tous' },
  { column: 'Attractivité des métiers', by: 'Léa', text: 'Prévoir et financer l’analyse des pratiques professionnelles' },
];

/** The card with this text's index in CARDS (by the start of its text). */
export function cardIndex(start: string): number {
  const index = CARDS.findIndex((c) => c.text.startsWith(start));
  if (index < 0) throw new Error(`no card starting with ${start}`);
  return index;
}

const CAFE = cardIndex('Expérimenter le « Café social »');
const PEERS = cardIndex('Financer le recrutement de travailleurs pairs');
const FALC = cardIndex('Réécrire les courriers');
const PAY = cardIndex('Rémunérer');
const FIELD = cardIndex('Donner une représentation du terrain');
const CAMPAIGN = cardIndex('Faire une campagne');
const SALARIES = cardIndex('Revaloriser');
const MEET = cardIndex('Créer des espaces');
const TRAINERS = cardIndex('Faire intervenir');

/** Where each person puts their three dots (indexes in CARDS), in the order of PEOPLE. */
export const DOTS: readonly (readonly number[])[] = [
  [CAFE, PAY, PEERS],
  [CAFE, FALC, PEERS],
  [PEERS, FALC, PAY],
  [FALC, CAFE, TRAINERS],
  [CAFE, MEET, PEERS],
  [PEERS, CAFE, SALARIES],
  [CAMPAIGN, SALARIES, CAFE],
  [SALARIES, FIELD, PEERS],
  [FIELD, TRAINERS, CAMPAIGN],
  [FIELD, CAFE, TRAINERS],
  [CAMPAIGN, PEERS, FIELD],
  [CAFE, FALC, MEET],
  [CAFE, PEERS, MEET],
  [MEET, PEERS],
  [FALC],
];

/** The dots each card gets, by index in CARDS. */
export function dotTotals(): number[] {
  const totals = CARDS.map(() => 0);
  for (const cards of DOTS) for (const card of cards) totals[card]! += 1;
  return totals;
}

/** A block of a proposal's text, as the editor writes it. */
export type Block = { kind: 'paragraph'; text: string; bold?: boolean } | { kind: 'bullets'; items: readonly string[] };

/** A part of a proposal one co-author writes. */
export interface Passage {
  by: string;
  blocks: readonly Block[];
}

/** A co-written proposal, born from a card; `adoptedByVote`: put to the room's vote and adopted, else left in progress for the working group. */
export interface Proposal {
  title: string;
  fromCard: number;
  passages: readonly Passage[];
  supportedBy: readonly string[];
  adoptedByVote: boolean;
}

export const PROPOSALS: readonly Proposal[] = [
  {
    title: 'Un Café social hors les murs dans chaque bassin de vie',
    fromCard: CAFE,
    passages: [
      { by: 'Thierry', blocks: [{ kind: 'paragraph', text: 'Un lieu convivial, hors des bureaux, où l’on vient sans rendez-vous raconter ce qui bloque dans ses démarches.' }] },
      {
        by: 'Karim',
        blocks: [
          {
            kind: 'bullets',
            items: [
              'Animé à deux : une travailleuse ou un travailleur social et une personne concernée',
              'Une fois par mois, dans un lieu connu de tous : médiathèque, marché, centre social',
              'Les questions qui reviennent remontent au CLTS',
            ],
          },
        ],
      },
      { by: 'Chantal', blocks: [{ kind: 'paragraph', text: 'Premier essai dans trois communes en 2024, avec les bénévoles des associations.', bold: true }] },
    ],
    supportedBy: ['Nadia', 'Thierry', 'Mireille', 'Rose', 'Karim', 'Lucie', 'Yannick', 'Inès', 'Bernard', 'Chantal'],
    adoptedByVote: true,
  },
  {
    title: 'Des travailleurs pairs aux côtés des travailleurs sociaux en CMS',
    fromCard: PEERS,
    passages: [
      { by: 'Mireille', blocks: [{ kind: 'paragraph', text: 'Des personnes qui ont vécu l’accompagnement travaillent avec les équipes des centres médico-sociaux, comme collègues.' }] },
      {
        by: 'Lucie',
        blocks: [
          {
            kind: 'bullets',
            items: ['Un poste rémunéré, avec une lettre de mission écrite ensemble', 'Une formation commune au développement du pouvoir d’agir', 'Un bilan après un an, présenté en Agora'],
          },
        ],
      },
      { by: 'Bernard', blocks: [{ kind: 'paragraph', text: 'Le Département cherche le financement avec ses partenaires.' }] },
    ],
    supportedBy: ['Nadia', 'Mireille', 'Samia', 'Léa', 'Hugo', 'Bernard'],
    adoptedByVote: false,
  },
];

/** The Agora n°1: the new governance put to the vote, and the working groups formed; only those present vote. */
export const AGORA = {
  title: 'Agora n°1',
  date: '2023-10-18',
  group: 'power' as GroupKey,
  startsAt: '2023-10-18T16:00:00Z',
  /** 27 present: standpoint of each, in order of arrival. */
  standpoints: [
    ...Array<StandpointKey>(9).fill('concerned'),
    ...Array<StandpointKey>(11).fill('professional'),
    'student', 'student', 'elected', 'elected', 'volunteer', 'volunteer', 'volunteer',
  ] as readonly StandpointKey[],
  governance: {
    question: 'Adoptez-vous la gouvernance en mode « Agora » : ouverte à tous, préparée collégialement, où seuls les présents le jour J votent ?',
    /** 23 ballots out of 27 present: 21 yes, 2 no; the last four did not vote. */
    ballots: [...Array<number>(21).fill(0), 1, 1],
  },
  groups: {
    question: 'Dans quel groupe de travail voulez-vous vous engager pour un an ?',
    choices: [GROUPS.rights.name, GROUPS.power.name, GROUPS.jobs.name],
    ballots: [0, 1, 1, 2, 1, 0, 0, 1, 2, 1, 0, 2, 1, 1, 0, 2, 1, 0, 2, 1, 1, 0, 2, 1, 0],
  },
} as const;

/** A workshop left ready to run, for a newcomer to try the console: its agenda is prepared, nobody came yet. */
export const NEXT_WORKSHOP = {
  title: 'Atelier croisement des regards — un courrier de la CAF en FALC',
  group: 'rights' as GroupKey,
  scale: { question: 'Ce courrier est-il facile à comprendre ?', points: 5, minLabel: 'Pas du tout', maxLabel: 'Tout à fait' },
  cloud: 'Un mot difficile que vous avez lu dans un courrier administratif',
} as const;
