import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { DEFAULT_STANDPOINTS } from '../../shared/standpoints';
import type { Person } from '../../scripts/demo/webinar-scenario';
import { phoneContext } from '../helpers/browser';

/** The built client (as `npm start` serves it); CROISEE_CLIENT_DIR points elsewhere, as for the server. */
export const CLIENT_DIR = path.resolve(process.env.CROISEE_CLIENT_DIR || 'client/dist');
export const SCREENSHOTS = path.resolve('docs/screenshots');
/** Phones get coalesced frames (attendance every 2 s, results every second or two): wait well beyond that. */
export const SOON = { timeout: 15_000 };

/** Fails loudly when the client was not built: browser tests never skip. */
export function requireClientBuild(): void {
  if (!fs.existsSync(path.join(CLIENT_DIR, 'index.html'))) {
    throw new Error(`${CLIENT_DIR}/index.html is missing: build the client first (npm run build)`);
  }
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
}

/** What a person reads, spaces collapsed (French typography puts no-break spaces before ":" "!" "?" and inside « »). */
export async function text(locator: Locator): Promise<string> {
  return (await locator.innerText()).replace(/\s+/g, ' ').trim();
}

/** `docs/screenshots/webinar-NN-<step>-<view>.png`: one step of the webinar as one kind of screen saw it. */
export function shoot(page: Page, step: number, name: string, view: 'participant' | 'facilitator' | 'projection' | 'organiser' | 'record', fullPage = false): Promise<Buffer> {
  const file = path.join(SCREENSHOTS, `webinar-${String(step).padStart(2, '0')}-${name}-${view}.png`);
  return page.screenshot({ path: file, fullPage, animations: 'disabled' });
}

/** Scrolls so that `locator` starts at the top of the screen, below the page's sticky header, as a person would scroll to it. */
export async function scrollTo(locator: Locator): Promise<void> {
  await locator.evaluate((element) => {
    element.scrollIntoView({ block: 'start' });
    window.scrollBy(0, -72);
  });
}

/** The French label of a standpoint, as the join form shows it ("Je préfère ne pas dire" for none). */
export function standpointLabel(key: string | null): string {
  if (key === null) return 'Je préfère ne pas dire';
  const standpoint = DEFAULT_STANDPOINTS.find((s) => s.key === key);
  if (!standpoint) throw new Error(`unknown standpoint ${key}`);
  return standpoint.label.fr;
}

/** Opens a phone on the join link, chooses the person's standpoint, gives their first name if any; `before` sees the filled form. */
export async function joinOnPhone(browser: Browser, url: string, joinCode: string, person: Person, before?: (phone: Page) => Promise<unknown>): Promise<Page> {
  const phone = await (await phoneContext(browser)).newPage();
  await phone.goto(`${url}/j/${joinCode}`);
  await phone.getByRole('radio', { name: standpointLabel(person.standpoint), exact: true }).check();
  if (person.pseudonym) await phone.getByLabel('Votre prénom (pas obligatoire)').fill(person.pseudonym);
  await before?.(phone);
  await phone.getByRole('button', { name: 'Entrer' }).click();
  await phone.getByRole('heading', { name: /^Vous êtes dans l’atelier/ }).waitFor(SOON);
  return phone;
}

/** Runs `task` over `items` with at most `width` at a time, keeping the results in order. */
export async function inBatches<T, R>(items: readonly T[], width: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += width) {
    results.push(...(await Promise.all(items.slice(start, start + width).map((item, offset) => task(item, start + offset)))));
  }
  return results;
}

/** A board column on a page, found by its title. */
export function boardColumn(page: Page, title: string): Locator {
  return page.getByTestId('board-column').filter({ has: page.getByRole('heading', { level: 3, name: title, exact: true }) });
}

/** A card of the board on a page, found by its text. */
export function boardCard(page: Page, cardText: string): Locator {
  return page.locator('li[data-card-id]').filter({ has: page.getByTestId('card-text').getByText(cardText, { exact: true }) });
}

/** The editable text of the proposal open on a page. */
export function proposalEditor(page: Page): Locator {
  return page.getByTestId('proposal-editor').locator('[contenteditable="true"]');
}
