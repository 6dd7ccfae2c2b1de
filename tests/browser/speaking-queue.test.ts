import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeServedClient, laptopContext, phoneContext, projectionContext, SCREENSHOTS, startServedClient } from '../helpers/browser';
import { createWorkshop, joinAndConnect, type TestServer } from '../helpers/server';
import { text } from './accessibility-helpers';

/** Phones get the contribution list at most once a second (the server coalesces it). */
const SOON = { timeout: 10_000 };

function shoot(page: Page, name: string, fullPage = false): Promise<Buffer> {
  return page.screenshot({ path: path.join(SCREENSHOTS, `speaking-queue-${name}.png`), fullPage });
}

async function joinOnPhone(browser: Browser, server: TestServer, code: string, standpoint: string): Promise<Page> {
  const phone = await (await phoneContext(browser)).newPage();
  await phone.goto(`${server.url}/j/${code}`);
  await phone.getByRole('radio', { name: standpoint }).check();
  await phone.getByRole('button', { name: 'Entrer' }).click();
  await phone.getByRole('heading', { name: 'Prendre la parole' }).waitFor();
  return phone;
}

describe('the speaking queue in a browser', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    ({ server, browser } = await startServedClient());
  });

  afterAll(() => closeServedClient({ server, browser }));

  it('gives the floor to a raised hand seen as a ticket everywhere, tells the phone it is its turn with the timer, and counts a +1 on a written message', async () => {
    const workshop = await createWorkshop(server, 'Accès aux droits : ce qui bloque');

    const facilitator = await (await laptopContext(browser)).newPage();
    await facilitator.goto(workshop.links.facilitator);
    await facilitator.getByRole('button', { name: 'Ouvrir l’atelier' }).click();
    await expect.poll(() => text(facilitator.getByTestId('workshop-state')), SOON).toBe('État : En cours');
    await facilitator.getByRole('tab', { name: 'Tours de parole' }).click();
    await facilitator.getByText('Aucune main levée.').waitFor();

    const projection = await (await projectionContext(browser)).newPage();
    await projection.goto(workshop.links.projection);
    await projection.getByRole('heading', { name: workshop.title }).waitFor();

    // Two people in the room raised their hands before (through the API, as any client may).
    for (const standpoint of ['professional', 'elected']) {
      const other = await joinAndConnect(server, workshop.joinCode, standpoint);
      const raised = await other.socket.timeout(5_000).emitWithAck('queue:raise', {});
      expect(raised.ok).toBe(true);
    }

    const phone = await joinOnPhone(browser, server, workshop.joinCode, 'Personne concernée / accompagnée');
    const hand = phone.getByRole('region', { name: 'Prendre la parole' });
    await hand.getByRole('button', { name: 'Question' }).click();
    expect(await hand.getByRole('button', { name: 'Question' }).getAttribute('aria-pressed')).toBe('true');
    await hand.getByRole('button', { name: 'Demander la parole' }).click();
    const myHand = phone.getByTestId('my-hand');
    await expect.poll(() => text(myHand), SOON).toContain('Votre main : n°3');
    expect(await text(myHand)).toContain('Avant vous : 2 personnes');
    expect(await text(myHand)).toMatch(/Attente : (environ \d+ minutes?|moins d’une minute)/);
    expect(await phone.getByRole('button', { name: 'Baisser la main' }).isVisible()).toBe(true);
    await shoot(phone, 'participant-waiting', true);

    // Tickets only, everywhere: the projection lists "main n°3", the console "Main n°3 · question".
    const projected = projection.getByTestId('projection-queue');
    await expect.poll(() => text(projected), SOON).toContain('main n°3');
    expect(await text(projected)).toContain('3 mains levées');
    const waiting = facilitator.getByTestId('console-waiting');
    await expect.poll(() => waiting.locator('li').allInnerTexts(), SOON).toHaveLength(3);
    expect(await text(waiting.locator('li').nth(2))).toContain('Main n°3 · question');
    expect(await text(waiting)).not.toContain('concernée');

    await facilitator.getByRole('button', { name: 'Donner la parole à la main n°3' }).click();
    await expect.poll(() => text(facilitator.getByTestId('console-speaker')), SOON).toContain('Main n°3 · question');
    await facilitator.getByRole('button', { name: 'Lancer un minuteur de 2 minutes' }).click();

    const called = phone.getByTestId('your-turn');
    await called.waitFor(SOON);
    expect(await text(called)).toContain('C’est à vous !');
    await expect.poll(() => text(called.getByRole('timer')), SOON).toMatch(/^(2:00|1:5\d)$/);
    expect(await text(phone.locator('[aria-live="assertive"]'))).toContain('C’est à vous !');
    await shoot(phone, 'participant-called');

    await expect.poll(() => text(projected), SOON).toContain('La parole est à la main n°3');
    await expect.poll(() => text(projected.getByRole('timer')), SOON).toMatch(/^(2:00|1:5\d)$/);

    // Someone who prefers to write; the first participant supports the message.
    const writer = await joinOnPhone(browser, server, workshop.joinCode, 'Bénévole');
    const message = 'Comment faire quand on n’a pas d’ordinateur pour les démarches en ligne ?';
    await writer.getByLabel('Votre message').fill(message);
    expect(await text(writer.getByText(/caractères possibles$/))).toBe(`Encore ${500 - message.length} caractères possibles`);
    await writer.getByRole('button', { name: 'Envoyer le message' }).click();
    await writer.getByText('Merci ! Votre message est envoyé.').waitFor(SOON);

    const item = phone.locator('li[data-contribution]', { hasText: message });
    await item.waitFor(SOON);
    await item.getByRole('button', { name: /Moi aussi/ }).click();
    await expect.poll(() => text(item), SOON).toContain('Vous êtes d’accord');
    expect(await text(item.getByTestId('supports'))).toBe('1 soutien');
    expect(await item.getByRole('button', { name: /Moi aussi/ }).count()).toBe(0);
    // The author sees their own message without a +1 button.
    const own = writer.locator('li[data-contribution]', { hasText: message });
    await expect.poll(() => text(own), SOON).toContain('Votre message');

    const staffItem = facilitator.locator('li[data-contribution]', { hasText: message });
    await expect.poll(() => text(staffItem.getByTestId('supports')), SOON).toBe('1 soutien');
    await staffItem.getByRole('button', { name: 'Montrer sur l’écran' }).click();
    await expect.poll(() => text(projected), SOON).toContain(message);
    await shoot(facilitator, 'facilitator', true);
    await shoot(projection, 'projection');

    await Promise.all([phone, writer, facilitator, projection].map((page) => page.context().close()));
  }, 180_000);
});
