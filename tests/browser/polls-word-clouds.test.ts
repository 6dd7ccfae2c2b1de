import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOUD_BACKGROUND, CLOUD_PALETTE, contrastRatio } from '../../client/src/features/word-clouds/palette';
import { request } from '../../shared/client/croisee-client';
import { CLIENT_DIR, closeServedClient, laptopContext, phoneContext, projectionContext, SCREENSHOTS, startServedClient } from '../helpers/browser';
import { createWorkshop, joinAndConnect, type TestServer } from '../helpers/server';
import { fitsWidth, text, violationsIn } from './accessibility-helpers';

const QUESTION = 'Est-ce que ce webinaire vous a permis de mieux comprendre ce qu’est un Comité local du travail social ?';
const PROMPT = 'Quel mot représente le mieux votre état d’esprit en quittant ce webinaire ?';
const CONCERNED = 'Personne concernée / accompagnée';
const PROFESSIONAL = 'Professionnel·le du social ou médico-social';
/** Phones get result frames at most every second or two (the server coalesces them); the projection 10 a second. */
const SOON = { timeout: 5_000 };

function shoot(page: Page, name: string, fullPage = false): Promise<Buffer> {
  return page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage, animations: 'disabled' });
}

/** The words the projection's cloud draws, with their counts. */
function cloudWords(projection: Page): Promise<Array<[string, number]>> {
  return projection
    .locator('[data-cloud] svg text[data-word]')
    .evaluateAll((words) => words.map((word) => [word.getAttribute('data-word') ?? '', Number(word.getAttribute('data-count'))] as [string, number]));
}

/** A phone that joins the workshop by its code, saying its standpoint. */
async function joinedPhone(browser: Browser, server: TestServer, joinCode: string, standpoint: string): Promise<Page> {
  const phone = await (await phoneContext(browser)).newPage();
  await phone.goto(`${server.url}/j/${joinCode}`);
  await phone.getByRole('radio', { name: standpoint }).check();
  await phone.getByRole('button', { name: 'Entrer' }).click();
  await phone.getByRole('heading', { name: /^Vous êtes dans l’atelier/ }).waitFor();
  return phone;
}

