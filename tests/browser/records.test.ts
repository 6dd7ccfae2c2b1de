import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrganiserWorkshopView, WorkingGroupView } from '../../shared/views';
import { closeServedClient, laptopContext, SCREENSHOTS, startServedClient } from '../helpers/browser';
import { ORGANISER_TOKEN, type TestServer } from '../helpers/server';
import { clientId, joinAll, liveWorkshop, ok, PROMPT, QUESTION, runWorkshop, waitForVersions } from '../integration/records-helpers';
import { fitsWidth, text, violationsIn } from './accessibility-helpers';
import { pdfPages } from './pdf-text';

const FIRST = 'Accueil dans les services sociaux';
const SECOND = 'Accueil : ce qui a changé depuis novembre';
const SUMMARY = '**Bilan** de l’atelier : l’accueil doit laisser du temps.\n\n- Former les équipes\n- Ouvrir le samedi\n\n<img src="x" onerror="window.injected = true">';

function shoot(target: Page | Locator, name: string, fullPage = false): Promise<Buffer> {
  const file = path.join(SCREENSHOTS, `${name}.png`);
  return 'goto' in target ? target.screenshot({ path: file, fullPage, animations: 'disabled' }) : target.screenshot({ path: file, animations: 'disabled' });
}

/** The count each bar of a poll shows, by choice id. */
function barCounts(poll: Locator): Promise<Record<string, number>> {
  return poll
    .locator('.bars li[data-choice]')
    .evaluateAll((rows) => Object.fromEntries(rows.map((row) => [row.getAttribute('data-choice') ?? '', Number(row.getAttribute('data-count'))])));
}

/** A second workshop of the group asks the same question to six people (three people concerned, three professionals). */
async function followUpWorkshop(server: TestServer, group: WorkingGroupView): Promise<OrganiserWorkshopView> {
  const { workshop, facilitator } = await liveWorkshop(server, { group, title: SECOND, date: '2026-12-13' });
  const people = await joinAll(server, workshop.joinCode, ['concerned', 'concerned', 'concerned', 'professional', 'professional', 'professional']);
  const poll = await ok(facilitator, 'poll:create', { poll: { kind: 'single', question: QUESTION, choices: ['Oui', 'Non', 'Parfois'] } });
  await ok(facilitator, 'agenda:open', { itemId: poll.item.id });
  const choices = [0, 0, 2, 0, 2, 1];
  await Promise.all(people.map((person, i) => ok(person.socket, 'poll:vote', { itemId: poll.item.id, ballotId: clientId(), choices: [choices[i]!] })));
  await ok(facilitator, 'agenda:close', { itemId: poll.item.id });
  await ok(facilitator, 'workshop:close', {});
  await waitForVersions(server, workshop.id, 1);
  return workshop;
}

