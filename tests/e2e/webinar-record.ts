import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { recordEntrySchema } from '../../shared/schemas/records';
import type { RecordEntry } from '../../shared/views-records';
import { AGORA, CARDS, CONTRIBUTIONS, dotTotals, PEOPLE, PROPOSALS, TURNS, WEBINAR } from '../../scripts/demo/webinar-scenario';
import type { TestServer } from '../helpers/server';
import { scrollTo, shoot, SOON, text } from './webinar-room';

const STEP = 8;
const yes = PEOPLE.filter((p) => p.answer === 'yes').length;
const pseudonyms = PEOPLE.flatMap((p) => (p.pseudonym ? [p.pseudonym] : []));

/** Clicks an export button of the entry page and reads the file the browser saved. */
async function download(page: Page, label: string): Promise<{ name: string; bytes: Buffer }> {
  const section = page.locator('section', { has: page.getByRole('heading', { name: 'Exporter ce compte rendu' }) });
  const [file] = await Promise.all([page.waitForEvent('download'), section.getByRole('button', { name: label, exact: true }).click()]);
  return { name: file.suggestedFilename(), bytes: fs.readFileSync((await file.path())!) };
}

/** No first name given on a phone appears in an export (nor the one a card's author chose to show). */
function expectAnonymous(content: string, what: string): void {
  for (const name of pseudonyms) expect(new RegExp(`\\b${name}\\b`).test(content), `${name} in the ${what} export`).toBe(false);
}

function checkJson(entry: RecordEntry): void {
  expect(recordEntrySchema.safeParse(entry).success).toBe(true);
  expect(entry.workshop).toMatchObject({ title: WEBINAR.title, date: WEBINAR.date, state: 'closed' });
  expect(entry.attendance.total).toBe(PEOPLE.length);
  const poll = entry.polls.find((p) => p.question === WEBINAR.poll)!;
  expect(poll.choices.map((c) => [c.label, c.count])).toEqual([['Oui', yes], ['Non', PEOPLE.length - yes]]);
  expect(poll.turnout).toBe(1);
  const cloud = entry.wordClouds[0]!;
  expect(cloud.prompt).toBe(WEBINAR.cloud);
  expect(cloud.contributors).toBe(PEOPLE.length);
  expect(Object.fromEntries(cloud.words.map((w) => [w.display, w.count]))).toMatchObject({ enthousiaste: 3, curieux: 3, 'pouvoir d’agir': 3 });
  const cards = entry.board!.columns.flatMap((column) => column.cards.map((card) => [column.title, card.text, card.dots]));
  expect(cards).toEqual(CARDS.map((card, index) => [card.column, card.text, dotTotals()[index]]));
  for (const proposal of PROPOSALS) {
    const stored = entry.proposals.find((p) => p.title === proposal.title)!;
    expect(stored.status).toBe(proposal.adoptedByVote ? 'adopted' : 'in_progress');
    expect(stored.theme).toBe(CARDS[proposal.fromCard]!.column);
    expect(stored.supports.total).toBe(proposal.supportedBy.length);
    for (const block of proposal.passages.flatMap((p) => p.blocks)) {
      if (block.kind === 'bullets') for (const item of block.items) expect(stored.text).toContain(`- ${item}`);
      else expect(stored.text).toContain(block.bold ? `**${block.text}**` : block.text);
    }
  }
  expect(entry.speaking.total.turns).toBe(TURNS.length);
  expect(entry.contributions).toEqual([{ kind: CONTRIBUTIONS[0]!.kind, text: CONTRIBUTIONS[0]!.text, supports: CONTRIBUTIONS[0]!.supportedBy.length, handled: 'answered' }]);
}

function checkCsv(csv: string): void {
  expect(csv.startsWith('\ufeff')).toBe(true);
  const rows = parse(csv, { bom: true, delimiter: ';', columns: true }) as Array<Record<string, string>>;
  const find = (section: string, activity: string, element: string, standpoint = 'Ensemble') =>
    rows.find((r) => r['Rubrique'] === section && r['Activité'] === activity && r['Élément'] === element && r['Regard'] === standpoint);
  expect(find('Émargement', '', 'Présents')?.['Nombre']).toBe(String(PEOPLE.length));
  expect(find('Sondage', WEBINAR.poll, 'Oui')?.['Nombre']).toBe(String(yes));
  expect(find('Sondage', WEBINAR.poll, 'Oui', 'Personne concernée / accompagnée')?.['Nombre']).toBe('3');
  expect(find('Nuage de mots', WEBINAR.cloud, 'enthousiaste')?.['Nombre']).toBe('3');
  const cafe = CARDS[PROPOSALS[0]!.fromCard]!;
  expect(find('Tableau', cafe.column, cafe.text)?.['Nombre']).toBe(String(dotTotals()[PROPOSALS[0]!.fromCard]));
  expect(rows.some((r) => r['Rubrique'] === 'Proposition' && r['Activité'] === PROPOSALS[0]!.title)).toBe(true);
  expect(find('Tours de parole', '', 'Tours')?.['Nombre']).toBe(String(TURNS.length));
}

