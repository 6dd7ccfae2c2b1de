import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeServedClient, laptopContext, phoneContext, projectionContext, SCREENSHOTS, startServedClient } from '../helpers/browser';
import { ORGANISER_TOKEN, joinAndConnect, type TestServer } from '../helpers/server';
import { clientId, ok, runWorkshop, waitForVersions } from '../integration/records-helpers';
import { WCAG_TAGS, audit, joinOnPhone, liveWorkshopWithFacilitator, switchLanguage, text } from './accessibility-helpers';

/** Phones get results and attendance at most every second or two (the server coalesces them). */
const SOON = { timeout: 10_000 };
const QUESTION = 'Est-ce que ce webinaire vous a permis de mieux comprendre ce qu’est un Comité local du travail social ?';
const PROMPT = 'Quel mot représente le mieux votre état d’esprit en quittant ce webinaire ?';

/** The board and the proposals, the shared writing space of the participant screen: its layout is checked on its own. */
const BOARD = '.board-panel, [data-testid="proposals"]';

/**
 * What goes wrong with a part of a participant screen's layout (the board and the proposals, or the
 * rest): sideways scrolling, a target smaller than 44×44 px (a radio or checkbox counts with its label,
 * which is what a finger presses), a control whose text is cut, two targets on top of each other, and
 * (if `wholeWords`) a word cut across lines although a line could hold it.
 */
function layoutProblems(page: Page, width: number, wholeWords: boolean, part: 'board' | 'rest'): Promise<string[]> {
  return page.evaluate(([screen, words, board, inBoard]) => {
    const mine = (element: Element) => (element.closest(board) !== null) === inBoard;
    const problems: string[] = [];
    const scroller = document.scrollingElement ?? document.documentElement;
    // Against the phone's width, not innerWidth: a mobile browser widens its layout viewport to fit wide content.
    if (scroller.scrollWidth > screen || window.innerWidth > screen) {
      const outside = [...document.body.querySelectorAll<HTMLElement>('*')].filter((element) => element.getBoundingClientRect().right > screen + 1 && !element.closest('.visually-hidden'));
      const innermost = outside.filter((element) => mine(element) && !outside.some((other) => other !== element && element.contains(other)));
      if (innermost.length > 0) problems.push(`scrolls sideways: ${scroller.scrollWidth} px wide, viewport ${window.innerWidth} px, on a ${screen} px screen; sticking out: ${innermost.map((element) => `<${element.tagName.toLowerCase()} class="${element.className}">`).join(', ')}`);
    }
    const skip = document.querySelector<HTMLElement>('.skip-link');
    const seen = new Set<Element>();
    const targets: Array<{ element: HTMLElement; name: string; box: DOMRect }> = [];
    const measure = (element: HTMLElement) => {
      const box = element.getBoundingClientRect();
      const name = `<${element.tagName.toLowerCase()}> “${(element.getAttribute('aria-label') ?? element.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40)}”`;
      return { element, name, box };
    };
    for (const control of document.querySelectorAll<HTMLElement>('button, a[href], input, textarea, select')) {
      if (control === skip || (control instanceof HTMLInputElement && control.type === 'hidden')) continue;
      const element = control instanceof HTMLInputElement && (control.type === 'radio' || control.type === 'checkbox') ? (control.closest('label') ?? control) : control;
      if (seen.has(element) || !mine(element) || !element.checkVisibility({ visibilityProperty: true })) continue;
      seen.add(element);
      targets.push(measure(element));
    }
    if (skip && !inBoard) {
      skip.focus();
      targets.push(measure(skip));
      skip.blur();
    }
    for (const { element, name, box } of targets) {
      if (box.width < 43.5 || box.height < 43.5) problems.push(`${name} is ${Math.round(box.width)}×${Math.round(box.height)} px`);
      if (element.scrollWidth > element.clientWidth + 1 && !(element instanceof HTMLInputElement) && !(element instanceof HTMLTextAreaElement)) problems.push(`${name} cuts its text`);
    }
    for (const [i, a] of targets.entries()) {
      if (a.element === skip) continue;
      for (const b of targets.slice(i + 1)) {
        if (b.element === skip || a.element.contains(b.element) || b.element.contains(a.element)) continue;
        const overlap = Math.min(a.box.right, b.box.right) - Math.max(a.box.left, b.box.left);
        const height = Math.min(a.box.bottom, b.box.bottom) - Math.max(a.box.top, b.box.top);
        if (overlap > 1 && height > 1) problems.push(`${a.name} overlaps ${b.name}`);
      }
    }
    // A word cut across two lines although the page's column could hold it beside two paddings and a
    // pictogram: something squeezed it.
    const main = document.querySelector('main');
    const column = main ? main.clientWidth - parseFloat(getComputedStyle(main).paddingLeft) - parseFloat(getComputedStyle(main).paddingRight) : screen;
    const room = column - 96;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = words ? walker.nextNode() : null; node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || !mine(parent) || parent.closest('.visually-hidden, script, style, svg') || !parent.checkVisibility({ visibilityProperty: true })) continue;
      for (const match of (node.textContent ?? '').matchAll(/\S+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].filter((rect) => rect.width > 0).map((rect) => Math.round(rect.top)));
        const wide = [...range.getClientRects()].reduce((sum, rect) => sum + rect.width, 0);
        if (lines.size > 1 && wide < room) problems.push(`“${match[0]}” is cut across lines (${Math.round(wide)} px wide, ${room} px of room)`);
      }
    }
    return problems;
  }, [width, wholeWords, BOARD, part === 'board'] as const);
}

