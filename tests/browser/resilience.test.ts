import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CroiseeClient, type CroiseeSocket } from '../../shared/client/croisee-client';
import { CLIENT_DIR, launchBrowser, laptopContext, phoneContext, projectionContext, requireClientBuild } from '../helpers/browser';
import { createWorkshop, nextEvent, startTestServer, type TestServer } from '../helpers/server';
import { clientId, ok } from '../integration/records-helpers';
import { text } from './accessibility-helpers';

/** Phones get results at most every second or two; a reconnection waits up to 5 s between tries. */
const SOON = { timeout: 20_000 };
const QUESTION = 'Est-ce que ce webinaire vous a permis de mieux comprendre ce qu’est un Comité local du travail social ?';
const LOST = 'Connexion perdue, on se reconnecte…';
const OFFLINE_MS = 30_000;

/** A phone that joins by the workshop's link as a person concerned and waits to be inside. */
async function joinedPhone(browser: Browser, url: string, joinCode: string): Promise<Page> {
  const phone = await (await phoneContext(browser)).newPage();
  await phone.goto(`${url}/j/${joinCode}`);
  await phone.getByRole('radio', { name: 'Personne concernée / accompagnée' }).check();
  await phone.getByRole('button', { name: 'Entrer' }).click();
  await phone.getByRole('heading', { name: /^Vous êtes dans l’atelier/ }).waitFor();
  return phone;
}

/**
 * People and a facilitator connected through the API with the app's own client, which reconnects by
 * itself (the test server's `connect` sockets are closed with the server).
 */
class Room {
  readonly sockets: CroiseeSocket[] = [];
  constructor(private readonly url: string) {}

  async join(code: string, standpoint: string): Promise<CroiseeSocket> {
    const client = new CroiseeClient(this.url);
    const { participantToken } = await client.join({ code, standpoint, pseudonym: null });
    return this.#connected(client.connect({ role: 'participant', token: participantToken }, { transports: ['websocket'] }));
  }

  async facilitate(workshopId: string, secret: string): Promise<CroiseeSocket> {
    return this.#connected(new CroiseeClient(this.url).connect({ role: 'facilitator', workshopId, secret }, { transports: ['websocket'] }));
  }

  leave(): void {
    for (const socket of this.sockets) socket.disconnect();
  }

  async #connected(socket: CroiseeSocket): Promise<CroiseeSocket> {
    this.sockets.push(socket);
    await nextEvent(socket, 'session');
    return socket;
  }
}

/** The yes/no bars as a person reads them, e.g. ["Oui 25 % 1 vote", "Non 75 % 3 votes"]. */
function bars(poll: Locator): Promise<string[]> {
  return poll.locator('li[data-choice]').evaluateAll((rows) => rows.map((row) => (row as HTMLElement).innerText.replace(/\s+/g, ' ').trim()));
}