describe('working-group records in a browser', () => {
  let server: TestServer;
  let browser: Browser;
  let group: WorkingGroupView;
  let first: OrganiserWorkshopView;

  beforeAll(async () => {
    ({ server, browser } = await startServedClient());
    // A whole workshop (poll, word cloud, speaking turn, board, proposals, written contributions), closed: it pushes itself.
    const run = await runWorkshop(server);
    group = run.group;
    first = run.workshop;
    await ok(run.facilitator, 'workshop:close', {});
    await waitForVersions(server, first.id, 1);
    await followUpWorkshop(server, group);
  });

  afterAll(() => closeServedClient({ server, browser }));

  it('shows the group’s timeline, participation over time and the question compared across workshops, then the entry with its poll, two versions once pushed again, and a printable PDF with the title', async () => {
    const page = await (await laptopContext(browser)).newPage();
    const recordUrl = `${server.url}/organiser/groupes/${group.id}/registre`;
    await page.goto(`${recordUrl}#${ORGANISER_TOKEN}`);
    await page.getByRole('heading', { level: 1, name: /Accès aux droits/ }).waitFor();
    // The token left the address bar and stays on this device.
    expect(page.url()).toBe(recordUrl);

    // The timeline: most recent workshop first, each with its current version.
    const timeline = page.locator('section', { has: page.getByRole('heading', { name: 'Comptes rendus des ateliers' }) });
    const items = timeline.locator('li[data-workshop]');
    await expect.poll(() => items.count()).toBe(2);
    expect(await text(items.nth(0))).toContain(SECOND);
    const firstItem = timeline.locator(`li[data-workshop="${first.id}"]`);
    expect(await text(firstItem)).toContain(FIRST);
    expect(await text(firstItem)).toContain('Version 1');
    expect(await text(firstItem)).toContain('10 personnes sont venues');
    expect(await text(firstItem)).toContain('2 propositions dont 1 adoptée');
    await shoot(timeline, 'record-group-timeline');

    // Participation over time: a chart and the same figures in a table.
    const participation = page.locator('section', { has: page.getByRole('heading', { name: 'Participation au fil des ateliers' }) });
    const table = participation.getByTestId('participation-table');
    expect(await text(table.locator('caption'))).toBe('Personnes venues par regard, atelier par atelier');
    const firstRow = table.locator('tbody tr').first();
    expect(await text(firstRow.locator('th'))).toContain(FIRST);
    expect(await text(firstRow.locator('td').last())).toBe('10');
    expect(await participation.locator(`[data-participation="${first.id}"] .segment[data-standpoint="concerned"]`).innerText()).toBe('4');
    await shoot(participation, 'record-participation');

    // Compare: the poll asked in both workshops, side by side.
    const compare = page.locator('section', { has: page.getByRole('heading', { name: 'Comparer les ateliers' }) });
    const question = compare.locator('[data-compare]');
    await expect.poll(() => question.count()).toBe(1);
    expect(await text(question.getByRole('heading', { level: 3 }))).toBe(QUESTION.replace(' ?', '\u00a0?').replace(/\s+/g, ' '));
    expect(await text(question.locator('table').first().locator('thead'))).toContain(SECOND);
    expect(await question.locator('article').count()).toBe(2);
    await shoot(compare, 'record-compare');
    expect(await violationsIn(page, 'main')).toEqual([]);

    // The entry page: everything the workshop produced, with the projection's charts.
    await firstItem.getByRole('link', { name: FIRST, exact: true }).click();
    const title = page.getByRole('heading', { level: 1 });
    await expect.poll(() => text(title)).toBe(FIRST);
    const poll = page.locator('[data-poll]');
    expect(await text(poll.getByRole('heading', { level: 3 }))).toBe(QUESTION.replace(/\s+/g, ' '));
    expect(await barCounts(poll)).toEqual({ '0': 4, '1': 2, '2': 4 });
    expect(await text(poll.getByTestId('turnout'))).toBe('10 votes sur 10 présents');
    expect(await text(poll.locator('table caption'))).toBe('Résultats par regard, côte à côte');
    expect(await text(page.locator('[data-cloud-record]').getByRole('heading', { level: 3 }))).toBe(PROMPT);
    await page.locator('[data-cloud] svg text[data-word]').first().waitFor();
    expect(await text(page.getByTestId('speaking-chart'))).toContain('1 tour');
    expect(await text(page.locator('[data-proposal]').first())).toContain('Adoptée');
    expect(await page.locator('[data-version-link]').count()).toBe(1);
    await shoot(page, 'record-entry', true);
    expect(await violationsIn(page, 'main')).toEqual([]);

    // A spreadsheet export of the entry, saved by the browser.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tableur (CSV)' }).click()]);
    const csv = fs.readFileSync((await download.path())!, 'utf8');
    expect(download.suggestedFilename()).toMatch(/^compte-rendu_.*_v1\.csv$/);
    expect(csv).toContain(QUESTION);

    // Pushing again makes a second version; the first stays, one click away.
    await server.organiser.pushRecord(first.id, { summary: SUMMARY });
    await page.reload();
    await expect.poll(() => page.locator('[data-version-link]').count()).toBe(2);
    expect(await text(page.getByTestId('version'))).toBe('2');
    // The summary's Markdown is rendered; its HTML is shown as text, never run.
    const summary = page.locator('section', { has: page.getByRole('heading', { name: 'Résumé' }) });
    expect(await summary.locator('strong').first().innerText()).toBe('Bilan');
    expect(await summary.locator('li').count()).toBe(2);
    expect(await text(summary)).toContain('<img src="x"');
    expect(await summary.locator('img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { injected?: boolean }).injected)).toBeUndefined();
    await page.locator('[data-version-link="1"]').click();
    await expect.poll(() => text(page.getByTestId('version'))).toBe('1');
    expect(await page.locator('[data-version-link="1"]').getAttribute('aria-current')).toBe('page');

    // The printable page, printed by Chromium to PDF.
    await page.goto(`${recordUrl}/${first.id}/v/2/imprimer`);
    await page.locator('.print-page[data-ready]').waitFor();
    await page.locator('[data-cloud] svg text[data-word]').first().waitFor();
    expect(await violationsIn(page, 'main')).toEqual([]);
    // The preview at the width of an A4 sheet, as the browser lays it out for printing.
    await page.setViewportSize({ width: 794, height: 1123 });
    await page.emulateMedia({ media: 'print' });
    await shoot(page, 'record-print', true);
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
    const pages = pdfPages(pdf);
    expect(pages.length).toBeGreaterThanOrEqual(1);
    expect(pages[0]).toContain(FIRST);
    expect(pages.join(' ')).toContain(QUESTION.replace(/\s+/g, ' '));
    // No navigation on paper.
    expect(pages.join(' ')).not.toContain('Imprimer ou enregistrer en PDF');
  });

  it('lets the organiser set the group’s webhook, see its failed deliveries, and withdraw a version that stays readable, marked', async () => {
    const page = await (await laptopContext(browser)).newPage();
    await page.goto(`${server.url}/organiser/groupes/${group.id}/registre#${ORGANISER_TOKEN}`);
    const webhook = page.locator('section', { has: page.getByRole('heading', { name: 'Envoi automatique (webhook)' }) });
    await webhook.getByText('Aucune adresse d’envoi.').waitFor();
    // A loopback port that nobody listens on any more: every delivery fails.
    const closed = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    await webhook.getByLabel('Adresse qui recevra les comptes rendus').fill(`http://127.0.0.1:${closed}/croisee`);
    await webhook.getByRole('button', { name: 'Enregistrer l’adresse' }).click();
    const secret = webhook.getByRole('textbox', { name: 'Secret de signature' });
    await secret.waitFor();
    expect((await secret.inputValue()).length).toBeGreaterThanOrEqual(32);

    const second = (await server.organiser.groupRecord(group.id)).entries.find((item) => item.title === SECOND)!;
    await server.organiser.pushRecord(second.workshopId, {});
    await expect.poll(async () => (await server.organiser.webhookDeliveries(group.id))[0]?.attempts ?? 0).toBeGreaterThanOrEqual(1);
    await page.reload();
    await expect.poll(() => text(webhook.locator('tbody tr').first())).toMatch(new RegExp(`${SECOND} Version 2 (En attente|Échec) .* 1 `));
    expect(await text(webhook.locator('tbody tr').first())).toContain('ECONNREFUSED');
    await shoot(webhook, 'record-webhook');

    // The organiser withdraws version 2: it stays readable, marked, and the timeline falls back to version 1.
    await page.goto(`${server.url}/organiser/groupes/${group.id}/registre/${second.workshopId}/v/2`);
    await page.getByRole('button', { name: 'Retirer cette version…' }).click();
    await page.getByLabel('Motif (facultatif)').fill('Envoyée par erreur');
    await page.getByRole('button', { name: 'Retirer définitivement' }).click();
    await expect.poll(() => text(page.getByTestId('withdrawn'))).toContain('Motif : Envoyée par erreur');
    expect(await text(page.getByRole('heading', { level: 1 }))).toBe(`${SECOND} Retirée`);
    await page.getByRole('link', { name: 'Retour au registre du groupe' }).click();
    const item = page.locator(`li[data-workshop="${second.workshopId}"]`);
    await expect.poll(() => text(item)).toContain('Version 1 ·');
    expect(await text(item)).toMatch(/v2 .* Retirée/);
    await page.close();
  });

  it('lets the facilitator send the results with a summary from the console, see each version stored, and reach the group’s record', async () => {
    const { workshop, facilitator: socket } = await liveWorkshop(server, { group, title: 'Accueil : un atelier envoyé à la main', date: '2026-12-01' });
    const page = await (await laptopContext(browser)).newPage();
    await page.goto(workshop.links.facilitator);
    await page.getByRole('tab', { name: 'Compte rendu' }).click();
    const section = page.getByRole('tabpanel');
    await section.getByText('Les résultats de l’atelier vont dans le registre du groupe « Accès aux droits ».', { exact: false }).waitFor();
    await section.getByLabel('Résumé de l’atelier (facultatif)').fill('On garde l’accueil sans rendez-vous le mardi.');
    await section.getByRole('button', { name: 'Envoyer les résultats' }).click();
    await section.getByRole('status').getByText('Version 1 envoyée au registre du groupe.').waitFor();
    expect(await section.getByTestId('record-versions').locator('li').allInnerTexts()).toEqual([expect.stringMatching(/^Version 1, enregistrée à \d\d:\d\d, par l’animation$/)]);
    expect(await violationsIn(page, 'main')).toEqual([]);
    await shoot(section, 'record-facilitator-push');

    // Closing sends a version by itself; the console lists it, and the summary given stays.
    await ok(socket, 'workshop:close', {});
    await expect.poll(() => section.getByTestId('record-versions').locator('li').count(), { timeout: 10_000 }).toBe(2);
    expect(await text(section.getByTestId('record-versions').locator('li').nth(1))).toMatch(/^Version 2, enregistrée à \d\d:\d\d, à la clôture de l’atelier$/);
    const versions = await server.organiser.recordVersions(workshop.id);
    expect(versions.map((v) => v.pushedBy)).toEqual(['facilitator', 'workshop_closed']);
    expect((await server.organiser.recordEntry(workshop.id, 2)).summary).toBe('On garde l’accueil sans rendez-vous le mardi.');

    await section.getByRole('link', { name: 'Lire le registre du groupe (réservé à l’organisation)' }).click();
    expect(new URL(page.url()).pathname).toBe(`/organiser/groupes/${group.id}/registre`);
    await page.context().close();
  });

  it('fits a 320-pixel-wide phone, in English too, without sideways scrolling', async () => {
    const context = await browser.newContext({ viewport: { width: 320, height: 640 }, locale: 'fr-FR' });
    await context.addInitScript((token) => {
      localStorage.setItem('croisee.organiser', token);
      localStorage.setItem('croisee.lang', 'en');
    }, ORGANISER_TOKEN);
    const page = await context.newPage();
    await page.goto(`${server.url}/organiser/groupes/${group.id}/registre`);
    await page.getByRole('heading', { level: 1, name: /Group record/ }).waitFor();
    await page.getByRole('heading', { name: 'Participation over time' }).waitFor();
    expect(await fitsWidth(page)).toBe(true);
    await page.goto(`${server.url}/organiser/groupes/${group.id}/registre/${first.id}`);
    await page.getByRole('heading', { level: 1, name: FIRST }).waitFor();
    expect(await text(page.locator('[data-poll]').getByTestId('turnout'))).toBe('10 votes out of 10 present');
    expect(await fitsWidth(page)).toBe(true);
  });
});
