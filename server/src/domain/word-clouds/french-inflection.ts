/**
 * Conservative reduction of a French word to a grouping stem, so that the plural and feminine forms of a
 * word count with its masculine singular in a word cloud. The stem is a key, not a word to show: it may
 * be truncated ("heureux", "heureuse" → "heureu"). The aim is few false merges rather than many merges:
 * two bubbles for one idea cost less than one bubble that puts words in someone's mouth.
 *
 * Input is one word already folded by `normalise-entry.ts`: lowercase, no accents ("é" → "e", "œ" → "oe").
 * Folding first is what makes "motivee" typed on a phone count with "motivée"; the price is that the
 * rules see "ere" where the writer meant "ère", which is why several rules need exceptions.
 * Folding alone already merges words that differ only by an accent ("âge"/"âgé", "aide"/"aidé",
 * "retraite"/"retraité", "marche"/"marché"); the product accepts that. "mal" and "mâle" stay apart
 * (the -ale rule starts at 5 letters), as do "bas"/"base" and "temps"/"tempe" (no bare -e rule,
 * "temps" invariable).
 *
 * Sources for the rules:
 * - M. Grevisse, A. Goosse, « Le Bon Usage », 16e éd., De Boeck Supérieur, 2016: chapter « Le nom »
 *   (marques du pluriel: -s, -x after -au/-eau/-eu and seven nouns in -ou, -al → -aux, nouns ending
 *   in -s/-x/-z unchanged; marques du féminin) and chapter « L'adjectif » (féminin: + e, doubling of
 *   -el/-eil/-en/-on/-ul, -er → -ère, -et → -ète, -f → -ve, -x → -se, -eur → -euse/-trice/-eure;
 *   the irregular forms listed in `IRREGULAR`).
 * - Bescherelle, « La grammaire pour tous », Hatier: « Le pluriel des noms », « Le féminin des noms et
 *   des adjectifs », same rules in tables.
 * - Académie française, « La féminisation des noms de métiers et de fonctions », report adopted on
 *   28 February 2019, and INaLF-CNRS, « Femme, j'écris ton nom… », La Documentation française, 1999:
 *   -eur → -euse, -teur → -trice, and -eure (professeure, auteure).
 * - J. Savoy, « A stemming procedure and stopword list for general French corpora », JASIS 50(10), 1999,
 *   the light stemmer behind search engines' "minimal French" stemmers: the idea of plural-and-gender-only
 *   suffix stripping with a minimum word length, and the -aux → -al rule. The Snowball French stemmer's
 *   notes document the same kind of harmless wrong stems (époux → "épou").
 */

/** The suffix rules never touch words shorter than this: "bas", "gaz", "cas", "os", "vis", "les", "mes"… */
const MIN_LENGTH = 4;

/**
 * Forms the regular rules cannot reach (Grevisse's irregular plurals and feminines). The result is then
 * reduced like any word, so "vieille" → "vieux" → "vieu" meets "vieux" and "vieil".
 */
const IRREGULAR: ReadonlyMap<string, string> = new Map([
  ['maux', 'mal'], ['yeux', 'oeil'], ['cieux', 'ciel'],
  // -au nouns take -x, not -al: without these, "tuyaux" would become "tuyal".
  ['tuyaux', 'tuyau'], ['noyaux', 'noyau'], ['joyaux', 'joyau'], ['boyaux', 'boyau'], ['preaux', 'preau'], ['fleaux', 'fleau'],
  ['bel', 'beau'], ['vieil', 'vieux'], ['vieille', 'vieux'], ['folle', 'fou'], ['molle', 'mou'],
  ['douce', 'doux'], ['rousse', 'roux'], ['fausse', 'faux'], ['blanche', 'blanc'], ['franche', 'franc'],
  ['seche', 'sec'], ['fraiche', 'frais'], ['longue', 'long'], ['publique', 'public'], ['grecque', 'grec'],
  ['turque', 'turc'], ['gentille', 'gentil'], ['maligne', 'malin'], ['benigne', 'benin'], ['favorite', 'favori'],
  ['copine', 'copain'], ['sotte', 'sot'], ['muette', 'muet'], ['nette', 'net'], ['breve', 'bref'], ['vive', 'vif'],
  // Adjectives in -s double it (bas/basse, gros/grosse, épais/épaisse).
  ['basse', 'bas'], ['grosse', 'gros'], ['grasse', 'gras'], ['lasse', 'las'], ['epaisse', 'epais'],
]);

/**
 * Masculine words whose feminine is the general "+ e" (Grevisse) but whose ending no rule below may
 * take without false merges (-ir, -ur, -ul, -ai, -is, -un): "claire" → "clair", "seules" → "seul".
 * A general -re or -se rule would merge "chaire" with "chair" or "crise" with "cris".
 */