/**
 * Checks a part of a phone's screen at 320 px as it is; with the text at 200 % (a phone's largest text
 * setting) on 320 px, where a word longer than ten letters must break but nothing may scroll sideways,
 * overlap or be cut; and with the text at 200 % on a common 360 px phone, where words stay whole too.
 * With `shot`, a piece of the screen is photographed in each case, for people to look at.
 */
async function wholeScreen(phone: Page, state: string, part: 'board' | 'rest', shot?: { of: Locator; name: string }): Promise<void> {
  const cases = [
    { width: 320, fontSize: '100%', wholeWords: true },
    { width: 320, fontSize: '200%', wholeWords: false },
    { width: 360, fontSize: '200%', wholeWords: true },
  ];
  for (const { width, fontSize, wholeWords } of cases) {
    await phone.setViewportSize({ width, height: 640 });
    await phone.evaluate((size) => (document.documentElement.style.fontSize = size), fontSize);
    expect.soft(await layoutProblems(phone, width, wholeWords, part), `${state}, ${width} px, text at ${fontSize}`).toEqual([]);
    if (shot) await shot.of.screenshot({ path: path.join(SCREENSHOTS, `${shot.name}-${width}px-text-${parseInt(fontSize)}.png`), animations: 'disabled' });
  }
  await phone.evaluate(() => (document.documentElement.style.fontSize = ''));
  await phone.setViewportSize({ width: 320, height: 640 });
}

