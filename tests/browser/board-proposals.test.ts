import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boardDocName, readBoard } from '../../shared/board-doc';
import { closeServedClient, laptopContext, phoneContext, projectionContext, SCREENSHOTS, startServedClient } from '../helpers/browser';
import { createWorkshop, type TestServer } from '../helpers/server';
import { provider, synced } from '../integration/board-helpers';
import { audit, text } from './accessibility-helpers';

/** Dot totals reach phones at most twice a second, staff ten times (the server coalesces them). */
const SOON = { timeout: 10_000 };

function shoot(page: Page, name: string, fullPage = false): Promise<Buffer> {
  return page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage });
}

/** A picture of one part of a page (the board on a long phone page), scrolled to its top so that sticky parts sit in place. */
async function shootPart(part: Locator, name: string): Promise<Buffer> {
  await part.evaluate((element) => element.scrollIntoView({ block: 'start' }));
  return part.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}

async function join(page: Page, server: TestServer, code: string, standpoint: string, pseudonym: string): Promise<void> {
  await page.goto(`${server.url}/j/${code}`);
  await page.getByRole('radio', { name: standpoint }).check();
  await page.getByLabel('Votre prénom (pas obligatoire)').fill(pseudonym);
  await page.getByRole('button', { name: 'Entrer' }).click();
  await page.getByRole('heading', { name: 'Tableau partagé' }).waitFor(SOON);
}

/** The card holding `words` on this page. */
const cardWith = (page: Page, words: string): Locator => page.locator('li[data-card-id]', { hasText: words });

/** Puts the caret at the very end of a proposal's text: a tap right of the last line of its last paragraph. */
async function caretAtEnd(editor: Locator): Promise<void> {
  const last = editor.locator('p').last();
  const box = (await last.boundingBox())!;
  await last.click({ position: { x: box.width - 2, y: box.height - 4 } });
}

/** A proposal's paragraphs as a reader sees them, without the others' cursor labels. */
function paragraphsOf(editor: Locator): Promise<string[]> {
  return editor.locator('p').evaluateAll((paragraphs) =>
    paragraphs.map((paragraph) => {
      const copy = paragraph.cloneNode(true) as HTMLElement;
      for (const caret of copy.querySelectorAll('.collaboration-carets__caret')) caret.remove();
      return (copy.textContent ?? '').trim();
    }),
  );
}

/** Types at the end of a proposal's text, in a new paragraph. */
async function writeAtEnd(page: Page, editor: Locator, words: string): Promise<void> {
  await caretAtEnd(editor);
  await page.keyboard.press('Enter');
  await page.keyboard.type(words);
}