/** The group's record pages (timeline, participation over time) and the webinar's entry page with its four exports. */
export async function checkRecord(page: Page, server: TestServer, ids: { groupId: string; workshopId: string; joinCode: string; agoraPresent: number }): Promise<void> {
  await page.goto(`${server.url}/organiser/groupes/${ids.groupId}`);
  // The closed workshop's card leads to its report; its code, free for another workshop now, is gone.
  const card = page.locator(`[data-workshop="${ids.workshopId}"]`);
  await expect.poll(() => text(card), SOON).toContain('Terminé');
  expect(await text(card)).not.toContain(ids.joinCode);
  expect(await card.getByRole('link', { name: 'Lire le compte rendu' }).getAttribute('href')).toBe(`/organiser/groupes/${ids.groupId}/registre/${ids.workshopId}`);
  await shoot(page, STEP, 'group', 'organiser', true);
  await page.getByRole('link', { name: /^Registre du groupe/ }).click();
  const timeline = page.locator('section', { has: page.getByRole('heading', { name: 'Comptes rendus des ateliers' }) });
  const items = timeline.locator('li[data-workshop]');
  await expect.poll(() => items.count(), SOON).toBe(2);
  const webinar = timeline.locator(`li[data-workshop="${ids.workshopId}"]`);
  expect(await text(items.first())).toContain(WEBINAR.title);
  expect(await text(webinar)).toContain(`${PEOPLE.length} personnes sont venues`);
  expect(await text(webinar)).toContain('2 propositions dont 1 adoptée');
  const participation = page.getByTestId('participation-table');
  expect(await participation.locator('tbody tr').count()).toBe(2);
  expect(await text(participation.locator('tbody tr').first())).toContain(AGORA.title);
  expect(await text(participation.locator('tbody tr').first().locator('td').last())).toBe(String(ids.agoraPresent));
  expect(await text(participation.locator('tbody tr').last().locator('td').last())).toBe(String(PEOPLE.length));
  await shoot(page, STEP, 'group-record', 'record', true);

  await webinar.getByRole('link', { name: WEBINAR.title, exact: true }).click();
  await expect.poll(() => text(page.getByRole('heading', { level: 1 })), SOON).toBe(WEBINAR.title);
  const poll = page.locator('[data-poll]', { has: page.getByRole('heading', { level: 3, name: WEBINAR.poll.replace(' ?', '') }) });
  expect(await text(poll.getByTestId('turnout'))).toBe(`${PEOPLE.length} votes sur ${PEOPLE.length} présents`);
  await page.locator('[data-cloud] svg text[data-word]').first().waitFor(SOON);
  expect(await text(page.getByTestId('speaking-chart'))).toContain(`${TURNS.length} tours`);
  expect(await text(page.locator('[data-proposal]').first())).toContain('Adoptée');
  expect(await text(page.locator('main'))).toContain(CONTRIBUTIONS[0]!.text.replace(' ?', ''));
  expect(await page.locator('li[data-dots]').count()).toBe(CARDS.length);
  await shoot(page, STEP, 'entry', 'record', true);
  for (const [name, heading] of [['entry-polls', 'Sondages'], ['entry-board', 'Tableau partagé'], ['entry-proposals', 'Propositions']] as const) {
    await scrollTo(page.getByRole('heading', { level: 2, name: heading, exact: true }));
    await shoot(page, STEP, name, 'record');
  }

  const md = (await download(page, 'Markdown')).bytes.toString('utf8');
  expect(md).toContain(`# ${WEBINAR.title}`);
  expect(md).toContain(`| Oui | ${yes} (${Math.round((100 * yes) / PEOPLE.length)} %)`);
  expect(md).toContain(`### ${PROPOSALS[0]!.title} — Adoptée`);
  expect(md).toContain(CONTRIBUTIONS[0]!.text);
  expectAnonymous(md, 'Markdown');

  const csv = await download(page, 'Tableur (CSV)');
  expect(csv.name).toMatch(/^compte-rendu_.*_v1\.csv$/);
  checkCsv(csv.bytes.toString('utf8'));
  expectAnonymous(csv.bytes.toString('utf8'), 'CSV');

  const json = (await download(page, 'JSON')).bytes.toString('utf8');
  checkJson(JSON.parse(json) as RecordEntry);
  expectAnonymous(json, 'JSON');

  const docx = await download(page, 'Word (DOCX)');
  const xml = await (await JSZip.loadAsync(docx.bytes)).file('word/document.xml')!.async('string');
  for (const expected of [WEBINAR.title, PROPOSALS[0]!.title, PROPOSALS[1]!.title, CARDS[0]!.text.slice(0, 20)]) expect(xml).toContain(expected);
  expectAnonymous(xml, 'DOCX');
}
