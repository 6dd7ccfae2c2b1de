import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeServedClient, laptopContext, projectionContext, startServedClient } from '../helpers/browser';
import { ORGANISER_TOKEN, joinAndConnect, type TestServer } from '../helpers/server';
import { clientId, ok, runWorkshop, waitForVersions } from '../integration/records-helpers';
import { focusRing, liveWorkshopWithFacilitator, text } from './accessibility-helpers';

const SOON = { timeout: 10_000 };
const QUESTION = 'Est-ce que ce webinaire vous a permis de mieux comprendre ce qu’est un Comité local du travail social ?';

/** A phone used with a keyboard (a Bluetooth keyboard, a switch, a screen reader's navigation): no touch. */
function keyboardPhone(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'fr-FR' });
}

/** Presses `key` and describes where the focus went, failing if it is not visibly drawn. */
async function press(page: Page, key: string): Promise<string> {
  await page.keyboard.press(key);
  const focus = await focusRing(page);
  expect(focus.ring, `focus after ${key} on <${focus.tag}> “${focus.name}” is not visible`).not.toBeNull();
  return focus.name;
}

/** Presses Tab until the focused element's name matches, at most `max` times; every stop must show its focus. */
async function tabTo(page: Page, name: RegExp, max = 25): Promise<string[]> {
  const passed: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const focus = await focusRing(page);
    if (focus.tag === 'body') throw new Error(`Tab left the page before reaching ${name}; went through: ${passed.join(' → ')}`);
    expect(focus.ring, `focus on <${focus.tag}> “${focus.name}” is not visible`).not.toBeNull();
    const reached = focus.name;
    passed.push(reached);
    if (name.test(reached)) return passed;
  }
  throw new Error(`Tab never reached ${name}; went through: ${passed.join(' → ')}`);
}

interface Stop {
  key: string;
  name: string;
  ring: string | null;
  top: number;
  left: number;
}

/**
 * Walks the whole page with Tab from the skip link until the focus leaves the page, and returns every
 * stop, with the keys of all the page's tabbable controls in document order (a radio group is one stop).
 */
async function tabWalk(page: Page): Promise<{ stops: Stop[]; expected: string[] }> {
  // Parts of a screen load on demand (the board, the editor): wait until the set of controls stops changing.
  const count = () => page.evaluate(() => document.querySelectorAll('a[href], button, input, textarea, select, summary, [tabindex]').length);
  let before = -1;
  for (let settled = await count(); settled !== before; settled = await count()) {
    before = settled;
    await page.waitForTimeout(700);
  }
  const expected = await page.evaluate(() => {
    const keys: string[] = [];
    const candidates = document.querySelectorAll<HTMLElement>('a[href], button, input, textarea, select, summary, [tabindex]');
    candidates.forEach((element, index) => {
      const tabindex = element.getAttribute('tabindex');
      // Not rendered, hidden, or inside a closed <details>: not a Tab stop.
      const hidden = !element.checkVisibility({ visibilityProperty: true });
      if ((tabindex !== null && Number(tabindex) < 0) || element.matches(':disabled') || element.closest('[inert]') || hidden) return;
      if (element instanceof HTMLInputElement && element.type === 'hidden') return;
      const key = element instanceof HTMLInputElement && element.type === 'radio' && element.name ? `radio:${element.name}` : `el:${index}`;
      element.dataset.tabKey = key;
      if (!keys.includes(key)) keys.push(key);
    });
    return keys;
  });
  // Start from the top: the skip link, reached by the keyboard so that it draws its focus.
  await page.evaluate(() => document.querySelector<HTMLElement>('.skip-link')?.focus());
  await page.keyboard.press('Tab');
  await page.keyboard.press('Shift+Tab');
  const stops: Stop[] = [];
  for (let i = 0; i < expected.length + 5; i++) {
    const here = await page.evaluate(() => {
      const focused = document.activeElement as HTMLElement | null;
      if (!focused || focused === document.body) return null;
      const box = focused.getBoundingClientRect();
      return { key: focused.dataset.tabKey ?? `untracked <${focused.tagName.toLowerCase()}>`, top: box.top + window.scrollY, left: box.left + window.scrollX };
    });
    if (!here || (stops.length > 0 && here.key === stops[0]!.key)) break;
    const focus = await focusRing(page);
    stops.push({ ...here, name: focus.name.slice(0, 60), ring: focus.ring });
    await page.keyboard.press('Tab');
  }
  return { stops, expected };
}