describe('the shared board and proposals in a browser', () => {
  let server: TestServer;
  let browser: Browser;
  const watchers: Array<{ destroy(): void }> = [];

  beforeAll(async () => {
    ({ server, browser } = await startServedClient());
  });

  afterAll(async () => {
    for (const watcher of watchers) watcher.destroy();
    await closeServedClient({ server, browser });
  });

  it('a card added on a phone reaches the projection with its dot, a phone and a laptop co-write a proposal with a bold word, only a person at work publishes awareness, and a locked board stays readable but not writable', async () => {
    const workshop = await createWorkshop(server, 'Accès aux droits : nos propositions');

    const facilitator = await (await laptopContext(browser)).newPage();
    await facilitator.goto(workshop.links.facilitator);
    await facilitator.getByRole('button', { name: 'Ouvrir l’atelier' }).click();
    await expect.poll(() => text(facilitator.getByTestId('workshop-state')), SOON).toBe('État : En cours');

    const projection = await (await projectionContext(browser)).newPage();
    await projection.goto(workshop.links.projection);
    await projection.getByRole('heading', { name: workshop.title }).waitFor();

    // A participant on a small phone writes a card in the "Formation" column, anonymously.
    const phone = await (await phoneContext(browser)).newPage();
    await join(phone, server, workshop.joinCode, 'Personne concernée / accompagnée', 'Nadia');
    const formation = phone.getByRole('region', { name: 'Formation', exact: true });
    await formation.getByRole('button', { name: /Ajouter une idée/ }).click();
    const idea = 'Former les professionnels avec les personnes concernées';
    await formation.getByLabel(/Votre idée pour/).fill(idea);
    expect(await formation.getByRole('checkbox', { name: 'Signer avec mon prénom (Nadia)' }).isChecked()).toBe(false);
    await formation.getByRole('button', { name: 'Ajouter la carte' }).click();
    await cardWith(phone, idea).waitFor(SOON);
    // From here on, by id: while its text is being edited, a card shows a text box instead.
    const cardId = (await cardWith(phone, idea).getAttribute('data-card-id'))!;
    const card = phone.locator(`li[data-card-id="${cardId}"]`);
    expect(await formation.locator('li[data-card-id]').count()).toBe(1);
    expect(await text(card)).not.toContain('Nadia');

    // The projection shows it under "Formation".
    const projected = projection.getByTestId('projection-board');
    const projectedFormation = projected.getByRole('region', { name: 'Formation', exact: true });
    await expect.poll(() => text(projectedFormation), SOON).toContain(idea);

    // A dot: the phone counts down its budget, every screen shows the total.
    await expect.poll(() => text(phone.getByTestId('dots-left')), SOON).toBe('● Il vous reste 3 gommettes');
    await card.getByRole('button', { name: '+ gommette' }).click();
    await expect.poll(() => text(phone.getByTestId('dots-left')), SOON).toBe('● Il vous reste 2 gommettes');
    await expect.poll(() => text(card.getByTestId('dot-total')), SOON).toBe('1 gommette');
    expect(await card.getByRole('button', { name: '− gommette' }).isVisible()).toBe(true);
    await expect.poll(() => text(projection.locator(`li[data-card-id="${cardId}"]`).getByTestId('dot-total')), SOON).toBe('1 gommette');
    const phoneBoard = phone.getByRole('region', { name: 'Tableau partagé' });
    await shootPart(phoneBoard, 'board-participant');
    // Every control of the board is a large target, and the board fits a 320 px wide screen.
    const small = (part: Locator) =>
      part.locator('button, summary, input, textarea').evaluateAll((controls) =>
        controls.filter((control) => control.getBoundingClientRect().height < 44 || control.getBoundingClientRect().width < 44).map((control) => control.outerHTML.slice(0, 80)),
      );
    expect(await small(phoneBoard)).toEqual([]);
    await phone.setViewportSize({ width: 320, height: 740 });
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await phone.setViewportSize({ width: 360, height: 740 });

    // The facilitator drags the card with the mouse to another column; the phone moves it back with "Déplacer vers…".
    await facilitator.getByRole('tab', { name: 'Tableau & propositions' }).click();
    const staffCard = facilitator.locator(`li[data-card-id="${cardId}"]`);
    await staffCard.waitFor(SOON);
    await staffCard.scrollIntoViewIfNeeded();
    const handle = await staffCard.locator('.handle').boundingBox();
    const staffTarget = facilitator.getByRole('region', { name: 'Attractivité des métiers', exact: true });
    const target = await staffTarget.boundingBox();
    expect(handle && target).toBeTruthy();
    await facilitator.mouse.move(handle!.x + handle!.width / 2, handle!.y + handle!.height / 2);
    await facilitator.mouse.down();
    await facilitator.mouse.move(target!.x + target!.width / 2, handle!.y + handle!.height / 2, { steps: 12 });
    await staffTarget.getByText('Poser la carte ici').waitFor();
    await facilitator.mouse.up();
    const attractiveness = phone.getByRole('region', { name: 'Attractivité des métiers', exact: true });
    await expect.poll(() => text(attractiveness), SOON).toContain(idea);
    await expect.poll(() => text(projected.getByRole('region', { name: 'Attractivité des métiers', exact: true })), SOON).toContain(idea);

    await card.getByRole('button', { name: 'Déplacer vers…' }).click();
    await card.getByRole('button', { name: 'Vers « Formation »' }).click();
    await expect.poll(() => text(formation), SOON).toContain(idea);
    await expect.poll(() => phone.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Déplacer vers…');

    // The card becomes a proposal; Nadia (phone) and Marc (laptop) write it together.
    await card.getByRole('button', { name: 'En faire une proposition' }).click();
    const phoneEditor = phone.locator('.proposal-text');
    await expect.poll(() => phoneEditor.innerText(), SOON).toContain(idea);
    expect(await phoneEditor.getAttribute('aria-label')).toMatch(/^Texte de la proposition/);

    const laptop = await (await laptopContext(browser)).newPage();
    await join(laptop, server, workshop.joinCode, 'Professionnel·le du social ou médico-social', 'Marc');
    const item = laptop.locator('li[data-proposal-item]').first();
    await item.waitFor(SOON);
    await item.getByRole('button', { name: 'Ouvrir pour écrire' }).click();
    const laptopEditor = laptop.locator('.proposal-text');
    await expect.poll(() => laptopEditor.innerText(), SOON).toContain(idea);

    await writeAtEnd(phone, phoneEditor, 'Avec des temps de formation communs.');
    await expect.poll(() => laptopEditor.innerText(), SOON).toContain('Avec des temps de formation communs.');

    await writeAtEnd(laptop, laptopEditor, 'Nous voulons ');
    await laptop.getByRole('button', { name: 'Gras' }).click();
    expect(await laptop.getByRole('button', { name: 'Gras' }).getAttribute('aria-pressed')).toBe('true');
    await laptop.keyboard.type('ensemble');
    await laptop.getByRole('button', { name: 'Gras' }).click();
    await laptop.keyboard.type(' des formations.');
    const paragraphs = [idea, 'Avec des temps de formation communs.', 'Nous voulons ensemble des formations.'];
    await expect.poll(() => paragraphsOf(phoneEditor), SOON).toEqual(paragraphs);
    expect(await paragraphsOf(laptopEditor)).toEqual(paragraphs);
    await expect.poll(() => phoneEditor.locator('strong').allInnerTexts(), SOON).toEqual(['ensemble']);

    // Each sees the other's cursor, labelled with the first name.
    await caretAtEnd(phoneEditor);
    await expect.poll(() => phone.locator('.collaboration-carets__label').allInnerTexts(), SOON).toEqual(['Marc']);
    await expect.poll(() => laptop.locator('.collaboration-carets__label').allInnerTexts(), SOON).toEqual(['Nadia']);
    await shootPart(phone.locator('article[data-proposal]'), 'proposal-participant-editor');
    expect(await small(phone.locator('article[data-proposal]'))).toEqual([]);
    await shootPart(laptop.locator('article[data-proposal]'), 'proposal-laptop-editor');

    const [written] = await server.services.proposals.texts(workshop.id);
    expect(written!.markdown).toBe(`${idea}\n\nAvec des temps de formation communs.\n\nNous voulons **ensemble** des formations.`);

    // Nadia supports it once; everyone sees the count.
    const opened = phone.locator('article[data-proposal]');
    await opened.getByRole('button', { name: 'Je soutiens' }).click();
    await expect.poll(() => text(opened.getByTestId('proposal-supports')), SOON).toBe('1 soutien');
    expect(await opened.getByRole('button', { name: 'Je soutiens' }).count()).toBe(0);
    await expect.poll(() => text(projection.getByTestId('projection-proposals')), SOON).toContain('1 soutien');

    // Idle pages publish no awareness: a watcher of the board document sees nobody until someone edits.
    const watcher = provider(server, boardDocName(workshop.id), { role: 'projection', secret: workshop.projectionSecret });
    watchers.push(watcher);
    watcher.awareness.setLocalState(null);
    await synced(watcher);
    const present = () => [...watcher.awareness.getStates().values()] as Array<{ editing?: string; user?: { name: string } }>;
    await phone.waitForTimeout(300);
    expect(present()).toEqual([]);

    // Nadia starts editing her card; the facilitator locks the board: her editor closes, nothing is writable.
    await card.getByRole('button', { name: 'Modifier' }).click();
    const cardEditor = card.getByRole('textbox', { name: 'Texte de la carte' });
    await cardEditor.press('End');
    await cardEditor.pressSequentially(' et les élus');
    const edited = `${idea} et les élus`;
    await expect.poll(() => text(projectedFormation), SOON).toContain(edited);
    await expect.poll(() => text(staffCard), SOON).toContain('Nadia écrit sur cette carte');
    expect(present()).toEqual([{ user: { name: 'Nadia', color: expect.stringMatching(/^#[0-9a-f]{6}$/) }, editing: cardId }]);
    await expect.poll(() => text(staffCard.getByTestId('card-dots')), SOON).toContain('1 gommette');
    await shoot(facilitator, 'board-facilitator', true);

    await facilitator.getByRole('button', { name: 'Fermer le tableau (lecture seule)' }).click();
    await expect.poll(() => text(facilitator.getByTestId('board-lock-state')), SOON).toMatch(/^Le tableau est fermé/);
    await expect.poll(() => text(phone.getByTestId('read-only')), SOON).toContain('Lecture seule');
    await expect.poll(() => cardEditor.count(), SOON).toBe(0);
    expect(await phone.getByRole('button', { name: /Ajouter une idée/ }).count()).toBe(0);
    expect(await card.getByRole('button', { name: 'Modifier' }).count()).toBe(0);
    expect(await card.getByRole('button', { name: 'Déplacer vers…' }).count()).toBe(0);
    expect(await card.locator('.handle').count()).toBe(0);
    expect(await text(card)).toContain(edited);
    await expect.poll(() => present(), SOON).toEqual([]);
    await shootPart(phoneBoard, 'board-participant-locked');

    // The server kept the card, in its column, with the text written before the lock.
    const stored = readBoard(await server.yjs.getDoc(boardDocName(workshop.id)));
    const formationId = stored.columns.find((column) => column.title === 'Formation')!.id;
    expect(stored.cards.map((c) => ({ columnId: c.columnId, text: c.text, signature: c.signature }))).toEqual([{ columnId: formationId, text: edited, signature: null }]);

    // Nothing else holds the stage: the projection shows the board and the proposal.
    await expect.poll(() => text(projected), SOON).toContain('Lecture seule');
    await shoot(projection, 'board-projection');

    // The facilitator puts the proposal to a vote: the poll opens on the phone and the text is no longer
    // writable; then the facilitator marks it adopted.
    await facilitator.locator('li[data-proposal-item]').first().getByRole('button', { name: 'Ouvrir pour écrire' }).click();
    const staffOpened = facilitator.locator('article[data-proposal]');
    expect(await text(staffOpened)).toContain('Soutiens par regard');
    await staffOpened.getByRole('button', { name: 'Mettre au vote' }).click();
    await phone.getByText(/^Proposition\s*:\s*Former les professionnels/).waitFor(SOON);
    await expect.poll(() => text(opened.getByTestId('proposal-status')), SOON).toBe('Au vote');
    await expect.poll(() => phoneEditor.getAttribute('contenteditable'), SOON).toBe('false');
    expect(await text(phone.locator('article[data-proposal]').getByTestId('read-only'))).toContain('Cette proposition est au vote ou décidée.');
    await staffOpened.getByRole('button', { name: 'Adoptée', exact: true }).click();
    await expect.poll(() => text(opened.getByTestId('proposal-status')), SOON).toBe('Adoptée');
    await shootPart(staffOpened, 'proposal-facilitator');

    const phoneAudit = await audit(phone);
    expect(phoneAudit.violations).toEqual([]);
    const staffAudit = await audit(facilitator);
    expect(staffAudit.violations).toEqual([]);

    await Promise.all([phone, laptop, facilitator, projection].map((page) => page.context().close()));
  }, 120_000);
});