describe('polls and word clouds in a browser', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    ({ server, browser } = await startServedClient());
  });

  afterAll(() => closeServedClient({ server, browser }));

  it('keeps the validation library out of what a phone downloads first: the limits and codes it needs come without it', () => {
    const index = fs.readFileSync(path.join(CLIENT_DIR, 'index.html'), 'utf8');
    const first = [...index.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="\/(assets\/[^"]+\.js)"/g)].map((match) => match[1]!);
    expect(first.length).toBeGreaterThanOrEqual(1);
    for (const file of first) expect(fs.readFileSync(path.join(CLIENT_DIR, file), 'utf8'), file).not.toContain('ZodError');
  });

  it('keeps every cloud colour readable on white', () => {
    for (const colour of CLOUD_PALETTE) expect(contrastRatio(colour, CLOUD_BACKGROUND), colour).toBeGreaterThanOrEqual(4.5);
  });

  it('runs the webinar’s yes/no poll and word cloud from the console to a phone and the projection, whole and by standpoint', async () => {
    const workshop = await createWorkshop(server, 'Webinaire : le Comité local du travail social');

    const facilitator = await (await laptopContext(browser)).newPage();
    await facilitator.goto(workshop.links.facilitator);
    await facilitator.getByRole('button', { name: 'Ouvrir l’atelier' }).click();
    await facilitator.getByRole('tab', { name: 'Déroulé' }).click();

    // The facilitator prepares both activities of the webinar's end.
    await facilitator.getByRole('button', { name: 'Nouveau sondage' }).click();
    await facilitator.getByLabel('Question').fill(QUESTION);
    await facilitator.getByRole('button', { name: 'Ajouter au déroulé' }).click();
    const pollItem = facilitator.locator('li[data-item]', { hasText: QUESTION });
    await pollItem.waitFor();
    expect(await text(pollItem)).toContain('Oui / Non · résultats en direct');
    await facilitator.getByRole('button', { name: 'Nouveau nuage de mots' }).click();
    await facilitator.getByLabel('Consigne').fill(PROMPT);
    await facilitator.getByRole('button', { name: 'Ajouter au déroulé' }).click();
    const cloudItem = facilitator.locator('li[data-item]', { hasText: PROMPT });
    await cloudItem.waitFor();
    expect(await text(cloudItem)).toContain('3 mots par personne');

    const projection = await (await projectionContext(browser)).newPage();
    await projection.goto(workshop.links.projection);
    const phone = await joinedPhone(browser, server, workshop.joinCode, CONCERNED);
    await expect.poll(() => text(projection.getByTestId('present-count')), SOON).toBe('1 présent');

    await pollItem.getByRole('button', { name: 'Ouvrir' }).click();
    const onStage = facilitator.getByTestId('on-stage');
    await expect.poll(() => text(onStage), SOON).toContain(QUESTION);

    // The phone: the new poll announced to screen readers, one question, big answers, a confirmation read out in a live region.
    await expect.poll(() => phone.locator('p[aria-live="polite"]').allInnerTexts(), SOON).toContain('Un nouveau sondage commence. Répondez à la question.');
    const yes = phone.getByRole('radio', { name: 'Oui' });
    await yes.waitFor();
    expect(await phone.getByRole('group', { name: QUESTION }).isVisible()).toBe(true);
    const box = await phone.locator('label', { has: yes }).boundingBox();
    expect(box?.height).toBeGreaterThanOrEqual(44);
    await yes.check();
    await phone.getByRole('button', { name: 'Voter' }).click();
    const confirmation = phone.locator('[role="status"][aria-live="polite"]', { hasText: 'Vote enregistré ✓' });
    await expect.poll(() => text(confirmation), SOON).toContain('Vote enregistré ✓ Votre vote : Oui.');
    // Nothing to send until another answer is chosen.
    expect(await phone.getByRole('button', { name: 'Changer mon vote' }).count()).toBe(0);

    const turnout = projection.getByTestId('poll-turnout');
    await expect.poll(() => text(turnout), SOON).toBe('1 vote sur 1 présent');
    const noBar = projection.locator('[data-poll] li[data-choice="1"]');
    // The vote changes with the keyboard alone, and back: still one ballot.
    await yes.focus();
    await phone.keyboard.press('ArrowDown');
    expect(await phone.getByRole('radio', { name: 'Non' }).isChecked()).toBe(true);
    await phone.keyboard.press('Tab');
    expect(await phone.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Changer mon vote');
    await phone.keyboard.press('Enter');
    await expect.poll(() => text(confirmation), SOON).toContain('Votre vote : Non.');
    await expect.poll(() => text(noBar), SOON).toBe('Non 100 % 1 vote');
    await yes.check();
    await phone.getByRole('button', { name: 'Changer mon vote' }).click();
    await expect.poll(() => text(confirmation), SOON).toContain('Votre vote : Oui.');
    await expect.poll(() => text(noBar), SOON).toBe('Non 0 % 0 vote');
    expect(await text(turnout)).toBe('1 vote sur 1 présent');
    const yesBar = projection.locator('[data-poll] li[data-choice="0"]');
    expect(await text(yesBar)).toBe('Oui 100 % 1 vote');
    expect(await yesBar.locator('.fill').evaluate((fill) => (fill as HTMLElement).style.width)).toBe('100%');
    await expect.poll(() => text(phone.locator('[data-poll] li[data-choice="0"]')), { timeout: 8_000 }).toContain('100 %');
    await shoot(phone, 'polls-participant', true);
    expect(await violationsIn(phone, '[data-poll]')).toEqual([]);
    await phone.setViewportSize({ width: 320, height: 740 });
    expect(await fitsWidth(phone)).toBe(true);

    // More of the room votes, from three standpoints.
    const room: Array<[string, number]> = [
      ['concerned', 0], ['concerned', 0], ['concerned', 1],
      ['professional', 0], ['professional', 1], ['professional', 1],
      ['student', 0], ['student', 0], ['elected', 1],
    ];
    const others = await Promise.all(room.map(([standpoint]) => joinAndConnect(server, workshop.joinCode, standpoint)));
    const pollId = (await pollItem.getAttribute('data-item'))!;
    for (const [index, other] of others.entries()) {
      const ack = await request(other.socket, 'poll:vote', { itemId: pollId, ballotId: `ballot-${index}-0000`, choices: [room[index]![1]] });
      expect(ack.ok).toBe(true);
    }
    await expect.poll(() => text(turnout), SOON).toBe('10 votes sur 10 présents');
    expect(await text(yesBar)).toBe('Oui 60 % 6 votes');
    await shoot(projection, 'polls-projection');

    // The side by side by standpoint, asked from the console; groups under 3 people are merged.
    await onStage.getByRole('button', { name: 'Par regard' }).click();
    const panels = projection.locator('[data-poll] tr[data-group]');
    await expect.poll(() => panels.evaluateAll((groups) => groups.map((g) => g.getAttribute('data-group'))), SOON).toEqual(['concerned', 'professional', '_others']);
    expect(await text(panels.nth(0))).toBe(`${CONCERNED} 4 votes 75 % 25 %`);
    expect(await text(panels.nth(2))).toBe('Autres regards 3 votes 67 % 33 %');
    await shoot(projection, 'polls-projection-by-standpoint');
    expect(await violationsIn(projection, '[data-poll]')).toEqual([]);
    const table = onStage.getByRole('table', { name: 'Résultats par regard, côte à côte' });
    expect(await text(table.locator('td[data-group="professional"][data-choice="1"]'))).toBe('67 % (2)');
    await shoot(facilitator, 'polls-facilitator', true);
    expect(await violationsIn(facilitator, '[role="tabpanel"]')).toEqual([]);

    // The poll closes; the word cloud opens.
    await onStage.getByRole('button', { name: 'Fermer' }).click();
    await phone.getByText('Le vote est terminé.').waitFor();
    await cloudItem.getByRole('button', { name: 'Ouvrir' }).click();

    const field = phone.locator('[data-cloud]').getByLabel('Votre mot');
    await field.waitFor();
    expect(await text(phone.locator('[data-cloud]'))).toContain('Vous pouvez envoyer 3 mots.');
    await field.fill('Motivée');
    expect(await text(phone.locator('[data-cloud] .counter'))).toBe('7 sur 40');
    await phone.locator('[data-cloud]').getByRole('button', { name: 'Envoyer' }).click();
    await expect.poll(() => text(phone.getByRole('status').filter({ hasText: 'Mot envoyé' })), SOON).toBe('Mot envoyé ✓ : Motivée');
    expect(await text(phone.getByRole('list').filter({ hasText: 'Motivée' }).first())).toContain('Motivée');
    expect(await text(phone.locator('[data-cloud]'))).toContain('Il vous reste 2 mots à envoyer.');
    await expect.poll(() => cloudWords(projection), SOON).toEqual([['Motivée', 1]]);

    const second = await joinedPhone(browser, server, workshop.joinCode, PROFESSIONAL);
    await second.locator('[data-cloud]').getByLabel('Votre mot').fill('motivés');
    await second.locator('[data-cloud]').getByRole('button', { name: 'Envoyer' }).click();
    await expect.poll(() => cloudWords(projection), SOON).toSatisfy((words: Array<[string, number]>) => words.length === 1 && words[0]![1] === 2);
    expect(['Motivée', 'motivés']).toContain((await cloudWords(projection))[0]![0]);
    await shoot(second, 'word-cloud-participant', true);
    expect(await violationsIn(second, '[data-cloud]')).toEqual([]);
    expect(await fitsWidth(phone)).toBe(true);

    // The rest of the room answers; the word cloud keeps each word where it was while counts change.
    const cloudId = (await cloudItem.getAttribute('data-item'))!;
    const words = ['Confiante', 'curieux', 'motivée', 'Informé', 'pouvoir d’agir', 'curieuse', 'rassurée', 'engagé'];
    const wordOf = (index: number) => words[index % words.length]!;
    for (const [index, other] of others.entries()) {
      expect((await request(other.socket, 'word-cloud:add', { itemId: cloudId, entryId: `entry-${index}-000`, text: wordOf(index) })).ok).toBe(true);
    }
    await expect.poll(async () => (await cloudWords(projection)).reduce((sum, [, count]) => sum + count, 0), SOON).toBe(11);
    const placed = () =>
      projection.locator('[data-cloud] svg text[data-word]').evaluateAll((all) =>
        Object.fromEntries(all.map((word) => [word.getAttribute('data-word'), (word as SVGElement).style.transform.match(/-?[\d.]+/g)!.map(Number)])),
      );
    const before = await placed();
    const extra = await joinAndConnect(server, workshop.joinCode, 'volunteer');
    expect((await request(extra.socket, 'word-cloud:add', { itemId: cloudId, entryId: 'entry-extra-000', text: 'Curieuse' })).ok).toBe(true);
    await expect.poll(async () => (await cloudWords(projection)).reduce((sum, [, count]) => sum + count, 0), SOON).toBe(12);
    const after = await placed();
    const moves = Object.keys(before).map((word) => Math.hypot(after[word]![0]! - before[word]![0]!, after[word]![1]! - before[word]![1]!));
    expect(Math.max(...moves), JSON.stringify({ before, after })).toBeLessThan(80);
    expect(moves.filter((move) => move === 0).length, JSON.stringify({ before, after })).toBeGreaterThanOrEqual(moves.length - 2);
    await shoot(projection, 'word-cloud-projection');

    // An insult stays off the projection, listed for the facilitator only; a word is hidden, then restored.
    expect((await request(extra.socket, 'word-cloud:add', { itemId: cloudId, entryId: 'entry-extra-001', text: 'Connard' })).ok).toBe(true);
    const blocked = onStage.locator('table[data-list="blocked"]');
    await expect.poll(() => text(blocked), SOON).toContain('Connard 1');
    await onStage.getByRole('button', { name: 'Masquer « rassurée »' }).click();
    await expect.poll(async () => (await cloudWords(projection)).map(([word]) => word), SOON).not.toContain('rassurée');
    expect(await text(onStage.locator('table[data-list="hidden"]'))).toContain('rassurée 1');
    expect(JSON.stringify(await cloudWords(projection))).not.toMatch(/connard/i);
    await shoot(facilitator, 'word-cloud-facilitator', true);
    expect(await violationsIn(facilitator, '[role="tabpanel"]')).toEqual([]);
    await onStage.getByRole('button', { name: 'Remettre « rassurée »' }).click();
    await expect.poll(async () => (await cloudWords(projection)).map(([word]) => word), SOON).toContain('rassurée');

    await onStage.getByRole('button', { name: 'Par regard' }).click();
    const sides = projection.locator('[data-cloud] section[data-group]');
    await expect.poll(() => sides.evaluateAll((all) => all.map((side) => side.getAttribute('data-group'))), SOON).toEqual(['concerned', 'professional']);
    expect(await sides.nth(1).locator('svg text[data-word]').count()).toBeGreaterThan(0);
    await shoot(projection, 'word-cloud-projection-by-standpoint');
    expect(await violationsIn(projection, '[data-cloud]')).toEqual([]);

    await Promise.all([phone, second, facilitator, projection].map((page) => page.context().close()));
  }, 80_000);

  it('prepares a multiple-choice poll and a scale whose results wait for the close, and lets a phone tick at most the allowed number', async () => {
    const workshop = await createWorkshop(server, 'Groupe de travail : accès aux droits');
    const facilitator = await (await laptopContext(browser)).newPage();
    await facilitator.goto(workshop.links.facilitator);
    await facilitator.getByRole('button', { name: 'Ouvrir l’atelier' }).click();
    await facilitator.getByRole('tab', { name: 'Déroulé' }).click();

    await facilitator.getByRole('button', { name: 'Nouveau sondage' }).click();
    await facilitator.getByLabel('Question').fill('Qu’est-ce qui bloque le plus l’accès aux droits ?');
    await facilitator.getByRole('radio', { name: 'Plusieurs choix' }).check();
    await facilitator.getByLabel('Choix 1', { exact: true }).fill('Les démarches en ligne');
    await facilitator.getByLabel('Choix 2', { exact: true }).fill('Le manque d’information');
    await facilitator.getByRole('button', { name: 'Ajouter un choix' }).click();
    await facilitator.getByLabel('Choix 3', { exact: true }).fill('Les délais');
    await facilitator.getByLabel('Nombre de choix permis, au plus').fill('2');
    await facilitator.getByRole('radio', { name: /^À la fermeture seulement/ }).check();
    await shoot(facilitator, 'polls-facilitator-editor', true);
    await facilitator.getByRole('button', { name: 'Ajouter au déroulé' }).click();
    const multiple = facilitator.locator('li[data-item]', { hasText: 'Qu’est-ce qui bloque' });
    await multiple.waitFor();
    expect(await text(multiple)).toContain('Plusieurs choix · 2 choix au plus · résultats à la fermeture');

    await facilitator.getByRole('button', { name: 'Nouveau sondage' }).click();
    await facilitator.getByLabel('Question').fill('Vous sentez-vous écouté par les services ?');
    await facilitator.getByRole('radio', { name: 'Échelle' }).check();
    await facilitator.getByLabel('Ce que veut dire 1').fill('Pas du tout');
    await facilitator.getByLabel('Ce que veut dire le dernier point').fill('Tout à fait');
    await facilitator.getByRole('button', { name: 'Ajouter au déroulé' }).click();
    const scale = facilitator.locator('li[data-item]', { hasText: 'Vous sentez-vous écouté' });
    await scale.waitFor();
    // The scale goes first in the agenda.
    await scale.getByRole('button', { name: /^Monter/ }).click();
    await expect.poll(() => text(facilitator.locator('li[data-item]').first()), SOON).toContain('N° 1 Sondage Prêt Vous sentez-vous écouté');

    const projection = await (await projectionContext(browser)).newPage();
    await projection.goto(workshop.links.projection);
    const phone = await joinedPhone(browser, server, workshop.joinCode, 'Bénévole');

    await multiple.getByRole('button', { name: 'Ouvrir' }).click();
    const boxes = phone.getByRole('checkbox');
    await expect.poll(() => boxes.count(), SOON).toBe(3);
    expect(await text(phone.locator('[data-poll]'))).toContain('Choisissez jusqu’à 2 réponses.');
    await boxes.nth(0).check();
    await boxes.nth(2).check();
    expect(await boxes.nth(1).isDisabled()).toBe(true);
    expect(await text(phone.locator('[data-poll]'))).toContain('Vous avez choisi 2 réponses. C’est le maximum.');
    await phone.getByRole('button', { name: 'Voter' }).click();
    await expect.poll(() => text(phone.locator('[data-poll] [role="status"]')), SOON).toContain('Votre vote : Les démarches en ligne, Les délais.');
    expect(await text(phone.locator('[data-poll]'))).toContain('Les résultats seront montrés à la fin du vote.');
    await expect.poll(() => text(projection.getByTestId('poll-turnout')), SOON).toBe('1 vote sur 1 présent');
    expect(await text(projection.locator('[data-poll]'))).toContain('Les résultats seront montrés à la fin du vote.');
    expect(await projection.locator('[data-poll] li[data-choice]').count()).toBe(0);

    const onStage = facilitator.getByTestId('on-stage');
    await expect.poll(() => text(onStage.locator('li[data-choice="2"]')), SOON).toBe('Les délais 100 % 1 vote');
    await onStage.getByRole('button', { name: 'Fermer' }).click();
    await expect.poll(() => text(projection.locator('[data-poll] li[data-choice="0"]')), SOON).toBe('Les démarches en ligne 100 % 1 vote');

    await scale.getByRole('button', { name: 'Ouvrir' }).click();
    await phone.getByRole('radio', { name: '4' }).waitFor();
    expect(await text(phone.locator('[data-poll]'))).toContain('Choisissez un nombre de 1 à 5. 1 veut dire : Pas du tout. 5 veut dire : Tout à fait.');
    await phone.getByRole('radio', { name: '4' }).check();
    await phone.getByRole('button', { name: 'Voter' }).click();
    await expect.poll(() => text(phone.locator('[data-poll] [role="status"]')), SOON).toContain('Votre vote : 4.');
    await expect.poll(() => text(phone.locator('[data-poll] li[data-choice="3"]')), { timeout: 8_000 }).toBe('4 (votre choix) 100 % 1 vote');
    await shoot(phone, 'polls-participant-scale', true);
    await expect.poll(() => text(onStage), SOON).toContain('Moyenne : 4 sur 5');

    await Promise.all([phone, facilitator, projection].map((page) => page.context().close()));
  }, 60_000);
});
