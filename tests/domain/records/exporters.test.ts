import { parse } from 'csv-parse/sync';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { csvField, entriesCsv } from '../../../server/src/domain/records/export-csv';
import { contributionDocx, entryDocx } from '../../../server/src/domain/records/export-docx';
import { contributionMarkdown, entryMarkdown, inline } from '../../../server/src/domain/records/export-markdown';
import { contributionOf, toEntry } from '../../../server/src/domain/records/group-views';
import { inlineRuns, markdownBlocks } from '../../../server/src/domain/records/markdown-blocks';
import { storedVersion } from './entry-fixtures';

const entry = toEntry(storedVersion({ workshopId: 'w1' }));

describe('CSV', () => {
  it('neutralises texts a spreadsheet would run as formulas and quotes separators, quotes and line breaks', () => {
    expect(csvField('=SOMME(A1)')).toBe("'=SOMME(A1)");
    expect(csvField('+33 6')).toBe("'+33 6");
    expect(csvField('-1')).toBe("'-1");
    expect(csvField('@cmd')).toBe("'@cmd");
    expect(csvField('a;b')).toBe('"a;b"');
    expect(csvField('dit "oui"')).toBe('"dit ""oui"""');
    expect(csvField('deux\nlignes')).toBe('"deux\nlignes"');
    expect(csvField(3.5)).toBe('3,5');
    expect(csvField(-2)).toBe('-2');
    expect(csvField(null)).toBe('');
  });

  it('parses back to the same texts, formulas disarmed', () => {
    const rows = parse(entriesCsv([entry]), { bom: true, delimiter: ';', columns: true }) as Array<Record<string, string>>;
    const contribution = rows.find((r) => r.Rubrique === 'Contribution écrite');
    expect(contribution?.Élément).toBe('\'=SOMME(A1) ; une "question"');
    expect(rows.find((r) => r.Rubrique === 'Tableau')).toMatchObject({ Activité: 'Formation', Élément: 'Former à l’accueil', Nombre: '7', Unité: 'gommettes' });
    expect(rows.filter((r) => r.Rubrique === 'Proposition' && r.Regard === 'Ensemble').map((r) => [r.Activité, r.Élément, r.Nombre])).toEqual([
      ['Former les équipes', 'Adoptée', '8'],
      ['Ouvrir le samedi', 'En cours', '2'],
    ]);
    expect(rows.find((r) => r.Rubrique === 'Tours de parole' && r.Élément === 'Temps de parole' && r.Regard === 'Ensemble')?.Nombre).toBe('95');
  });
});

describe('Markdown', () => {
  it('escapes what participants write, so that a text never becomes markup', () => {
    expect(inline('*gras* | [lien](x) <b>')).toBe('\\*gras\\* \\| \\[lien\\](x) \\<b\\>');
    expect(inline('deux\nlignes')).toBe('deux lignes');
  });

  it('writes a proposal’s own headings below the proposal’s title', () => {
    const md = entryMarkdown(entry);
    expect(md).toContain('### Former les équipes — Adoptée');
    expect(md).toContain('#### Proposition');
    expect(md).toContain('- Former à l’accueil — 7 gommettes');
    expect(md).toContain('1 min 35 s');
  });

  it('writes the contribution with where each proposal was adopted and its supports by standpoint', () => {
    const md = contributionMarkdown(contributionOf({ id: 'g', name: 'Accès aux droits', purpose: '' }, [storedVersion({ workshopId: 'w1' })], '2026-12-24T00:00:00.000Z'));
    expect(md).toContain('## Formation');
    expect(md).toContain('### Former les équipes');
    expect(md).toContain('_Adoptée lors de l’atelier « Atelier « accueil » » du 22 novembre 2026');
    expect(md).toContain('Soutiens : 8 — Personne concernée / accompagnée : 4 ; Autres regards (Professionnel·le du social ou médico-social, Élu·e) : 4.');
  });
});

describe('Markdown blocks for documents', () => {
  it('reads headings, lists, quotes, code and emphasis', () => {
    const blocks = markdownBlocks('# Titre\n\nUn **gras** et *italique*\nsuite.\n\n- un\n- deux\n\n1. a\n2. b\n\nTexte\n\n1. c\n\n> cité\n\n```\ncode\n```');
    expect(blocks.map((b) => b.kind)).toEqual(['heading', 'paragraph', 'bullet', 'bullet', 'ordered', 'ordered', 'paragraph', 'ordered', 'quote', 'code']);
    const ordered = blocks.filter((b) => b.kind === 'ordered') as Array<{ list: number }>;
    expect(ordered.map((b) => b.list)).toEqual([1, 1, 2]);
    expect(blocks[1]).toEqual({ kind: 'paragraph', runs: [{ text: 'Un ' }, { text: 'gras', bold: true }, { text: ' et ' }, { text: 'italique', italics: true }, { text: ' suite.' }] });
  });

  it('keeps underscores inside words and escaped characters as text', () => {
    expect(inlineRuns('nom_de_fichier et \\*étoile\\*')).toEqual([{ text: 'nom_de_fichier et *étoile*' }]);
  });
});

describe('DOCX', () => {
  it('makes a Word document whose text holds the title, the question, the card and the proposal', async () => {
    const zip = await JSZip.loadAsync(await entryDocx(entry));
    const xml = (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    expect(xml).toContain('Atelier « accueil »');
    expect(xml).toContain('Êtes-vous bien accueilli·e ?');
    expect(xml).toContain('Former à l’accueil — 7 gommette(s)');
    expect(xml).toContain('Former les équipes — Adoptée');
    expect(zip.file('word/numbering.xml')).not.toBeNull();
  });

  it('makes the contribution document, saying so when nothing was adopted', async () => {
    const empty = contributionOf({ id: 'g', name: 'Groupe', purpose: '' }, [], '2026-12-24T00:00:00.000Z');
    const zip = await JSZip.loadAsync(await contributionDocx(empty));
    expect(await zip.file('word/document.xml')!.async('string')).toContain('Aucune proposition adoptée pour l’instant.');
  });
});
