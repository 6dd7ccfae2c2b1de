import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { playAgora } from '../../scripts/demo/play-scenario';
import { AGORA, CONTRIBUTIONS, GROUPS, PEOPLE, TURNS, WEBINAR, type GroupKey } from '../../scripts/demo/webinar-scenario';
import { launchBrowser, laptopContext, projectionContext } from '../helpers/browser';
import { ORGANISER_TOKEN, startTestServer, type TestServer } from '../helpers/server';
import { playBoardInBrowsers } from './webinar-board';
import { checkRecord } from './webinar-record';
import { CLIENT_DIR, inBatches, joinOnPhone, requireClientBuild, scrollTo, shoot, SOON, text } from './webinar-room';

const STEP_TIMEOUT = 150_000;
const yes = PEOPLE.filter((p) => p.answer === 'yes').length;

/**
 * The webinar of the CLTS of Ardèche (28 November 2023), replayed in real browsers: an organiser, a
 * facilitator's laptop, the projection, and fifteen phones from different standpoints.
 */
describe('the CLTS Ardèche webinar, from the organiser space to the working group’s record', () => {
  let server: TestServer;
  let browser: Browser;
  let organiser: Page;
  let facilitator: Page;
  let projection: Page;
  let phones: Page[] = [];
  const groupIds = {} as Record<GroupKey, string>;
  let links: { join: string; facilitator: string; projection: string };
  let joinCode: string;
  const phoneOf = (pseudonym: string) => phones[PEOPLE.findIndex((p) => p.pseudonym === pseudonym)]!;

  beforeAll(async () => {
    requireClientBuild();
    server = await startTestServer({ clientDir: CLIENT_DIR });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lets the organiser create the committee’s three working groups and the webinar in « Développement du Pouvoir d’Agir »', async () => {
    organiser = await (await laptopContext(browser)).newPage();
    await organiser.goto(`${server.url}/organiser#${ORGANISER_TOKEN}`);
    for (const key of Object.keys(GROUPS) as GroupKey[]) {
      await organiser.getByLabel('Nom', { exact: true }).fill(GROUPS[key].name);
      await organiser.getByLabel('Objet (facultatif)').fill(GROUPS[key].purpose);
      await organiser.getByRole('button', { name: 'Créer le groupe' }).click();
      await organiser.getByRole('heading', { level: 1, name: GROUPS[key].name }).waitFor(SOON);
      groupIds[key] = decodeURIComponent(new URL(organiser.url()).pathname.split('/').pop()!);
      await organiser.getByRole('link', { name: 'Tous les groupes' }).click();
    }
    const listed = organiser.getByRole('region', { name: 'Groupes de travail' }).getByRole('link');
    await expect.poll(() => listed.allInnerTexts(), SOON).toEqual(Object.values(GROUPS).map((g) => g.name));
    await shoot(organiser, 1, 'groups', 'organiser', true);

    // The Agora n°1 of October took place before, in the same group (played through the API).
    const group = (await server.organiser.getGroup(groupIds[WEBINAR.group])).group;
    await playAgora({ url: server.url, client: server.client, organiser: server.organiser }, group);

    await organiser.getByRole('link', { name: GROUPS[WEBINAR.group].name }).click();
    await organiser.getByLabel('Titre', { exact: true }).fill(WEBINAR.title);
    await organiser.getByLabel('Date', { exact: true }).fill(WEBINAR.date);
    await organiser.getByRole('button', { name: 'Créer l’atelier' }).click();
    const card = organiser.locator('[data-workshop]', { has: organiser.getByRole('heading', { name: WEBINAR.title }) });
    await card.waitFor(SOON);
    expect(await text(card)).toContain('28 novembre 2023');
    const [join, facilitatorLink, projectionLink] = await card.locator('input[readonly]').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
    links = { join: join!, facilitator: facilitatorLink!, projection: projectionLink! };
    joinCode = links.join.split('/').pop()!;
    expect(await text(card)).toContain(joinCode);
    expect(await organiser.locator('[data-workshop]').count()).toBe(2);
    await shoot(organiser, 1, 'workshop', 'organiser', true);
  }, STEP_TIMEOUT);

  it('opens the workshop in the console, prepares the closing poll and word cloud, and counts fifteen phones by standpoint', async () => {
    facilitator = await (await laptopContext(browser)).newPage();
    await facilitator.goto(links.facilitator);
    await facilitator.getByRole('heading', { level: 1, name: WEBINAR.title }).waitFor(SOON);
    await facilitator.getByRole('button', { name: 'Ouvrir l’atelier' }).click();
    await expect.poll(() => text(facilitator.getByTestId('workshop-state')), SOON).toBe('État : En cours');
    await facilitator.getByRole('tab', { name: 'Déroulé' }).click();
    await facilitator.getByRole('button', { name: 'Nouveau sondage' }).click();
    await facilitator.getByLabel('Question').fill(WEBINAR.poll);
    await facilitator.getByRole('button', { name: 'Ajouter au déroulé' }).click();
    await facilitator.locator('li[data-item]', { hasText: WEBINAR.poll }).waitFor(SOON);
    await facilitator.getByRole('button', { name: 'Nouveau nuage de mots' }).click();
    await facilitator.getByLabel('Consigne').fill(WEBINAR.cloud);
    await facilitator.getByRole('button', { name: 'Ajouter au déroulé' }).click();
    await facilitator.locator('li[data-item]', { hasText: WEBINAR.cloud }).waitFor(SOON);
    await shoot(facilitator, 2, 'agenda', 'facilitator', true);

    projection = await (await projectionContext(browser)).newPage();
    await projection.goto(links.projection);
    await expect.poll(() => text(projection.getByTestId('present-count')), SOON).toBe('0 présent');
    expect(await projection.locator('main').innerText()).toContain(joinCode);

    phones = await inBatches(PEOPLE, 5, (person, index) =>
      joinOnPhone(browser, server.url, joinCode, person, index === 0 ? (phone) => shoot(phone, 2, 'join', 'participant', true) : undefined),
    );
    await expect.poll(() => text(projection.getByTestId('present-count')), SOON).toBe(`${PEOPLE.length} présents`);
    expect(await text(projection.locator('[data-standpoint="concerned"]'))).toMatch(/Personne concernée \/ accompagnée\s+4/);
    await expect.poll(() => text(phones[0]!.getByTestId('present-count')), SOON).toBe(`${PEOPLE.length} personnes sont là.`);
    expect(await text(phones[0]!.locator('main'))).toContain('Votre prénom : Nadia.');

    await facilitator.getByRole('tab', { name: 'Présence' }).click();
    await expect.poll(() => text(facilitator.getByText(/^\d+ présents dont/)), SOON).toMatch(/^15 présents dont 4 personnes concernées \/ accompagnées, /);
    const rows = Object.fromEntries(
      await facilitator.locator('tbody tr[data-standpoint]').evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-standpoint'), [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim())])),
    );
    expect(rows.concerned).toEqual(['4', '4']);
    expect(rows.professional).toEqual(['4', '4']);
    expect(rows.student).toEqual(['3', '3']);
    expect(await facilitator.locator('tfoot td').allInnerTexts()).toEqual(['15', '15']);
    await shoot(phones[0]!, 2, 'attendance', 'participant');
    await shoot(facilitator, 2, 'attendance', 'facilitator', true);
    await shoot(projection, 2, 'attendance', 'projection');
  }, STEP_TIMEOUT);

  it('gives the floor to anonymous hands in turn with the timer, and shows a written question on the screen', async () => {
    await facilitator.getByRole('tab', { name: 'Tours de parole' }).click();
    for (const turn of TURNS) {
      const hand = phoneOf(turn.by).getByRole('region', { name: 'Prendre la parole' });
      const kind = { question: 'Question', testimony: 'Témoignage', reaction: 'Réaction' }[turn.kind];
      await hand.getByRole('button', { name: kind, exact: true }).click();
      await hand.getByRole('button', { name: 'Demander la parole' }).click();
      await expect.poll(() => text(phoneOf(turn.by).getByTestId('my-hand')), SOON).toContain('Votre main : n°');
    }
    const waiting = facilitator.getByTestId('console-waiting');
    await expect.poll(() => waiting.locator('li').count(), SOON).toBe(TURNS.length);
    // Tickets only: no first name, no standpoint, in the console or on the screen.
    const consoleQueue = await text(waiting);
    for (const turn of TURNS) expect(consoleQueue).not.toContain(turn.by);
    expect(consoleQueue).not.toMatch(/concernée|Professionnel|Étudiant|Élu/);
    const projected = projection.getByTestId('projection-queue');
    await expect.poll(() => text(projected), SOON).toContain(`${TURNS.length} mains levées`);
    await scrollTo(phoneOf(TURNS[1]!.by).getByRole('region', { name: 'Prendre la parole' }));
    await shoot(phoneOf(TURNS[1]!.by), 3, 'hands', 'participant');
    await shoot(facilitator, 3, 'hands', 'facilitator', true);
    await shoot(projection, 3, 'hands', 'projection');

    const first = phoneOf(TURNS[0]!.by);
    await facilitator.getByRole('button', { name: 'Donner la parole au suivant' }).click();
    await expect.poll(() => text(facilitator.getByTestId('console-speaker')), SOON).toContain('Main n°1 · témoignage');
    await facilitator.getByRole('button', { name: 'Lancer un minuteur de 2 minutes' }).click();
    const called = first.getByTestId('your-turn');
    await called.waitFor(SOON);
    expect(await text(called)).toContain('C’est à vous !');
    await expect.poll(() => text(called.getByRole('timer')), SOON).toMatch(/^(2:00|1:5\d)$/);
    await expect.poll(() => text(projected), SOON).toContain('La parole est à la main n°1');
    await shoot(first, 3, 'turn', 'participant');
    await shoot(projection, 3, 'turn', 'projection');
    for (const [index] of TURNS.slice(1).entries()) {
      await facilitator.getByRole('button', { name: 'Donner la parole au suivant' }).click();
      await expect.poll(() => text(facilitator.getByTestId('console-speaker')), SOON).toContain(`Main n°${index + 2}`);
    }
    await facilitator.getByRole('button', { name: 'Finir le tour' }).click();
    await expect.poll(() => text(facilitator.getByTestId('speaking-chart')), SOON).toContain(`${TURNS.length} tours`);

    // Rose prefers writing; others say « moi aussi » from their phones.
    const question = CONTRIBUTIONS[0]!;
    const writer = phoneOf(question.by);
    const writing = writer.getByRole('region', { name: 'Écrire plutôt que parler' });
    await writing.getByLabel('Votre message').fill(question.text);
    await writing.getByRole('button', { name: 'Question', exact: true }).click();
    await writing.getByRole('button', { name: 'Envoyer le message' }).click();
    await writer.getByText('Merci ! Votre message est envoyé.').waitFor(SOON);
    for (const supporter of question.supportedBy) {
      const item = phoneOf(supporter).locator('li[data-contribution]', { hasText: question.text.replace(' ?', '') });
      await item.getByRole('button', { name: /Moi aussi/ }).click();
      await expect.poll(() => text(item), SOON).toContain('Vous êtes d’accord');
    }
    const staffItem = facilitator.locator('li[data-contribution]', { hasText: question.text.replace(' ?', '') });
    await expect.poll(() => text(staffItem.getByTestId('supports')), SOON).toBe(`${question.supportedBy.length} soutiens`);
    await staffItem.getByRole('button', { name: 'Montrer sur l’écran' }).click();
    await expect.poll(() => text(projected), SOON).toContain(question.text.replace(' ?', ''));
    await staffItem.getByRole('button', { name: 'Répondu' }).click();
    const reader = phoneOf(question.supportedBy[0]!);
    await scrollTo(reader.locator('li[data-contribution]', { hasText: question.text.replace(' ?', '') }));
    await shoot(reader, 3, 'contribution', 'participant');
    await shoot(facilitator, 3, 'contribution', 'facilitator', true);
    await shoot(projection, 3, 'contribution', 'projection');
    await staffItem.getByRole('button', { name: 'Retirer de l’écran' }).click();
  }, STEP_TIMEOUT);

  it('fills the board with the committee’s proposals and dot votes, and co-writes two proposals born from cards', async () => {
    await playBoardInBrowsers({ facilitator, projection, phoneOf, phones });
  }, STEP_TIMEOUT);

  it('runs the closing yes/no poll, seen whole and side by side by standpoint on the projection', async () => {
    await facilitator.getByRole('tab', { name: 'Déroulé' }).click();
    await facilitator.locator('li[data-item]', { hasText: WEBINAR.poll }).getByRole('button', { name: 'Ouvrir' }).click();
    await inBatches(phones, 5, async (phone, index) => {
      const answer = PEOPLE[index]!.answer === 'yes' ? 'Oui' : 'Non';
      await phone.getByRole('radio', { name: answer, exact: true }).check();
      await phone.getByRole('button', { name: 'Voter' }).click();
      await expect.poll(() => text(phone.locator('[data-poll] [role="status"]')), SOON).toContain(`Votre vote : ${answer}.`);
    });
    const turnout = projection.getByTestId('poll-turnout');
    await expect.poll(() => text(turnout), SOON).toBe(`${PEOPLE.length} votes sur ${PEOPLE.length} présents`);
    expect(await text(projection.locator('[data-poll] li[data-choice="0"]'))).toBe(`Oui ${Math.round((100 * yes) / PEOPLE.length)} % ${yes} votes`);
    await scrollTo(phones[0]!.locator('[data-poll]'));
    await shoot(phones[0]!, 5, 'poll', 'participant');
    await shoot(projection, 5, 'poll', 'projection');
    const onStage = facilitator.getByTestId('on-stage');
    await onStage.getByRole('button', { name: 'Par regard' }).click();
    const panels = projection.locator('[data-poll] tr[data-group]');
    await expect.poll(() => panels.evaluateAll((groups) => groups.map((g) => g.getAttribute('data-group'))), SOON).toEqual(['concerned', 'professional', 'student', '_others']);
    expect(await text(panels.nth(0))).toBe('Personne concernée / accompagnée 4 votes 75 % 25 %');
    await shoot(projection, 5, 'poll-by-standpoint', 'projection');
    await shoot(facilitator, 5, 'poll', 'facilitator', true);
    await onStage.getByRole('button', { name: 'Fermer' }).click();
    await phones[0]!.getByText('Le vote est terminé.').waitFor(SOON);
  }, STEP_TIMEOUT);

  it('runs the closing word cloud, where spellings of one word count together', async () => {
    await facilitator.locator('li[data-item]', { hasText: WEBINAR.cloud }).getByRole('button', { name: 'Ouvrir' }).click();
    await inBatches(phones, 5, async (phone, index) => {
      const cloud = phone.locator('[data-cloud]');
      for (const word of PEOPLE[index]!.words) {
        await cloud.getByLabel('Votre mot').fill(word);
        await cloud.getByRole('button', { name: 'Envoyer' }).click();
        await expect.poll(() => text(phone.getByRole('status').filter({ hasText: 'Mot envoyé' })), SOON).toBe(`Mot envoyé ✓ : ${word}`);
      }
    });
    const words = () =>
      projection
        .locator('[data-cloud] svg text[data-word]')
        .evaluateAll((all) => Object.fromEntries(all.map((w) => [w.getAttribute('data-word') ?? '', Number(w.getAttribute('data-count'))])) as Record<string, number>);
    const total = PEOPLE.reduce((sum, p) => sum + p.words.length, 0);
    await expect.poll(async () => Object.values(await words()).reduce((sum, n) => sum + n, 0), SOON).toBe(total);
    expect(await words()).toMatchObject({ enthousiaste: 3, curieux: 3, 'pouvoir d’agir': 3, motivé: 4, optimiste: 2, inspirée: 2 });
    await scrollTo(phones[4]!.locator('[data-cloud]'));
    await shoot(phones[4]!, 6, 'word-cloud', 'participant');
    await shoot(projection, 6, 'word-cloud', 'projection');
    await shoot(facilitator, 6, 'word-cloud', 'facilitator', true);
    await facilitator.getByTestId('on-stage').getByRole('button', { name: 'Fermer' }).click();
  }, STEP_TIMEOUT);

  it('closes the workshop: every screen says it is over, and the report is pushed to the group’s record by itself', async () => {
    await facilitator.getByRole('button', { name: 'Clore l’atelier' }).click();
    await facilitator.getByRole('button', { name: 'Oui, clore l’atelier' }).click();
    await expect.poll(() => text(facilitator.getByTestId('workshop-state')), SOON).toBe('État : Terminé');
    await projection.getByRole('heading', { name: 'Atelier terminé — merci !' }).waitFor(SOON);
    await inBatches(phones, 5, (phone) => phone.getByText('L’atelier est terminé. Merci !').waitFor(SOON));
    const workshopId = new URL(links.facilitator).pathname.split('/').pop()!;
    await expect.poll(async () => (await server.organiser.recordVersions(workshopId)).map((v) => v.pushedBy), SOON).toEqual(['workshop_closed']);
    await shoot(phones[0]!, 7, 'closed', 'participant');
    await shoot(facilitator, 7, 'closed', 'facilitator', true);
    await shoot(projection, 7, 'closed', 'projection');
    await Promise.all(phones.map((phone) => phone.context().close()));
  }, STEP_TIMEOUT);

  it('shows the report in the group’s record beside the Agora, and exports it as Markdown, CSV, JSON and DOCX with what the room did', async () => {
    const workshopId = new URL(links.facilitator).pathname.split('/').pop()!;
    await checkRecord(organiser, server, { groupId: groupIds[WEBINAR.group], workshopId, joinCode, agoraPresent: AGORA.standpoints.length });
  }, STEP_TIMEOUT);
});