/** Every control reached once, in document order, each with a visible focus, and the walk leaves the page. */
function expectFullWalk(view: string, walk: { stops: Stop[]; expected: string[] }) {
  // A date field is one control with several stops (day, month, year): counted once.
  const keys = walk.stops.map((stop) => stop.key).filter((key, i, all) => key !== all[i - 1]);
  const names = walk.stops.map((stop) => `${stop.key} “${stop.name}”`).join('\n');
  expect(keys, `${view}: Tab order\n${names}`).toEqual(walk.expected);
  const invisible = walk.stops.filter((stop) => stop.ring === null).map((stop) => `${stop.key} “${stop.name}”`);
  expect(invisible, `${view}: focus not visible`).toEqual([]);
}

describe('the keyboard alone, and what screen readers hear', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    ({ server, browser } = await startServedClient());
  });

  afterAll(() => closeServedClient({ server, browser }));

  it('lets a participant join, vote and raise then lower a hand with Tab, Shift+Tab, Enter, Space and the arrows, the focus always visible and in reading order', async () => {
    const { workshop, facilitator } = await liveWorkshopWithFacilitator(server, 'Atelier au clavier');
    const poll = await ok(facilitator, 'poll:create', { poll: { kind: 'yes_no', question: QUESTION } });
    const phone = await (await keyboardPhone(browser)).newPage();
    await phone.goto(server.url);
    await phone.getByLabel('Code de l’atelier').waitFor();

    // The home page: the skip link first, then the name, the languages, the code and its button.
    expect(await press(phone, 'Tab')).toBe('Aller au contenu');
    expect(await press(phone, 'Tab')).toBe('Croisée, accueil');
    expect(await press(phone, 'Tab')).toBe('FR, Français');
    expect(await press(phone, 'Tab')).toBe('EN, English');
    await press(phone, 'Tab');
    expect(await phone.evaluate(() => document.activeElement?.id)).toBe('join-code');
    await phone.keyboard.type(workshop.joinCode.toLowerCase());
    expect(await press(phone, 'Tab')).toBe('Entrer');
    await phone.keyboard.press('Enter');

    // The join form: the standpoints are one stop, the arrows choose; then the first name, then "Entrer".
    await phone.getByRole('radio', { name: 'Bénévole' }).waitFor();
    expect(await phone.evaluate(() => document.activeElement?.id)).toBe('main');
    expect(await press(phone, 'Tab')).toBe('Personne concernée / accompagnée');
    await phone.keyboard.press('Space');
    await phone.keyboard.press('ArrowDown');
    expect(await phone.getByRole('radio', { name: 'Professionnel·le du social ou médico-social' }).isChecked()).toBe(true);
    await press(phone, 'Tab');
    expect(await phone.evaluate(() => document.activeElement?.id)).toBe('pseudonym');
    await phone.keyboard.type('Awa');
    expect(await press(phone, 'Tab')).toBe('Entrer');
    await press(phone, 'Shift+Tab');
    expect(await phone.evaluate(() => document.activeElement?.id)).toBe('pseudonym');
    await press(phone, 'Tab');
    await phone.keyboard.press('Enter');
    await phone.getByRole('heading', { name: /^Vous êtes dans l’atelier/ }).waitFor();
    // The form is gone: the focus starts again at the top of the new screen, not lost.
    await expect.poll(() => phone.evaluate(() => document.activeElement?.id)).toBe('main');
    expect(await text(phone.locator('.about-me'))).toContain('Votre prénom : Awa.');

    // The poll opens; the first Tab reaches its first answer, Space chooses it, Enter on "Voter" votes.
    await ok(facilitator, 'agenda:open', { itemId: poll.item.id });
    await phone.getByRole('radio', { name: 'Oui' }).waitFor(SOON);
    expect(await press(phone, 'Tab')).toBe('Oui');
    await phone.keyboard.press('Space');
    expect(await press(phone, 'Tab')).toBe('Voter');
    await phone.keyboard.press('Enter');
    await phone.getByText('Vote enregistré ✓').waitFor(SOON);
    // The "Voter" button went away: the focus stays on the answer chosen, where the arrows change the vote.
    await expect.poll(() => focusRing(phone).then((focus) => focus.name)).toBe('Oui');
    expect((await focusRing(phone)).ring).not.toBeNull();
    expect((await server.services.polls.resultsFrame(poll.item.id, 'facilitator'))?.turnout.ballots).toBe(1);

    // On to the speaking queue, then back with Shift+Tab: the same controls in reverse.
    const forward = await tabTo(phone, /^Demander la parole$/);
    expect(forward).toEqual(['Question', 'Témoignage', 'Réaction', 'Demander la parole']);
    expect(await press(phone, 'Shift+Tab')).toBe('Réaction');
    expect(await press(phone, 'Shift+Tab')).toBe('Témoignage');
    await phone.keyboard.press('Space');
    const hand = phone.getByRole('region', { name: 'Prendre la parole' });
    expect(await hand.getByRole('button', { name: 'Témoignage', exact: true }).getAttribute('aria-pressed')).toBe('true');
    await tabTo(phone, /^Demander la parole$/);
    await phone.keyboard.press('Space');
    // The hand is up: the focus lands on the ticket, which screen readers read, and "Baisser la main" is next.
    await expect.poll(() => phone.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('my-hand');
    expect(await text(phone.getByTestId('my-hand'))).toContain('Votre main : n°1');
    expect(await press(phone, 'Tab')).toBe('Baisser la main');
    await phone.keyboard.press('Enter');
    await expect.poll(() => focusRing(phone).then((focus) => focus.name)).toBe('Demander la parole');
    expect((await focusRing(phone)).ring).not.toBeNull();
    await expect.poll(() => phone.getByTestId('my-hand').count()).toBe(0);

    // Raised again and given the floor: "J'ai fini" is reachable too.
    await phone.keyboard.press('Enter');
    await phone.getByTestId('my-hand').waitFor(SOON);
    await ok(facilitator, 'queue:give', {});
    await phone.getByTestId('your-turn').waitFor(SOON);
    // The focused ticket made way for the call: the focus follows it, and "J'ai fini de parler" is next.
    await expect.poll(() => phone.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('your-turn');
    expect(await press(phone, 'Tab')).toBe('J’ai fini de parler');
    await phone.keyboard.press('Enter');
    await expect.poll(() => phone.getByTestId('your-turn').count(), SOON).toBe(0);
    await expect.poll(() => focusRing(phone).then((focus) => focus.name)).toBe('Demander la parole');
    await phone.context().close();
  }, 120_000);

  it('tells screen readers in live regions that a poll starts, that the vote is recorded and that it is their turn', async () => {
    const { workshop, facilitator } = await liveWorkshopWithFacilitator(server, 'Atelier annoncé');
    const poll = await ok(facilitator, 'poll:create', { poll: { kind: 'yes_no', question: QUESTION } });
    const phone = await (await keyboardPhone(browser)).newPage();
    await phone.goto(`${server.url}/j/${workshop.joinCode}`);
    await phone.getByRole('radio', { name: 'Élu·e' }).check();
    await phone.getByRole('button', { name: 'Entrer' }).click();
    await phone.getByRole('heading', { name: /^Vous êtes dans l’atelier/ }).waitFor();

    // The regions are in the page before anything happens, so that the first announcement is not missed.
    const polite = phone.locator('main > p[aria-live="polite"]');
    const assertive = phone.locator('[aria-live="assertive"]');
    expect(await polite.count()).toBe(1);
    expect(await assertive.count()).toBe(1);
    expect(await text(polite)).toBe('');
    expect(await text(assertive)).toBe('');

    await ok(facilitator, 'agenda:open', { itemId: poll.item.id });
    await expect.poll(() => text(polite), SOON).toBe('Un nouveau sondage commence. Répondez à la question.');

    const confirmation = phone.locator('[data-poll] [role="status"][aria-live="polite"]');
    expect(await text(confirmation)).toBe('');
    await phone.getByRole('radio', { name: 'Non' }).check();
    await phone.getByRole('button', { name: 'Voter' }).click();
    await expect.poll(() => text(confirmation), SOON).toContain('Vote enregistré ✓');
    expect(await text(confirmation)).toContain('Votre vote : Non.');

    await phone.getByRole('button', { name: 'Demander la parole' }).click();
    await phone.getByTestId('my-hand').waitFor(SOON);
    expect(await text(assertive)).toBe('');
    await ok(facilitator, 'queue:give', {});
    await expect.poll(() => text(assertive), SOON).toBe('C’est à vous ! Vous avez la parole.');

    // In English too.
    await phone.getByRole('button', { name: 'EN, English' }).click();
    await expect.poll(() => text(assertive)).toBe('Your turn! You have the floor.');
    await phone.context().close();
  }, 80_000);

  it('reaches every control of the participant, facilitator, projection, organiser and record screens with Tab, in document order, each with a visible focus and no trap', async () => {
    const { group, workshop, facilitator } = await liveWorkshopWithFacilitator(server, 'Atelier parcouru au clavier');
    const pollItem = await ok(facilitator, 'poll:create', { poll: { kind: 'single', question: QUESTION, choices: ['Oui', 'Non', 'Je ne sais pas'] } });
    await ok(facilitator, 'word-cloud:create', { cloud: { prompt: 'Un mot pour finir', maxEntries: 3 } });
    await ok(facilitator, 'agenda:open', { itemId: pollItem.item.id });
    const others = await Promise.all(['concerned', 'concerned', 'concerned', 'professional'].map((standpoint) => joinAndConnect(server, workshop.joinCode, standpoint)));
    await Promise.all(others.map((other, i) => ok(other.socket, 'poll:vote', { itemId: pollItem.item.id, ballotId: clientId(), choices: [i % 2] })));
    await ok(others[0]!.socket, 'queue:raise', { kind: 'question' });
    await ok(others[1]!.socket, 'contribution:submit', { text: 'Les horaires d’accueil ne conviennent pas aux familles.', kind: null });

    const phone = await (await keyboardPhone(browser)).newPage();
    await phone.goto(`${server.url}/j/${workshop.joinCode}`);
    await phone.getByRole('radio', { name: 'Bénévole' }).check();
    await phone.getByRole('button', { name: 'Entrer' }).click();
    await phone.getByRole('radio', { name: 'Je ne sais pas' }).waitFor(SOON);
    await phone.locator('li[data-contribution]').waitFor(SOON);
    const participantWalk = await tabWalk(phone);
    expectFullWalk('participant', participantWalk);
    // One column: each stop is below (or beside) the one before.
    for (const [i, stop] of participantWalk.stops.entries()) {
      const before = participantWalk.stops[i - 1];
      if (before && before.key !== participantWalk.stops[0]!.key) expect(stop.top, `${stop.name} comes after ${before.name}`).toBeGreaterThanOrEqual(before.top - 8);
    }

    const console = await (await laptopContext(browser)).newPage();
    await console.goto(workshop.links.facilitator);
    await console.getByTestId('workshop-state').waitFor();
    expectFullWalk('facilitator, attendance', await tabWalk(console));
    for (const tab of ['Déroulé', 'Tours de parole', 'Tableau & propositions']) {
      await console.getByRole('tab', { name: tab }).click();
      await console.getByRole('tabpanel').waitFor();
      if (tab === 'Déroulé') await console.getByTestId('on-stage').getByText(QUESTION).waitFor(SOON);
      else if (tab === 'Tours de parole') await console.getByTestId('console-waiting').locator('li').waitFor(SOON);
      else await console.getByRole('region', { name: 'Formation', exact: true }).waitFor(SOON);
      expectFullWalk(`facilitator, ${tab}`, await tabWalk(console));
    }

    const projection = await (await projectionContext(browser)).newPage();
    await projection.goto(workshop.links.projection);
    await projection.locator('[data-poll] li[data-choice]').first().waitFor(SOON);
    expectFullWalk('projection', await tabWalk(projection));

    await console.goto(`${server.url}/organiser#${ORGANISER_TOKEN}`);
    await console.locator(`a[href="/organiser/groupes/${group.id}"]`).click();
    await console.locator(`[data-workshop="${workshop.id}"]`).waitFor();
    expectFullWalk('organiser, group page', await tabWalk(console));

    const run = await runWorkshop(server);
    await ok(run.facilitator, 'workshop:close', {});
    await waitForVersions(server, run.workshop.id, 1);
    await console.goto(`${server.url}/organiser/groupes/${run.group.id}/registre`);
    await console.getByTestId('participation-table').waitFor(SOON);
    expectFullWalk('record, group timeline', await tabWalk(console));
    await console.goto(`${server.url}/organiser/groupes/${run.group.id}/registre/${run.workshop.id}`);
    await console.locator('[data-cloud] svg text[data-word]').first().waitFor(SOON);
    expectFullWalk('record, entry', await tabWalk(console));

    await Promise.all([phone, console, projection].map((page) => page.context().close()));
  }, 120_000);
});
