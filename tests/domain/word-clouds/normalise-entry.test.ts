import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseEntry } from '../../../server/src/domain/word-clouds/normalise-entry';

const keyOf = (raw: string) => normaliseEntry(raw)?.key;

/** Spellings that must count as one word. The first column names the case. */
const MERGES: Array<[string, string[]]> = [
  ['case, accents and feminine -ée, plural -s', ['motivé', 'Motivée', 'MOTIVÉS', 'motivées', 'motivee', 'Motives']],
  ['surrounding spaces and punctuation', ['« motivées ! »', '  motivé.', '"motivé"', 'motivé !!!', '— motivés…']],
  ['typographic apostrophe and inner spaces', ["pouvoir d'agir", 'Pouvoir d’agir', '  pouvoir   d’agir ', "POUVOIR D'AGIR"]],
  ['an elided article across a space', ["l'équipe", "l' équipe", 'L’Équipe']],
  ['inclusive endings after a middle dot or in brackets', ['motivé', 'motivé·e', 'Motivé·e·s', 'motivé·es', 'MOTIVÉ⋅E', 'motivé(e)', 'motivé(e)s']],
  ['inclusive endings of -eur/-rice and -el/-les', ['acteur', 'acteur·rice', 'acteur·rice·s', 'acteur(rice)s', 'actrice']],
  ['inclusive ending of -el', ['professionnel', 'professionnel·le', 'Professionnel·les']],
  ['inclusive ending in a phrase', ['travailleur·euse·s social·e·s', 'travailleurs sociaux', 'travailleuse sociale']],
  ['hyphen or space between words', ['vivre-ensemble', 'vivre ensemble', 'Vivre – ensemble']],
  ['-u/-ue/-us (élu·e·s)', ['élu', 'élue', 'élus', 'élues', 'ELUS']],
  ['-al/-aux/-ale', ['social', 'sociaux', 'sociale', 'sociales']],
  ['-eur/-euse and -al/-aux in a phrase', ['travailleur social', 'travailleurs sociaux', 'travailleuse sociale', 'travailleuses sociales']],
  ['-eux/-euse', ['heureux', 'heureuse', 'heureuses']],
  ['-if/-ive', ['actif', 'active', 'actifs', 'actives']],
  ['-el/-elle', ['professionnel', 'professionnelle', 'professionnels', 'Professionnels']],
  ['-en/-enne', ['citoyen', 'citoyenne', 'citoyens', 'citoyennes']],
  ['-er/-ère', ['premier', 'première', 'premiers', 'premières']],
  ['-teur/-trice', ['animateur', 'animatrice', 'animateurs', 'animatrices']],
  ['-teur/-trice (éducateur)', ['éducateur', 'éducatrice', 'educatrices']],
  ['-eur/-eure', ['meilleur', 'meilleure', 'meilleures']],
  ['-ant/-ante', ['bienveillant', 'bienveillante', 'bienveillants', 'bienveillantes']],
  ['-it/-ite', ['gratuit', 'gratuite', 'gratuits']],
  ['-nd/-nde', ['grand', 'grande', 'grands', 'grandes']],
  ['-eau/-eaux', ['réseau', 'réseaux', 'Reseaux']],
  ['-eu/-eux', ['enjeu', 'enjeux']],
  ['-ou/-oux', ['bijou', 'bijoux']],
  ['-i/-ie (amie)', ['ami', 'amie', 'amis', 'amies']],
  ['-on/-onne', ['bon', 'bonne', 'bons', 'bonnes']],
  ['œ ligature', ['cœur', 'coeur', 'cœurs', 'COEUR']],
  ['-et/-ète', ['concret', 'concrète', 'concrets', 'concretes']],
  ['-in/-ine', ['voisin', 'voisine', 'voisins']],
  ['-ain/-aine', ['humain', 'humaine', 'humains', 'humaines']],
  ['irregular beau/bel/belle', ['beau', 'beaux', 'belle', 'belles', 'bel']],
  ['irregular vieux/vieil/vieille', ['vieux', 'vieil', 'vieille', 'vieilles']],
  ['-f/-ve (veuf)', ['veuf', 'veuve', 'veuves']],
  ['-oui/-ouie', ['épanoui', 'épanouie', 'épanouis']],
  ['-ais/-aise', ['français', 'française', 'françaises', 'Francais']],
  ['-ul/-ulle', ['nul', 'nulle', 'nuls']],
  ['-gue is not a -u ending', ['fatigué', 'fatiguée', 'fatigués', 'fatigue']],
  ['-u/-ue after a consonant', ['déçu', 'déçue', 'déçus']],
  ['-oux/-ouse', ['jaloux', 'jalouse', 'jalouses']],
  ['irregular long/longue', ['long', 'longue', 'longues']],
  ['irregular public/publique', ['public', 'publique', 'publics']],
  ['irregular mal/maux', ['mal', 'maux']],
  ['accents only', ['égalité', 'Egalite', 'ÉGALITÉ', 'égalités']],
  ['-ée noun', ['idée', 'idées', 'IDEE']],
  ['-ct/-cte', ['direct', 'directe', 'directs']],
  ['listed "+ e" feminines', ['clair', 'claire', 'claires', 'clairs']],
  ['listed "+ e" feminines (seul)', ['seul', 'seule', 'seules', 'seuls']],
  ['full-width and ligature letters', ['ｃｏｎｆｉａｎｃｅ', 'conﬁance', 'confiance']],
];