describe('resilience as people meet it', () => {
  let browser: Browser;

  beforeAll(async () => {
    requireClientBuild();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('keeps a phone that goes offline for 30 seconds mid-poll inside, with the poll and its vote, sends the vote it lost once the network is back, and counts it once', async () => {
    const server = await startTestServer({ clientDir: CLIENT_DIR });
    const room = new Room(server.url);
    try {
      const workshop = await createWorkshop(server, 'Atelier sur un réseau faible');
      const facilitator = await room.facilitate(workshop.id, workshop.facilitatorSecret);
      await ok(facilitator, 'workshop:open', {});
      const poll = await ok(facilitator, 'poll:create', { poll: { kind: 'yes_no', question: QUESTION } });
      const itemId = poll.item.id;
      const staff = await (await laptopContext(browser)).newPage();
      await staff.goto(workshop.links.facilitator);
      await staff.getByRole('tab', { name: 'Déroulé' }).click();
      const projection = await (await projectionContext(browser)).newPage();
      await projection.goto(workshop.links.projection);

      const phone = await joinedPhone(browser, server.url, workshop.joinCode);
      const others = await Promise.all(['professional', 'professional', 'student'].map((standpoint) => room.join(workshop.joinCode, standpoint)));
      await ok(facilitator, 'agenda:open', { itemId });
      await phone.getByRole('radio', { name: 'Oui' }).check();
      await phone.getByRole('button', { name: 'Voter' }).click();
      const confirmation = phone.locator('[data-poll] [role="status"]');
      await expect.poll(() => text(confirmation), SOON).toContain('Votre vote : Oui.');
      const turnout = projection.getByTestId('poll-turnout');
      await expect.poll(() => text(turnout), SOON).toBe('1 vote sur 4 présents');

      // The network goes; the phone does not know it yet and the person changes their vote: no answer comes.
      await phone.context().setOffline(true);
      const offlineAt = Date.now();
      await phone.getByRole('radio', { name: 'Non' }).check();
      await phone.getByRole('button', { name: 'Changer mon vote' }).click();
      await expect.poll(() => text(confirmation), SOON).toContain('Le serveur ne répond pas.');
      // Then it notices, says so and says there is nothing to do; the room sees one person fewer, and votes.
      await phone.getByText(LOST).waitFor(SOON);
      for (const other of others) await ok(other, 'poll:vote', { itemId, ballotId: clientId(), choices: [1] });
      await expect.poll(() => text(turnout), SOON).toBe('4 votes sur 3 présents');
      expect(await phone.getByRole('radio', { name: 'Non' }).isChecked()).toBe(true);
      await phone.waitForTimeout(Math.max(0, OFFLINE_MS - (Date.now() - offlineAt)));
      await phone.context().setOffline(false);

      // Back by itself: still inside, the same poll, the lost vote sent again and shown as recorded.
      await phone.getByText(LOST).waitFor({ state: 'detached', ...SOON });
      expect(await phone.getByRole('heading', { name: /^Vous êtes dans l’atelier/ }).isVisible()).toBe(true);
      expect(await phone.getByRole('group', { name: QUESTION }).isVisible()).toBe(true);
      await expect.poll(() => text(confirmation), SOON).toContain('Vote enregistré ✓ Votre vote : Non.');
      // Counted once, on the projection, in the console and in the server.
      await expect.poll(() => bars(projection.locator('[data-poll]')), SOON).toEqual(['Oui 0 % 0 vote', 'Non 100 % 4 votes']);
      await expect.poll(() => text(turnout), SOON).toBe('4 votes sur 4 présents');
      await expect.poll(() => bars(staff.getByTestId('on-stage')), SOON).toEqual(['Oui 0 % 0 vote', 'Non 100 % 4 votes']);
      const frame = await server.services.polls.resultsFrame(itemId, 'facilitator');
      expect(frame?.turnout).toEqual({ ballots: 4, present: 4 });
      expect(frame?.results?.choices.map((choice) => choice.count)).toEqual([0, 4]);
      await Promise.all([phone, staff, projection].map((page) => page.context().close()));
    } finally {
      room.leave();
      await server.close();
    }
  }, 100_000);

  it('brings the phone, the console and the projection back by themselves to the same poll, tally and attendance after the server restarts', async () => {
    let server: TestServer = await startTestServer({ clientDir: CLIENT_DIR });
    const room = new Room(server.url);
    try {
      const workshop = await createWorkshop(server, 'Atelier qui survit à un redémarrage');
      const facilitator = await room.facilitate(workshop.id, workshop.facilitatorSecret);
      await ok(facilitator, 'workshop:open', {});
      const poll = await ok(facilitator, 'poll:create', { poll: { kind: 'yes_no', question: QUESTION } });
      const staff = await (await laptopContext(browser)).newPage();
      await staff.goto(workshop.links.facilitator);
      await staff.getByRole('tab', { name: 'Déroulé' }).click();
      const projection = await (await projectionContext(browser)).newPage();
      await projection.goto(workshop.links.projection);
      const phone = await joinedPhone(browser, server.url, workshop.joinCode);
      const others = await Promise.all(['concerned', 'professional', 'professional', 'elected'].map((standpoint) => room.join(workshop.joinCode, standpoint)));

      await ok(facilitator, 'agenda:open', { itemId: poll.item.id });
      await phone.getByRole('radio', { name: 'Oui' }).check();
      await phone.getByRole('button', { name: 'Voter' }).click();
      for (const [i, other] of others.entries()) await ok(other, 'poll:vote', { itemId: poll.item.id, ballotId: clientId(), choices: [i % 2] });
      const pages = { phone, staff, projection };
      const tally = ['Oui 60 % 3 votes', 'Non 40 % 2 votes'];
      /** What each page shows of the workshop: the poll, its tally, who is here. */
      const state = async () => ({
        phone: [await text(phone.locator('[data-poll] [role="status"]')), await text(phone.getByTestId('present-count')), await phone.getByRole('group', { name: QUESTION }).isVisible()],
        staff: [await text(staff.getByTestId('workshop-state')), await bars(staff.getByTestId('on-stage'))],
        projection: [await text(projection.getByTestId('poll-turnout')), await bars(projection.locator('[data-poll]')), await text(projection.getByTestId('present-count'))],
      });
      const expected = {
        phone: ['Vote enregistré ✓ Votre vote : Oui. Pour changer votre vote, choisissez une autre réponse.', '5 personnes sont là.', true],
        staff: ['État : En cours', tally],
        projection: ['5 votes sur 5 présents', tally, '5 présents'],
      };
      await expect.poll(state, SOON).toEqual(expected);

      // The server stops (an update, a crash) and starts again on the same address and database.
      await server.close();
      for (const page of Object.values(pages)) await page.getByText(LOST).waitFor(SOON);
      server = await startTestServer({ clientDir: CLIENT_DIR, port: server.port, dbFile: server.dbFile });
      for (const page of Object.values(pages)) await page.getByText(LOST).waitFor({ state: 'detached', ...SOON });
      await expect.poll(state, SOON).toEqual(expected);
      expect(await phone.getByRole('heading', { name: /^Vous êtes dans l’atelier/ }).isVisible()).toBe(true);
      // The attendance table in the console: five people present now, five came (émargement).
      await staff.getByRole('tab', { name: 'Présence' }).click();
      await expect.poll(() => staff.locator('tfoot td').allInnerTexts(), SOON).toEqual(['5', '5']);

      // And the workshop goes on live: the phone changes its vote, everyone sees it.
      await phone.getByRole('radio', { name: 'Non' }).check();
      await phone.getByRole('button', { name: 'Changer mon vote' }).click();
      await expect.poll(() => text(phone.locator('[data-poll] [role="status"]')), SOON).toContain('Votre vote : Non.');
      await expect.poll(() => bars(projection.locator('[data-poll]')), SOON).toEqual(['Oui 40 % 2 votes', 'Non 60 % 3 votes']);
      expect((await server.services.polls.resultsFrame(poll.item.id, 'facilitator'))?.turnout).toEqual({ ballots: 5, present: 5 });
      await Promise.all(Object.values(pages).map((page) => page.context().close()));
    } finally {
      room.leave();
      await server.close();
    }
  }, 90_000);
});
