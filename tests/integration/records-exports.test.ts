import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DownloadedFile } from '../../shared/client/croisee-client';
import { recordEntrySchema } from '../../shared/schemas/records';
import { ORGANISER_TOKEN, startTestServer, type TestServer } from '../helpers/server';
import type { GroupContribution } from '../../shared/views-records';
import { CARD, docxXml, ok, PROMPT, PROPOSAL, QUESTION, runWorkshop, waitForVersions } from './records-helpers';

const text = (file: DownloadedFile) => new TextDecoder('utf-8').decode(file.bytes);
/** Word splits a text into runs: compare the document's text without its tags. */
const xmlText = (xml: string) => xml.replace(/<[^>]+>/g, '').replace(/&apos;/g, '\'').replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>');

describe('exports of a record entry and of the group record', () => {
  let server: TestServer;
  let run: Awaited<ReturnType<typeof runWorkshop>>;
  let version: number;

  beforeAll(async () => {
    server = await startTestServer();
    run = await runWorkshop(server);
    await ok(run.facilitator, 'record:push', { summary: 'Synthèse : « l’accueil » ; = pas une formule' });
    await ok(run.facilitator, 'workshop:close', {});
    version = (await waitForVersions(server, run.workshop.id, 2))[1]!.version;
  }, 60_000);

  afterAll(async () => {
    await server?.close();
  });

  it('sends each format with its media type and an attachment name that keeps the accents (RFC 5987)', async () => {
    const expected = {
      md: 'text/markdown; charset=utf-8',
      json: 'application/json; charset=utf-8',
      csv: 'text/csv; charset=utf-8; header=present',
      docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    } as const;
    for (const format of ['md', 'json', 'csv', 'docx'] as const) {
      const res = await fetch(`${server.url}/api/workshops/${run.workshop.id}/records/${version}/export/${format}`, { headers: { authorization: `Bearer ${ORGANISER_TOKEN}` } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(expected[format]);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const disposition = res.headers.get('content-disposition')!;
      expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
      expect(disposition).toContain(`filename="compte-rendu_Accueil-dans-les-services-sociaux_2026-11-22_v${version}.${format}"`);
      const file = await server.organiser.downloadRecord(run.workshop.id, version, format);
      expect(file.name).toBe(`compte-rendu_Accueil dans les services sociaux_2026-11-22_v${version}.${format}`);
    }
  });

  it('exports JSON that the documented schema validates, equal to the entry', async () => {
    const file = await server.organiser.downloadRecord(run.workshop.id, version, 'json');
    const json = JSON.parse(text(file));
    const parsed = recordEntrySchema.safeParse(json);
    expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues[0])).toBe(true);
    expect(json).toEqual(await server.organiser.recordEntry(run.workshop.id, version));
  });

  it('serves the JSON Schema of an entry', async () => {
    const res = await fetch(`${server.url}/api/records/schema/entry.json`);
    const schema = (await res.json()) as { $schema: string; properties: Record<string, unknown>; required: string[]; additionalProperties: boolean };
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.required).toEqual(expect.arrayContaining(['polls', 'wordClouds', 'attendance', 'summary', 'proposals']));
    expect(schema.additionalProperties).toBe(false);
  });

  it('exports a CSV that opens in a French spreadsheet: BOM, semicolons, accents, no formula', async () => {
    const file = await server.organiser.downloadRecord(run.workshop.id, version, 'csv');
    expect([...file.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const raw = text(file);
    expect(raw).toContain('\r\n');
    const rows = parse(raw, { bom: true, delimiter: ';', columns: true, skip_empty_lines: true }) as Array<Record<string, string>>;
    expect(Object.keys(rows[0]!)).toEqual(['Atelier', 'Date', 'Version', 'Rubrique', 'Activité', 'Élément', 'Regard', 'Nombre', 'Unité', 'Pourcentage']);
    const find = (rubrique: string, element: string, regard: string, activity?: string) =>
      rows.find((r) => r.Rubrique === rubrique && r.Élément === element && r.Regard === regard && (activity === undefined || r.Activité === activity));
    expect(find('Émargement', 'Présents', 'Ensemble')?.Nombre).toBe('10');
    expect(find('Émargement', 'Présents', 'Personne concernée / accompagnée')?.Nombre).toBe('4');
    expect(find('Émargement', 'Présents', 'Autres regards (Étudiant·e, Élu·e, Sans précision)')?.Nombre).toBe('3');
    expect(find('Sondage', 'Oui', 'Ensemble', QUESTION)).toMatchObject({ Nombre: '4', Unité: 'votes', Pourcentage: '40' });
    expect(find('Sondage', 'Parfois', 'Professionnel·le du social ou médico-social', QUESTION)).toMatchObject({ Nombre: '3', Pourcentage: '100' });
    expect(find('Sondage', 'Votants', 'Ensemble', QUESTION)).toMatchObject({ Nombre: '10', Pourcentage: '100' });
    expect(find('Nuage de mots', 'Accueil', 'Ensemble', PROMPT)?.Nombre).toBe('8');
    expect(find('Nuage de mots', 'Écoute', 'Ensemble', PROMPT)?.Nombre).toBe('5');
    expect(find('Tours de parole', 'Tours', 'Ensemble')?.Nombre).toBe('1');
    expect(rows.filter((r) => r.Rubrique === 'Contribution écrite').map((r) => r.Élément)).toEqual(['Les horaires d’accueil ne conviennent pas aux familles.']);
    for (const row of rows) for (const value of Object.values(row)) expect(value).not.toMatch(/^[=+\-@]/);
  });

  it('exports Markdown with the title, the summary, the poll and its breakdown', async () => {
    const md = text(await server.organiser.downloadRecord(run.workshop.id, version, 'md'));
    expect(md.startsWith('# Accueil dans les services sociaux\n')).toBe(true);
    expect(md).toContain('## Résumé');
    expect(md).toContain('Synthèse : « l’accueil » ; = pas une formule');
    expect(md).toContain(`### ${QUESTION}`);
    expect(md).toContain('| Oui | 4 (40 %) | 3 (75 %) |');
    expect(md).toContain('10 présents, dont 4 Personne concernée / accompagnée');
    expect(md).toContain('## Tours de parole');
  });

  it('exports a Word document that unzips, with the title and the poll question inside', async () => {
    const file = await server.organiser.downloadRecord(run.workshop.id, version, 'docx');
    expect([...file.bytes.slice(0, 2)]).toEqual([0x50, 0x4b]);
    const body = xmlText(await docxXml(file.bytes));
    expect(body).toContain('Accueil dans les services sociaux');
    expect(body).toContain(QUESTION);
    expect(body).toContain(PROMPT);
    expect(body).toContain('Les horaires d’accueil ne conviennent pas aux familles.');
  });

  it('exports the group record in every format, from each workshop’s current version', async () => {
    const json = JSON.parse(text(await server.organiser.downloadGroupRecord(run.group.id, 'json'))) as { format: string; entries: unknown[] };
    expect(json.format).toBe('croisee.group-record');
    expect(json.entries).toHaveLength(1);
    expect(recordEntrySchema.safeParse(json.entries[0]).success).toBe(true);
    expect((json.entries[0] as { version: number }).version).toBe(version);
    const csv = await server.organiser.downloadGroupRecord(run.group.id, 'csv');
    expect(csv.name).toBe('registre_Accès aux droits.csv');
    const rows = parse(text(csv), { bom: true, delimiter: ';', columns: true }) as Array<Record<string, string>>;
    expect(new Set(rows.map((r) => r.Version))).toEqual(new Set([String(version)]));
    const md = text(await server.organiser.downloadGroupRecord(run.group.id, 'md'));
    expect(md).toContain('# Registre du groupe « Accès aux droits »');
    expect(md).toContain('## Accueil dans les services sociaux');
    const docx = xmlText(await docxXml((await server.organiser.downloadGroupRecord(run.group.id, 'docx')).bytes));
    expect(docx).toContain('Registre du groupe « Accès aux droits »');
    expect(docx).toContain(QUESTION);
  });

  it('exports the group contribution: adopted proposals by theme, where and when, supports by standpoint', async () => {
    const json = JSON.parse(text(await server.organiser.downloadContribution(run.group.id, 'json'))) as GroupContribution;
    expect(json.format).toBe('croisee.group-contribution');
    expect(json.themes.map((t) => [t.theme, t.proposals.map((p) => p.title)])).toEqual([['Formation', [PROPOSAL]]]);
    const proposal = json.themes[0]!.proposals[0]!;
    expect(proposal.workshop).toEqual({ id: run.workshop.id, title: 'Accueil dans les services sociaux', date: '2026-11-22' });
    expect(proposal.adoptedAt).not.toBeNull();
    expect(proposal.text.trim()).toBe(CARD);
    expect(proposal.supports.total).toBe(6);
    const md = text(await server.organiser.downloadContribution(run.group.id, 'md'));
    expect(md).toContain('# Contribution du groupe « Accès aux droits »');
    expect(md).toContain('## Formation');
    expect(md).toContain(`### ${PROPOSAL}`);
    expect(md).toContain('Adoptée lors de l’atelier « Accueil dans les services sociaux » du 22 novembre 2026');
    expect(md).not.toContain('Ouvrir le samedi');
    const docx = xmlText(await docxXml((await server.organiser.downloadContribution(run.group.id, 'docx')).bytes));
    expect(docx).toContain('Contribution du groupe « Accès aux droits »');
    expect(docx).toContain(PROPOSAL);
    expect(docx).toContain(CARD);
  });

  it('puts the board’s cards and the proposals’ supports in the CSV', async () => {
    const rows = parse(text(await server.organiser.downloadRecord(run.workshop.id, version, 'csv')), { bom: true, delimiter: ';', columns: true }) as Array<Record<string, string>>;
    expect(rows.find((r) => r.Rubrique === 'Tableau' && r.Élément === CARD)).toMatchObject({ Activité: 'Formation', Nombre: '4', Unité: 'gommettes' });
    expect(rows.find((r) => r.Rubrique === 'Proposition' && r.Activité === PROPOSAL && r.Regard === 'Ensemble')).toMatchObject({ Élément: 'Adoptée', Nombre: '6', Unité: 'soutiens' });
  });

  it('refuses an unknown format with a message naming the formats', async () => {
    const res = await fetch(`${server.url}/api/workshops/${run.workshop.id}/records/${version}/export/pdf`, { headers: { authorization: `Bearer ${ORGANISER_TOKEN}` } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('md, json, csv ou docx');
    const missing = await fetch(`${server.url}/api/workshops/${run.workshop.id}/records/99/export/md`, { headers: { authorization: `Bearer ${ORGANISER_TOKEN}` } });
    expect(missing.status).toBe(404);
  });
});