/** Words that look alike but must stay apart, with the reason. */
const APART: Array<[string, string, string]> = [
  ['temps', 'tempe', 'temps is invariable, not a plural'],
  ['temps', 'temp', 'temps is invariable, not a plural'],
  ['bas', 'base', 'no bare feminine -e is removed'],
  ['fils', 'fil', 'fils (son) keeps its -s'],
  ['mal', 'mâle', 'short words and -ale only from 5 letters'],
  ['mois', 'moi', 'singular ending in -s'],
  ['fois', 'foi', 'singular ending in -s'],
  ['cours', 'cour', 'singular ending in -s'],
  ['vers', 'ver', 'singular ending in -s'],
  ['sous', 'sou', 'invariable preposition'],
  ['plus', 'plu', 'invariable adverb'],
  ['mais', 'mai', 'invariable conjunction'],
  ['près', 'pré', 'invariable adverb'],
  ['après', 'âpre', 'invariable adverb'],
  ['Paris', 'pari', 'proper noun ending in -s'],
  ['prix', 'pris', 'no -x plural outside -au/-eu/-ou'],
  ['choix', 'choi', 'no -x plural outside -au/-eu/-ou'],
  ['gaz', 'gaze', 'short word, and no bare -e rule'],
  ['taux', 'tal', '-aux → -al spares taux'],
  ['mère', 'mer', '-ère → -er only from 5 letters'],
  ['misère', 'miser', 'listed exception to -ère'],
  ['manière', 'manier', 'listed exception to -ère'],
  ['prière', 'prier', 'listed exception to -ère'],
  ['partie', 'parti', 'listed exception to -ie'],
  ['droite', 'droits', 'listed exception to -te'],
  ['retraite', 'retrait', 'listed exception to -te'],
  ['porte', 'port', 'listed exception to -te'],
  ['vente', 'vent', 'listed exception to -te'],
  ['tante', 'tant', 'listed exception to -te'],
  ['pointe', 'point', 'listed exception to -te'],
  ['découverte', 'découvert', 'listed exception to -te'],
  ['sorte', 'sort', 'listed exception to -te'],
  ['moyenne', 'moyens', 'listed exception to -enne'],
  ['selle', 'sel', 'listed exception to -elle'],
  ['colonne', 'colon', 'listed exception to -onne'],
  ['tonne', 'ton', 'listed exception to -onne'],
  ['entrée', 'entre', 'listed exception to -ée'],
  ['durée', 'dure', 'listed exception to -ée'],
  ['armée', 'arme', 'listed exception to -ée'],
  ['issue', 'issu', 'listed exception to -ue'],
  ['lieue', 'lieu', 'listed exception to -ue'],
  ['médecine', 'médecin', 'listed exception to -ine'],
  ['marine', 'marin', 'listed exception to -ine'],
  ['machine', 'machin', 'listed exception to -ine'],
  ['fraise', 'frais', 'listed exception to -aise'],
  ['crise', 'cris', 'no -ise rule'],
  ['peur', 'peu', '-eur → -eu only from 5 letters'],
  ['reine', 'rein', '-eine only from 6 letters'],
  ['motivé', 'motif', 'motivé without accent is not the feminine of motif'],
  ['fille', 'fils', 'not an inflection'],
  ['joie', 'joi', '-ie only after a consonant'],
  ['boîte', 'boit', 'listed exception to -te'],
  ['chaire', 'chair', 'no general -re rule'],
  ['durée', 'dur', 'listed exception to -ée'],
];

