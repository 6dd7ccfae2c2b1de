import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_DIR, closeServedClient, laptopContext, phoneContext, projectionContext, SCREENSHOTS, startServedClient } from '../helpers/browser';
import { ORGANISER_TOKEN, createWorkshop, startTestServer, type TestServer } from '../helpers/server';
import { text } from './accessibility-helpers';

const CONCERNED = 'Personne concernée / accompagnée';
/** Phones get attendance at most every 2 s (the server coalesces it): wait a little longer than that. */
const SOON = { timeout: 10_000 };

function shoot(page: Page, name: string, fullPage = false): Promise<Buffer> {
  return page.screenshot({ path: path.join(SCREENSHOTS, `foundation-${name}.png`), fullPage });
}

describe('the foundation in a browser', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    ({ server, browser } = await startServedClient());
  });

  afterAll(() => closeServedClient({ server, browser }));

  it('refuses a wrong organiser token, then shows the organiser the group, the join code and the capability links of a workshop', async () => {
    const workshop = await createWorkshop(server, 'Atelier du comité local');
    const page = await (await laptopContext(browser)).newPage();

    await page.goto(`${server.url}/organiser#not-the-organiser-token`);
    await page.getByText('Ce jeton n’est pas accepté.').waitFor();
    // The right link pasted into the same tab changes only the fragment.
    await page.goto(`${server.url}/organiser#${ORGANISER_TOKEN}`);
    await page.getByRole('link', { name: workshop.group.name }).first().click();
    const card = page.locator(`[data-workshop="${workshop.id}"]`);
    await expect.poll(() => card.getByRole('heading', { name: 'Atelier du comité local' }).isVisible(), SOON).toBe(true);
    expect(await text(card)).toContain(workshop.joinCode);
    expect(await card.locator('input[readonly]').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value))).toEqual([
      workshop.links.join,
      workshop.links.facilitator,
      workshop.links.projection,
    ]);
    expect(await card.getByRole('img', { name: new RegExp(`QR code.*${workshop.joinCode}`) }).isVisible()).toBe(true);
    // The token left the address bar and stays on the device.
    expect(new URL(page.url()).hash).toBe('');
    expect(await page.evaluate(() => localStorage.getItem('croisee.organiser'))).toBe(ORGANISER_TOKEN);
    await shoot(page, 'organiser', true);
    await page.context().close();
  });

  it('lets a phone join by code, counts it by standpoint on the projection, keeps it across a reload and tells it the workshop is over', async () => {
    const workshop = await createWorkshop(server, 'Accès aux droits : ce qui bloque');

    const facilitator = await (await laptopContext(browser)).newPage();
    await facilitator.goto(workshop.links.facilitator);
    await facilitator.getByRole('button', { name: 'Ouvrir l’atelier' }).click();
    await expect.poll(() => text(facilitator.getByTestId('workshop-state')), SOON).toBe('État : En cours');

    const projection = await (await projectionContext(browser)).newPage();
    await projection.goto(workshop.links.projection);
    const projected = projection.getByTestId('present-count');
    await expect.poll(() => text(projected), SOON).toBe('0 présent');
    expect(await projection.locator('main').innerText()).toContain(workshop.joinCode);

    const phone = await (await phoneContext(browser)).newPage();
    await phone.goto(server.url);
    // Typed as people do: lower case, with a space in the middle.
    const typed = `${workshop.joinCode.slice(0, 3)} ${workshop.joinCode.slice(3)}`.toLowerCase();
    await phone.getByLabel('Code de l’atelier').fill(typed);
    await phone.getByRole('button', { name: 'Entrer' }).click();
    await phone.getByRole('heading', { name: workshop.title }).waitFor();
    expect(new URL(phone.url()).pathname).toBe(`/j/${workshop.joinCode}`);
    await phone.getByRole('radio', { name: CONCERNED }).check();
    await shoot(phone, 'participant-join', true);
    await phone.getByRole('button', { name: 'Entrer' }).click();

    await phone.getByRole('heading', { name: `Vous êtes dans l’atelier « ${workshop.title} ».` }).waitFor();
    await expect.poll(() => text(projected), SOON).toBe('1 présent');
    expect(await text(projection.locator('[data-standpoint="concerned"]'))).toMatch(new RegExp(`${CONCERNED}\\s+1`));
    await expect.poll(() => text(phone.getByTestId('present-count')), SOON).toBe('1 personne est là.');
    await shoot(phone, 'participant-inside', true);
    await shoot(projection, 'projection');

    await expect.poll(() => text(facilitator.getByText(/^1 présent dont/)), SOON).toBe(`1 présent dont 1 ${CONCERNED.toLowerCase()}`);
    const concernedRow = facilitator.locator('tbody tr[data-standpoint="concerned"]');
    expect(await concernedRow.locator('td').allInnerTexts()).toEqual(['1', '1']);
    await shoot(facilitator, 'facilitator', true);

    await phone.reload();
    await phone.getByRole('heading', { name: `Vous êtes dans l’atelier « ${workshop.title} ».` }).waitFor();
    expect(await phone.getByRole('radio').count()).toBe(0);
    await expect.poll(() => text(phone.getByTestId('present-count')), SOON).toBe('1 personne est là.');
    await expect.poll(() => text(projected), SOON).toBe('1 présent');
    // Same participant: the sign-in count (émargement) did not grow.
    await expect.poll(() => concernedRow.locator('td').allInnerTexts(), SOON).toEqual(['1', '1']);
    expect(await facilitator.locator('tfoot td').allInnerTexts()).toEqual(['1', '1']);

    await facilitator.getByRole('button', { name: 'Clore l’atelier' }).click();
    await facilitator.getByRole('button', { name: 'Oui, clore l’atelier' }).click();
    await expect.poll(() => text(facilitator.getByTestId('workshop-state')), SOON).toBe('État : Terminé');
    await phone.getByText('L’atelier est terminé. Merci !').waitFor();
    await projection.getByRole('heading', { name: 'Atelier terminé — merci !' }).waitFor();

    await Promise.all([phone, facilitator, projection].map((page) => page.context().close()));
  });

  it('tells a person in French (or English if they switch) that no workshop has the code they typed, and lets them type another', async () => {
    const phone = await (await phoneContext(browser)).newPage();
    await phone.goto(server.url);
    await phone.getByLabel('Code de l’atelier').fill('ZZZ ZZZ');
    await phone.getByRole('button', { name: 'Entrer' }).click();

    const alert = phone.getByRole('alert');
    await expect.poll(() => text(alert), SOON).toContain('Aucun atelier n’a ce code.');
    expect(await phone.locator('html').getAttribute('lang')).toBe('fr');

    await phone.getByRole('button', { name: 'EN, English' }).click();
    await expect.poll(() => text(alert), SOON).toContain('No workshop has this code.');
    expect(await phone.locator('html').getAttribute('lang')).toBe('en');
    await phone.getByRole('button', { name: 'FR, Français' }).click();
    await phone.getByRole('link', { name: 'Taper un autre code' }).click();
    await phone.getByLabel('Code de l’atelier').waitFor();
    expect(new URL(phone.url()).pathname).toBe('/');
    await phone.context().close();
  });

  it('keeps a participant in the workshop through a server restart, saying meanwhile that it reconnects by itself', async () => {
    let own = await startTestServer({ clientDir: CLIENT_DIR });
    try {
      const workshop = await createWorkshop(own, 'Atelier qui survit à une coupure');
      const phone = await (await phoneContext(browser)).newPage();
      await phone.goto(`${own.url}/j/${workshop.joinCode}`);
      await phone.getByRole('radio', { name: 'Bénévole' }).check();
      await phone.getByRole('button', { name: 'Entrer' }).click();
      const inside = phone.getByRole('heading', { name: `Vous êtes dans l’atelier « ${workshop.title} ».` });
      await inside.waitFor();

      await own.close();
      const banner = phone.getByText('Connexion perdue, on se reconnecte…');
      await banner.waitFor();
      own = await startTestServer({ clientDir: CLIENT_DIR, port: own.port, dbFile: own.dbFile });
      await banner.waitFor({ state: 'detached', timeout: 10_000 });
      expect(await inside.isVisible()).toBe(true);
      expect(await phone.getByRole('radio').count()).toBe(0);
      await expect.poll(() => own.services.participants.attendance(workshop.id).then((a) => a.present), SOON).toBe(1);

      // A token the server does not know (another database): forgotten, and the join form comes back.
      await phone.evaluate((code) => localStorage.setItem(`croisee.participant.${code}`, 'a-token-nobody-was-given-0000'), workshop.joinCode);
      await phone.reload();
      await phone.getByText('Votre place dans l’atelier n’est plus reconnue.').waitFor();
      expect(await phone.getByRole('radio').count()).toBe(workshop.standpoints.length + 1);
      expect(await phone.evaluate((code) => localStorage.getItem(`croisee.participant.${code}`), workshop.joinCode)).toBeNull();
      await phone.context().close();
    } finally {
      await own.close();
    }
  });
});