/** A phone 320 px wide, the narrowest in use. */
async function narrowPhone(browser: Browser): Promise<Page> {
  return (await browser.newContext({ viewport: { width: 320, height: 640 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'fr-FR' })).newPage();
}

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
    ({ server, browser } = await startServedClient());
  });

  afterAll(async () => {
    await closeServedClient({ server, browser });
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
    await phone.getByText('Pour l’instant, écoutez la personne qui anime.').waitFor(SOON);
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

    // The board: an idea on a card, a dot, and a proposal born from it, open for writing.
    const formation = phone.getByRole('region', { name: 'Formation', exact: true });
    await formation.getByRole('button', { name: /Ajouter une idée/ }).click();
    await formation.getByLabel(/Votre idée pour/).fill('Former les agents d’accueil à l’écoute');
    await check(phone, 'participant, board, writing a card');
    await formation.getByRole('button', { name: 'Ajouter la carte' }).click();
    const card = phone.locator('li[data-card-id]').first();
    await card.waitFor(SOON);
    await card.getByRole('button', { name: '+ gommette' }).click();
    await expect.poll(() => text(card.getByTestId('dot-total')), SOON).toBe('1 gommette');
    await check(phone, 'participant, board with a card');
    await card.getByRole('button', { name: 'En faire une proposition' }).click();
    await phone.locator('article[data-proposal] .proposal-text').waitFor(SOON);
    await check(phone, 'participant, proposal being written');
    await projection.getByTestId('projection-board').waitFor(SOON);
    await check(projection, 'projection, board and proposals');
    await facilitator.getByRole('tab', { name: 'Tableau & propositions' }).click();
    await facilitator.locator('li[data-card-id]').first().waitFor(SOON);
    await check(facilitator, 'facilitator, board and proposals tab');
    // The proposal's text on the room's screen, then back to the board.
    const proposal = facilitator.locator('li[data-proposal-item]').first();
    await proposal.getByRole('button', { name: /^(Lire|Ouvrir pour écrire)$/ }).click();
    const opened = facilitator.locator('article[data-proposal]');
    await opened.getByRole('button', { name: 'Montrer ce texte à l’écran' }).click();
    await projection.getByTestId('projection-proposal-text').waitFor(SOON);
    await check(projection, 'projection, a proposal shown');
    await opened.getByRole('button', { name: 'Ne plus le montrer' }).click();
    await projection.getByTestId('projection-board').waitFor(SOON);
    await facilitator.getByRole('tab', { name: 'Compte rendu' }).click();
    await facilitator.getByLabel('Résumé de l’atelier (facultatif)').waitFor();
    await check(facilitator, 'facilitator, report tab');

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
  }, 220_000);

  it('keeps every participant screen (but the board) whole at 320 px wide, with text enlarged to 200 %, with targets of at least 44×44 px', async () => {
    const { workshop, facilitator } = await liveWorkshopWithFacilitator(server, 'Accès aux droits : ce qui bloque quand on n’a pas d’ordinateur');
    const yesNo = await ok(facilitator, 'poll:create', { poll: { kind: 'yes_no', question: QUESTION } });
    const scale = await ok(facilitator, 'poll:create', { poll: { kind: 'scale', question: 'Vous sentez-vous écouté·e par les services ?', scale: { points: 5, minLabel: 'Pas du tout', maxLabel: 'Tout à fait' } } });
    const cloud = await ok(facilitator, 'word-cloud:create', { cloud: { prompt: PROMPT, maxEntries: 3 } });
    const other = await joinAndConnect(server, workshop.joinCode, 'professional');
    await ok(other.socket, 'contribution:submit', { text: 'Les démarches en ligne sont difficiles sans ordinateur ni imprimante.', kind: 'testimony' });
    const phone = await narrowPhone(browser);
    const whole = (state: string) => wholeScreen(phone, state, 'rest');

    await phone.goto(server.url);
    await phone.getByLabel('Code de l’atelier').waitFor();
    await whole('home');
    await phone.goto(`${server.url}/j/${workshop.joinCode}`);
    await phone.getByRole('radio', { name: 'Bénévole' }).check();
    await whole('join form');
    await phone.getByRole('button', { name: 'Entrer' }).click();
    await phone.locator('li[data-contribution]').waitFor(SOON);
    await whole('waiting');

    await ok(facilitator, 'agenda:open', { itemId: yesNo.item.id });
    await phone.getByRole('radio', { name: 'Oui' }).check();
    await whole('open poll');
    await phone.getByRole('button', { name: 'Voter' }).click();
    await ok(other.socket, 'poll:vote', { itemId: yesNo.item.id, ballotId: clientId(), choices: [1] });
    await phone.locator('[data-poll] li[data-choice]').first().waitFor(SOON);
    await whole('vote recorded with results');
    await ok(facilitator, 'agenda:close', { itemId: yesNo.item.id });
    await ok(facilitator, 'agenda:open', { itemId: scale.item.id });
    await phone.getByRole('radio', { name: '5' }).waitFor(SOON);
    await whole('scale poll');
    await ok(facilitator, 'agenda:close', { itemId: scale.item.id });

    await ok(facilitator, 'agenda:open', { itemId: cloud.item.id });
    const field = phone.locator('[data-cloud]').getByLabel('Votre mot');
    await field.fill('Pouvoir d’agir');
    // Sent with the keyboard's "send" key, as on a phone (the button is pressed in the word-cloud tests).
    await field.press('Enter');
    await phone.getByRole('button', { name: 'Retirer « Pouvoir d’agir »' }).waitFor(SOON);
    await whole('word cloud, a word sent');
    await ok(facilitator, 'agenda:close', { itemId: cloud.item.id });

    await phone.getByRole('button', { name: 'Question' }).first().click();
    await phone.getByRole('button', { name: 'Demander la parole' }).click();
    await phone.getByTestId('my-hand').waitFor(SOON);
    await whole('hand raised');
    await ok(facilitator, 'queue:give', {});
    await ok(facilitator, 'queue:start-timer', { seconds: 120 });
    await phone.getByTestId('your-turn').getByRole('timer').waitFor(SOON);
    await whole('c’est à vous');
    await phone.context().close();
  }, 120_000);

  it('keeps the board and the proposals whole on a phone 320 px wide, with text enlarged to 200 %, with targets of at least 44×44 px', async () => {
    const { workshop } = await liveWorkshopWithFacilitator(server, 'Accès aux droits : les idées du groupe');
    const phone = await narrowPhone(browser);
    await phone.goto(`${server.url}/j/${workshop.joinCode}`);
    await phone.getByRole('radio', { name: 'Bénévole' }).check();
    await phone.getByRole('button', { name: 'Entrer' }).click();
    const formation = phone.getByRole('region', { name: 'Formation', exact: true });
    await formation.waitFor(SOON);
    await wholeScreen(phone, 'board', 'board');
    await formation.getByRole('button', { name: /Ajouter une idée/ }).click();
    await formation.getByLabel(/Votre idée pour/).fill('Former les agents d’accueil à l’écoute des personnes');
    await wholeScreen(phone, 'board, writing a card', 'board');
    await formation.getByRole('button', { name: 'Ajouter la carte' }).click();
    const card = phone.locator('li[data-card-id]').first();
    await card.getByRole('button', { name: '+ gommette' }).click();
    await expect.poll(() => text(card.getByTestId('dot-total')), SOON).toBe('1 gommette');
    await wholeScreen(phone, 'board with a card and a dot', 'board', { of: formation, name: 'board-participant-phone' });
    await card.getByRole('button', { name: 'En faire une proposition' }).click();
    await phone.locator('article[data-proposal] .proposal-text').waitFor(SOON);
    await wholeScreen(phone, 'proposal being written', 'board', { of: phone.getByTestId('proposals'), name: 'proposal-participant-phone' });
    await phone.context().close();
  }, 60_000);

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
  }, 120_000);
});