describe('normaliseEntry', () => {
  it.each(MERGES)('counts together: %s', (_name, spellings) => {
    const keys = new Set(spellings.map(keyOf));
    expect(keys.size, `keys: ${[...keys].join(' | ')}`).toBe(1);
    expect(keys.has(undefined)).toBe(false);
  });

  it.each(APART)('keeps "%s" apart from "%s" (%s)', (a, b) => {
    expect(keyOf(a)).toBeDefined();
    expect(keyOf(a)).not.toBe(keyOf(b));
  });

  it('gives the examples of the product their documented keys', () => {
    expect(keyOf('« motivées ! »')).toBe('motive');
    expect(keyOf('Pouvoir d’agir')).toBe("pouvoir d'agir");
    expect(keyOf('accès aux droits')).toBe('acces aux droit');
  });

  it('returns null for entries that are empty once punctuation is removed', () => {
    for (const raw of ['', '   ', '!!!', '...', '« »', '— ? —', "''", '\u00A0\t\n']) {
      expect(normaliseEntry(raw)).toBeNull();
    }
  });

  it('keeps emoji, symbols and digits as words', () => {
    expect(keyOf('❤️')).toBe(keyOf('❤'));
    expect(keyOf('C++')).toBe('c++');
    expect(keyOf('35 heures')).toBe('35 heur');
  });

  it('shows the entry as typed, trimmed, with collapsed spaces and no surrounding punctuation', () => {
    expect(normaliseEntry('  Pouvoir    d’agir  ')?.display).toBe('Pouvoir d’agir');
    expect(normaliseEntry('« motivées ! »')?.display).toBe('motivées');
    expect(normaliseEntry('(re)trouver')?.display).toBe('(re)trouver');
    expect(normaliseEntry('MOTIVÉS')?.display).toBe('MOTIVÉS');
    expect(normaliseEntry('e\u0301coute')?.display).toBe('écoute');
  });

  it('is idempotent on its keys for every entry in the tables', () => {
    for (const raw of [...MERGES.flatMap(([, s]) => s), ...APART.flatMap(([a, b]) => [a, b])]) {
      const key = keyOf(raw);
      if (key === undefined) throw new Error(`no key for ${raw}`);
      expect(keyOf(key), raw).toBe(key);
    }
  });

  it('is deterministic and idempotent on arbitrary text', () => {
    const text = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.string({ unit: 'grapheme', maxLength: 20 }),
      fc.array(fc.constantFrom('é', 'e', 's', 'x', 'aux', 'euse', 'ée', 'ive', "'", '’', ' ', '-', 'elle', 'trice', 'œ', 'A', 'ine'), { maxLength: 12 }).map((p) => p.join('')),
    );
    fc.assert(
      fc.property(text, (raw) => {
        const first = normaliseEntry(raw);
        expect(normaliseEntry(raw)).toEqual(first);
        if (first !== null) {
          expect(normaliseEntry(first.key)?.key).toBe(first.key);
          expect(first.key).toBe(first.key.trim());
          expect(first.key).not.toMatch(/\s{2}/);
          expect(first.display.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