const FEMININE_PLUS_E: ReadonlySet<string> = new Set([
  'clair', 'noir', 'pur', 'dur', 'obscur', 'futur', 'seul', 'vrai', 'gai', 'nu', 'gris', 'precis', 'concis',
  'aucun', 'chacun', 'brun',
]);

/**
 * Words left exactly as they are. They fall in three groups:
 * 1. Singular already ending in -s/-x/-z, so the plural is the same word (Grevisse): stripping the
 *    letter would merge "mois" with "moi", "fois" with "foi", "cours" with "cour", "fils" with "fil".
 * 2. Invariable words ending in -s (adverbs, prepositions, conjunctions): "plus" is not the plural of
 *    "plu", "sous" not of "sou", "mais" not of "mai", "près"/"après" not of "pré"/"âpre".
 * 3. Words that a gender rule would send onto a different, common word once accents are gone: each is
 *    listed beside the word it must stay apart from.
 */
const PROTECTED: ReadonlySet<string> = new Set([
  // 1. singular in -s/-x/-z
  'temps', 'printemps', 'corps', 'fois', 'autrefois', 'parfois', 'toutefois', 'quelquefois', 'mois', 'bois',
  'pays', 'poids', 'fils', 'cours', 'parcours', 'recours', 'secours', 'discours', 'concours', 'velours',
  'remords', 'vers', 'travers', 'univers', 'envers', 'tiers', 'frais', 'fonds', 'avis', 'permis', 'souris',
  'paris', 'bras', 'repas', 'abus', 'refus', 'virus', 'campus', 'bonus', 'processus', 'consensus', 'cursus',
  'corpus', 'focus', 'acces', 'succes', 'proces', 'progres', 'exces', 'ours', 'taux', 'faux', 'chaux', 'toux',
  'deux', 'trois',
  // 2. invariable words in -s
  'plus', 'moins', 'sous', 'mais', 'jamais', 'toujours', 'alors', 'lors', 'hors', 'dehors', 'pres', 'apres',
  'tres', 'dans', 'sans', 'depuis', 'puis', 'ailleurs', 'plusieurs', 'volontiers', 'certes', 'jadis', 'nous', 'vous',
  // 3. gender rules that would cross into another word
  'entree', 'armee', 'musee', 'rosee', 'duree', 'portee', 'maree', 'puree', 'lignee', 'poupee', 'patee', 'bouchee', // -ée: entre, arme, muse, rose, dure, porte, mare, pure, ligne, poupe, pâte, bouche
  'issue', 'revue', 'tenue', 'crue', 'recrue', 'lieue', // -ue: issu, revu, tenu, cru, recru, lieu
  'partie', // -ie: parti
  'tante', 'vente', 'porte', 'sorte', 'retraite', 'droite', 'plante', 'monte', 'pointe', 'decouverte', 'conduite', 'teinte', 'fonte', 'plate', 'traite', 'boite', // -te: tant, vent, port, sort, retrait, droit, plant, mont, point, découvert, conduit, teint, font, plat, trait, boit
  'seconde', 'raide', // -de: second, raid
  'misere', 'maniere', 'priere', // -ère: miser, manier, prier
  'motive', // -ive: "motivé" without its accent is not the feminine of "motif"
  'selle', // -elle: sel
  'moyenne', // -enne: moyen ("moyens", the means)
  'donne', 'sonne', 'tonne', 'colonne', // -onne: don, son, ton, colon
  'gaine', 'graine', // -aine: gain, grain
  'marine', 'machine', 'medecine', 'mandarine', // -ine: marin, machin, médecin, mandarin
  'fraise', // -aise: frais
]);

interface SuffixRule {
  suffix: string;
  replacement: string;
  /** The rule applies only to words at least this long, which keeps short words apart (peur/peu). */
  minLength: number;
  /** Extra condition on the word, e.g. the letter before the suffix. */
  when?: (word: string) => boolean;
}

const CONSONANT = /[bcdfghjklmnpqrstvwxz]/;
const letterBefore = (word: string, suffix: string) => word.charAt(word.length - suffix.length - 1);

