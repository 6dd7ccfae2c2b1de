import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, laptopContext, phoneContext, projectionContext } from '../helpers/browser';
import { ORGANISER_TOKEN, joinAndConnect, startTestServer, type TestServer } from '../helpers/server';
import { clientId, ok, runWorkshop, waitForVersions } from '../integration/records-helpers';
import { CLIENT_DIR, WCAG_TAGS, audit, joinOnPhone, liveWorkshopWithFacilitator, requireClientBuild, switchLanguage, text } from './accessibility-helpers';

/** Phones get results and attendance at most every second or two (the server coalesces them). */
const SOON = { timeout: 10_000 };
const QUESTION = 'Est-ce que ce webinaire vous a permis de mieux comprendre ce qu’est un Comité local du travail social ?';
const PROMPT = 'Quel mot représente le mieux votre état d’esprit en quittant ce webinaire ?';

interface ViewResult {
  view: string;
  lang: 'fr' | 'en';
  violations: string[];
  rules: number;
}

describe('accessibility of every view, in French and English (axe-core, WCAG 2.2 A and AA)', () => {
  let server: TestServer;
  let browser: Browser;
  const results: ViewResult[] = [];
  const rulesSeen = new Set<string>();

  /** Audits the page as it stands in French, then in English (and back to French): zero violations in both. */
  async function check(page: Page, view: string): Promise<void> {
    for (const lang of ['fr', 'en'] as const) {
      if (lang === 'en') await switchLanguage(page, 'en');
      const found = await audit(page);
      for (const rule of found.passed) rulesSeen.add(rule);
      results.push({ view, lang, violations: found.violations, rules: found.passed.length + found.violations.length });
      expect.soft(found.violations, `${view} (${lang})`).toEqual([]);
    }
    await switchLanguage(page, 'fr');
  }

  beforeAll(async () => {
    requireClientBuild();
    server = await startTestServer({ clientDir: CLIENT_DIR });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (results.length === 0) return;
    const lines = results.map((r) => `${r.view.padEnd(58)} ${r.lang}  ${String(r.violations.length).padStart(2)} violation(s), ${r.rules} rules applied`);
    console.log(`axe-core ${WCAG_TAGS.join(', ')}: ${results.length} audits, ${rulesSeen.size} distinct rules applied\n${lines.join('\n')}\nrules: ${[...rulesSeen].sort().join(' ')}`);
  });

  it('has no violation on the home page, the join form, a wrong code, a missing page and the organiser space', async () => {
    const { workshop } = await liveWorkshopWithFacilitator(server, 'Atelier de la page d’accueil');
    const phone = await (await phoneContext(browser)).newPage();
    await phone.goto(server.url);
    await phone.getByLabel('Code de l’atelier').waitFor();
    await check(phone, 'home');
    await phone.getByRole('button', { name: 'Entrer' }).click();
    await phone.getByText('Écrivez le code de l’atelier.').waitFor();
    await check(phone, 'home, code missing');

    await phone.goto(`${server.url}/j/${workshop.joinCode}`);
    await phone.getByRole('radio', { name: 'Bénévole' }).waitFor();
    await check(phone, 'join form');
    await phone.getByRole('button', { name: 'Entrer' }).click();
    await phone.getByText(/^Choisissez une réponse à/).waitFor();
    await check(phone, 'join form, no standpoint chosen');

    await phone.goto(`${server.url}/j/ZZZZZZ`);
    await phone.getByText(/Aucun atelier n’a ce code/).waitFor();
    await check(phone, 'join, unknown code');
    await phone.goto(`${server.url}/nulle-part`);
    await phone.getByRole('heading', { name: 'Page introuvable' }).waitFor();
    await check(phone, 'page not found');

    const laptop = await (await laptopContext(browser)).newPage();
    await laptop.goto(`${server.url}/organiser`);
    await laptop.getByLabel('Jeton').waitFor();
    await check(laptop, 'organiser, signed out');
    await laptop.getByLabel('Jeton').fill('not-the-token');
    await laptop.getByRole('button', { name: 'Entrer' }).click();
    await laptop.getByText(/Ce jeton n’est pas accepté/).first().waitFor();
    await check(laptop, 'organiser, token refused');
    await laptop.goto(`${server.url}/organiser#${ORGANISER_TOKEN}`);
    await laptop.getByRole('heading', { name: 'Groupes de travail' }).waitFor();
    await check(laptop, 'organiser, groups');
    await laptop.getByRole('link', { name: workshop.group.name }).first().click();
    await laptop.locator(`[data-workshop="${workshop.id}"]`).waitFor();
    await check(laptop, 'organiser, group page');

    await Promise.all([phone, laptop].map((page) => page.context().close()));
  });

  it('has no violation on the participant, facilitator and projection screens through a whole live workshop', async () => {
    const group = await server.organiser.createGroup({ name: 'Développement du pouvoir d’agir', purpose: '' });
    const workshop = await server.organiser.createWorkshop(group.id, { title: 'Webinaire : le Comité local du travail social', date: '2026-11-22' });
    const facilitator = await (await laptopContext(browser)).newPage();
    await facilitator.goto(workshop.links.facilitator);
    await facilitator.getByRole('button', { name: 'Ouvrir l’atelier' }).waitFor();
    await check(facilitator, 'facilitator, draft');
    const projection = await (await projectionContext(browser)).newPage();
    await projection.goto(workshop.links.projection);
    await projection.getByText('L’atelier va commencer').waitFor();
    await check(projection, 'projection, draft');
    const phone = await joinOnPhone(browser, server.url, workshop.joinCode, 'Personne concernée / accompagnée');
    await phone.getByText('L’atelier va bientôt commencer.').waitFor();
    await check(phone, 'participant, workshop not started');

    await facilitator.getByRole('button', { name: 'Ouvrir l’atelier' }).click();
    await phone.getByText('Pour l’instant, il n’y a rien à faire.').waitFor(SOON);
    // The rest of the room joins through the API: enough people of two standpoints for the breakdowns.
    const standpoints = ['concerned', 'concerned', 'concerned', 'professional', 'professional', 'professional', 'student', 'elected'];
    const others = await Promise.all(standpoints.map((standpoint) => joinAndConnect(server, workshop.joinCode, standpoint)));
    // A written message waits in the list, with its "Moi aussi" button.
    await ok(others[3]!.socket, 'contribution:submit', { text: 'Comment faire quand on n’a pas d’ordinateur ?', kind: 'question' });
    await phone.locator('li[data-contribution]').waitFor(SOON);
    await expect.poll(() => text(projection.getByTestId('present-count')), SOON).toBe('9 présents');
    await check(phone, 'participant, waiting');
    await check(projection, 'projection, attendance');
    await check(facilitator, 'facilitator, attendance tab');

    await facilitator.getByRole('tab', { name: 'Déroulé' }).click();
    await facilitator.getByText('Le déroulé est vide.', { exact: false }).waitFor();
    await check(facilitator, 'facilitator, agenda tab, empty');
    await facilitator.getByRole('button', { name: 'Nouveau sondage' }).click();
    await facilitator.getByLabel('Question').fill(QUESTION);
    await facilitator.getByRole('button', { name: 'Ajouter au déroulé' }).click();
    await facilitator.locator('li[data-item]').waitFor();
    await facilitator.getByRole('button', { name: 'Nouveau nuage de mots' }).click();
    await facilitator.getByLabel('Consigne').fill(PROMPT);
    await check(facilitator, 'facilitator, agenda tab, word cloud editor');
    await facilitator.getByRole('button', { name: 'Ajouter au déroulé' }).click();
    await expect.poll(() => facilitator.locator('li[data-item]').count()).toBe(2);
    await facilitator.getByRole('button', { name: 'Nouveau sondage' }).click();
    await facilitator.getByRole('radio', { name: 'Plusieurs choix' }).check();
    await check(facilitator, 'facilitator, agenda tab, poll editor');
    await facilitator.getByRole('button', { name: 'Annuler' }).click();

    // The poll, open on every screen.
    const pollItem = facilitator.locator('li[data-item]', { hasText: QUESTION });
    const pollId = (await pollItem.getAttribute('data-item'))!;
    await pollItem.getByRole('button', { name: 'Ouvrir' }).click();
    await phone.getByRole('radio', { name: 'Oui' }).waitFor(SOON);
    await check(phone, 'participant, open poll');
    await phone.getByRole('radio', { name: 'Oui' }).check();
    await phone.getByRole('button', { name: 'Voter' }).click();
    await phone.getByText('Vote enregistré ✓').waitFor(SOON);
    const choices = [0, 0, 1, 0, 1, 1, 0, 1];
    await Promise.all(others.map((other, i) => ok(other.socket, 'poll:vote', { itemId: pollId, ballotId: clientId(), choices: [choices[i]!] })));
    await expect.poll(() => text(projection.getByTestId('poll-turnout')), SOON).toBe('9 votes sur 9 présents');
    await phone.locator('[data-poll] .bars, [data-poll] li[data-choice]').first().waitFor(SOON);
    await check(phone, 'participant, vote recorded with live results');
    await check(projection, 'projection, poll, whole room');
    await check(facilitator, 'facilitator, agenda tab, poll on stage');
    await facilitator.getByTestId('on-stage').getByRole('button', { name: 'Par regard' }).click();
    await projection.locator('[data-poll] tr[data-group]').first().waitFor(SOON);
    await check(projection, 'projection, poll, by standpoint');
    await check(facilitator, 'facilitator, agenda tab, poll by standpoint');
    await facilitator.getByTestId('on-stage').getByRole('button', { name: 'Fermer' }).click();
    await phone.getByText('Le vote est terminé.').waitFor(SOON);
    await check(phone, 'participant, poll closed');

    // The word cloud.
    await facilitator.locator('li[data-item]', { hasText: PROMPT }).getByRole('button', { name: 'Ouvrir' }).click();
    const field = phone.locator('[data-cloud]').getByLabel('Votre mot');
    await field.waitFor(SOON);
    await check(phone, 'participant, word cloud');
    await field.fill('Motivée');
    await phone.locator('[data-cloud]').getByRole('button', { name: 'Envoyer' }).click();
    await phone.getByText(/Mot envoyé/).waitFor(SOON);
    const cloudId = (await facilitator.locator('li[data-item]', { hasText: PROMPT }).getAttribute('data-item'))!;
    const words = ['motivée', 'Curieuse', 'curieux', 'Confiante', 'rassurée', 'engagé', 'Informé', 'curieuses'];
    await Promise.all(others.map((other, i) => ok(other.socket, 'word-cloud:add', { itemId: cloudId, entryId: clientId(), text: words[i]! })));
    await expect.poll(() => projection.locator('[data-cloud] svg text[data-word]').count(), SOON).toBeGreaterThan(3);
    await check(phone, 'participant, word sent');
    await check(projection, 'projection, word cloud, whole room');
    await check(facilitator, 'facilitator, agenda tab, word cloud on stage');
    await facilitator.getByTestId('on-stage').getByRole('button', { name: 'Par regard' }).click();
    await projection.locator('[data-cloud] section[data-group]').first().waitFor(SOON);
    await check(projection, 'projection, word cloud, by standpoint');
    await facilitator.getByTestId('on-stage').getByRole('button', { name: 'Fermer' }).click();
    await phone.getByText('Le nuage de mots est terminé.').waitFor(SOON);

    // The speaking queue: two hands, then the phone's, which gets the floor with a timer.
    for (const other of others.slice(4, 6)) await ok(other.socket, 'queue:raise', {});
    await phone.getByRole('button', { name: 'Demander la parole' }).click();
    await expect.poll(() => text(phone.getByTestId('my-hand')), SOON).toContain('Votre main : n°3');
    await check(phone, 'participant, hand raised');
    await facilitator.getByRole('tab', { name: 'Tours de parole' }).click();
    await expect.poll(() => facilitator.getByTestId('console-waiting').locator('li').count(), SOON).toBe(3);
    await check(facilitator, 'facilitator, speaking tab, hands waiting');
    await expect.poll(() => text(projection.getByTestId('projection-queue')), SOON).toContain('main n°3');
    await check(projection, 'projection, speaking queue, hands');
    await facilitator.getByRole('button', { name: 'Donner la parole à la main n°3' }).click();
    await facilitator.getByRole('button', { name: 'Lancer un minuteur de 2 minutes' }).click();
    await phone.getByTestId('your-turn').waitFor(SOON);
    await phone.getByTestId('your-turn').getByRole('timer').waitFor(SOON);
    await check(phone, 'participant, c’est à vous');
    await projection.getByTestId('projection-queue').getByRole('timer').waitFor(SOON);
    await check(projection, 'projection, speaking queue, speaker and timer');
    await check(facilitator, 'facilitator, speaking tab, speaker and timer');

    // The end of the workshop.
    await facilitator.getByRole('button', { name: 'Clore l’atelier' }).click();
    await facilitator.getByRole('button', { name: 'Oui, clore l’atelier' }).click();
    await phone.getByText('L’atelier est terminé. Merci !').waitFor(SOON);
    await projection.getByRole('heading', { name: 'Atelier terminé — merci !' }).waitFor(SOON);
    await check(phone, 'participant, workshop over');
    await check(projection, 'projection, workshop over');
    await check(facilitator, 'facilitator, workshop closed');

    await Promise.all([phone, facilitator, projection].map((page) => page.context().close()));
  }, 110_000);

  it('has no violation on the record pages: signed out, group timeline, entry, and their printable pages', async () => {
    const run = await runWorkshop(server);
    await ok(run.facilitator, 'workshop:close', {});
    await waitForVersions(server, run.workshop.id, 1);
    const page = await (await laptopContext(browser)).newPage();
    const recordUrl = `${server.url}/organiser/groupes/${run.group.id}/registre`;

    await page.goto(recordUrl);
    await page.getByRole('button', { name: 'Entrer' }).waitFor();
    await check(page, 'record, signed out');
    await page.getByLabel('Jeton').fill(ORGANISER_TOKEN);
    await page.getByRole('button', { name: 'Entrer' }).click();
    await page.locator(`li[data-workshop="${run.workshop.id}"]`).waitFor(SOON);
    await page.getByTestId('participation-table').waitFor(SOON);
    await check(page, 'record, group timeline');
    await page.goto(`${recordUrl}/${run.workshop.id}`);
    await page.locator('[data-cloud] svg text[data-word]').first().waitFor(SOON);
    await check(page, 'record, entry');
    await page.goto(`${recordUrl}/${run.workshop.id}/imprimer`);
    await page.locator('.print-page[data-ready]').waitFor(SOON);
    await check(page, 'record, entry print page');
    await page.goto(`${recordUrl}/imprimer`);
    await page.locator('.print-page[data-ready]').waitFor(SOON);
    await check(page, 'record, group print page');
    await page.context().close();
  }, 60_000);
});