/** Tried in order; the first that fits is applied, then the word goes through the list again. */
const RULES: readonly SuffixRule[] = [
  // Plural (Grevisse: -s in general; -x after -eau, -au, -eu, and bijou, caillou, chou…; -al → -aux).
  { suffix: 'eaux', replacement: 'eau', minLength: 4 },
  { suffix: 'aux', replacement: 'al', minLength: 5 },
  { suffix: 'eux', replacement: 'eu', minLength: 4 }, // jeux, cheveux; and heureux, which -euse meets below
  { suffix: 'oux', replacement: 'ou', minLength: 4 }, // bijoux, genoux; jaloux/jalouse meet at "jalou"
  { suffix: 's', replacement: '', minLength: MIN_LENGTH, when: (w) => letterBefore(w, 's') !== 's' },
  // Feminine of -teur, -eur, -eux (Académie 2019: directrice, travailleuse, professeure; heureuse).
  { suffix: 'trice', replacement: 'teu', minLength: 7 },
  { suffix: 'euse', replacement: 'eu', minLength: 6 },
  { suffix: 'eure', replacement: 'eur', minLength: 5 },
  { suffix: 'eur', replacement: 'eu', minLength: 5 },
  { suffix: 'ouse', replacement: 'ou', minLength: 6 }, // jalouse, épouse
  // Doubled consonant (Grevisse: -el/-eil/-ul/-en/-on double before -e).
  { suffix: 'eille', replacement: 'eil', minLength: 6 },
  { suffix: 'elle', replacement: 'el', minLength: 5 },
  { suffix: 'ulle', replacement: 'ul', minLength: 5 },
  { suffix: 'enne', replacement: 'en', minLength: 6 },
  { suffix: 'onne', replacement: 'on', minLength: 5 },
  // -ain/-ein/-in + e (humaine, pleine, voisine); after a vowel "-ine" is another ending (avoine, héroïne).
  { suffix: 'aine', replacement: 'ain', minLength: 5 },
  { suffix: 'eine', replacement: 'ein', minLength: 6 },
  { suffix: 'ine', replacement: 'in', minLength: 6, when: (w) => CONSONANT.test(letterBefore(w, 'ine')) },
  // -er → -ère, -et → -ète, -f → -ve, -al/-il + e.
  { suffix: 'ere', replacement: 'er', minLength: 5 },
  { suffix: 'ete', replacement: 'et', minLength: 5 },
  { suffix: 'euve', replacement: 'euf', minLength: 5 },
  { suffix: 'ive', replacement: 'if', minLength: 5 },
  { suffix: 'ale', replacement: 'al', minLength: 5 },
  { suffix: 'ile', replacement: 'il', minLength: 6 },
  // -ais/-ois + e (française, chinoise), then the -s rule makes "français" and "française" meet.
  { suffix: 'aise', replacement: 'ais', minLength: 6 },
  { suffix: 'oise', replacement: 'ois', minLength: 6 },
  // -é + e, -u + e, -i + e (motivée, élue, amie); "-gue"/"-que" are not a -u ending, "-aie"/"-oie" not an -i one.
  { suffix: 'ouie', replacement: 'oui', minLength: 6 }, // épanouie, réjouie (but not "ouïe")
  { suffix: 'ee', replacement: 'e', minLength: MIN_LENGTH },
  { suffix: 'ue', replacement: 'u', minLength: MIN_LENGTH, when: (w) => !/[gq]/.test(letterBefore(w, 'ue')) },
  { suffix: 'ie', replacement: 'i', minLength: MIN_LENGTH, when: (w) => CONSONANT.test(letterBefore(w, 'ie')) },
  // Consonant + e where the masculine ends in that consonant: -nt/-rt/-ct/-it/-at/-ut/-ot, -nd/-rd, -aud/-oid/-aid.
  { suffix: 'te', replacement: 't', minLength: 5, when: (w) => /[nrciauo]/.test(letterBefore(w, 'te')) },
  { suffix: 'de', replacement: 'd', minLength: 5, when: (w) => /(?:[nr]|au|oi|ai)de$/.test(w) },
];

const FOLDED_WORD = /^[a-z]+$/;

function reduceOnce(word: string): string {
  const irregular = IRREGULAR.get(word);
  if (irregular !== undefined) return irregular;
  if (word.endsWith('e') && FEMININE_PLUS_E.has(word.slice(0, -1))) return word.slice(0, -1);
  if (word.length < MIN_LENGTH || PROTECTED.has(word)) return word;
  for (const rule of RULES) {
    if (word.length >= rule.minLength && word.endsWith(rule.suffix) && (rule.when?.(word) ?? true)) {
      return word.slice(0, word.length - rule.suffix.length) + rule.replacement;
    }
  }
  return word;
}

/**
 * The grouping stem of one folded word (lowercase ASCII letters). Anything else (digits, other
 * scripts, symbols) is returned unchanged. Rules are applied until none fits, so the result is a
 * fixed point: `reduceWord(reduceWord(w)) === reduceWord(w)`.
 */
export function reduceWord(word: string): string {
  if (!FOLDED_WORD.test(word)) return word;
  let current = word;
  // Every rule shortens the word and no irregular form leads back to the word it came from, so this
  // ends within a few rounds; the bound only guards against a future mistake in the tables.
  for (let round = 0; round < 32; round += 1) {
    const next = reduceOnce(current);
    if (next === current) return current;
    current = next;
  }
  return current;
}
