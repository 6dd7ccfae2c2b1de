import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { closeServedClient, laptopContext, phoneContext, projectionContext, SCREENSHOTS, startServedClient } from '../helpers/browser';
import { joinAndConnect, type TestServer } from '../helpers/server';
import { liveBoard, openBoard, participant, provider, synced } from '../integration/board-helpers';
import { clientId, ok } from '../integration/records-helpers';
import { PROPOSAL_BODY, readBoard } from '../../shared/board-doc';
import { audit, liveWorkshopWithFacilitator, text } from './accessibility-helpers';

const SOON = { timeout: 10_000 };
const QUESTION = 'Est-ce que ce webinaire vous a permis de mieux comprendre ce qu’est un Comité local du travail social ?';
const PROMPT = 'Quel mot représente le mieux votre état d’esprit en quittant ce webinaire ?';
/**
 * Read from the back of a room on a 1920×1080 screen: headline parts (the code, the question, the bars'
 * labels…) at least 32 px, everything else (the rarest words of a cloud too) at least 24 px.
 */
const HEADLINE_PX = 32;
/** The join code, beside every live state. */
const CODE = { code: '.join .code' };
const BODY_PX = 24;

/** The smallest font size of each headline part, every piece of text smaller than the body minimum, and what the screen cuts off. */
interface Legibility {
  headlines: Record<string, number | null>;
  small: string[];
  below: string[];
}

/**
 * Measures the projection as the room sees it: each headline part's smallest computed font size, and
 * any visible text under the body minimum (the small language switch in the corner is for whoever
 * stands at the screen, not for the room).
 */
function legibility(page: Page, headlines: Record<string, string>): Promise<Legibility> {
  return page.evaluate(
    ([parts, minimum]) => {
      // SVG text (the word cloud) is drawn at its font size times the drawing's scale on the screen.
      const size = (element: Element) => {
        const fontSize = parseFloat(getComputedStyle(element).fontSize);
        const matrix = element instanceof SVGGraphicsElement ? element.getScreenCTM() : null;
        return matrix ? fontSize * Math.hypot(matrix.a, matrix.b) : fontSize;
      };
      const visible = (element: Element) => element.getClientRects().length > 0 && !element.closest('.visually-hidden');
      const measured: Record<string, number | null> = {};
      for (const [name, selector] of Object.entries(parts)) {
        const sizes = [...document.querySelectorAll(selector)].filter(visible).map(size);
        measured[name] = sizes.length > 0 ? Math.min(...sizes) : null;
      }
      const small: string[] = [];
      const walker = document.createTreeWalker(document.querySelector('main') ?? document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        const words = (node.textContent ?? '').trim();
        if (!parent || words.length === 0 || !visible(parent) || parent.closest('.corner, option')) continue;
        const fontSize = size(parent);
        if (fontSize < minimum) small.push(`“${words.slice(0, 40)}” at ${fontSize.toFixed(1)} px`);
      }
      // A select shows its chosen option's text at the select's own size.
      for (const select of document.querySelectorAll('main select')) {
        if (visible(select) && size(select) < minimum) small.push(`<select> “${(select as HTMLSelectElement).selectedOptions[0]?.text ?? ''}” at ${size(select).toFixed(1)} px`);
      }
      // A projection does not scroll: what is under the bottom edge is not seen.
      const below = [...document.querySelectorAll('main *')]
        .filter((element) => visible(element) && element.children.length === 0 && element.getBoundingClientRect().bottom > window.innerHeight + 1)
        .map((element) => `“${(element.textContent ?? '').trim().slice(0, 30)}” <${element.tagName.toLowerCase()}> under the bottom edge`);
      return { headlines: measured, small, below };
    },
    [headlines, BODY_PX] as const,
  );
}

describe('the projection, legible from the back of the room', () => {
  let server: TestServer;
  let browser: Browser;
  const report: string[] = [];

  beforeAll(async () => {
    ({ server, browser } = await startServedClient());
  });

  afterAll(async () => {
    await closeServedClient({ server, browser });
    if (report.length > 0) console.log(`projection legibility at 1920×1080:\n${report.join('\n')}`);
  });

  /** Screenshots the state, then checks its sizes (`body` parts are measured for the record, at the body minimum) and, with axe-core, its contrast. */
  async function check(page: Page, state: string, headlines: Record<string, string>, body: Record<string, string> = {}) {
    await page.screenshot({ path: path.join(SCREENSHOTS, `projection-legibility-${state}.png`), animations: 'disabled' });
    const measured = await legibility(page, { ...headlines, ...body });
    report.push(`${state.padEnd(24)} ${Object.entries(measured.headlines).map(([name, px]) => `${name} ${px?.toFixed(1)} px`).join(', ')}`);
    for (const [name, px] of Object.entries(measured.headlines)) {
      expect.soft(px, `${state}: ${name} is on the screen`).not.toBeNull();
      expect.soft(px ?? 0, `${state}: ${name}`).toBeGreaterThanOrEqual(name in body ? BODY_PX : HEADLINE_PX);
    }
    expect.soft(measured.small, `${state}: text under ${BODY_PX} px`).toEqual([]);
    expect.soft(measured.below, `${state}: cut off by the screen's bottom edge`).toEqual([]);
    const contrast = (await audit(page)).violations.filter((line) => line.startsWith('color-contrast'));
    expect.soft(contrast, `${state}: contrast`).toEqual([]);
  }

  it('writes the code, the attendance, the speaking queue, the poll and the word cloud (whole and by standpoint) and the closing words large enough, with enough contrast, within a 1920×1080 screen', async () => {
    const { workshop, facilitator } = await liveWorkshopWithFacilitator(server, 'Webinaire : le Comité local du travail social', 'Développement du pouvoir d’agir');
    const poll = await ok(facilitator, 'poll:create', { poll: { kind: 'yes_no', question: QUESTION } });
    const cloud = await ok(facilitator, 'word-cloud:create', { cloud: { prompt: PROMPT, maxEntries: 3 } });
    const standpoints = ['concerned', 'concerned', 'concerned', 'concerned', 'professional', 'professional', 'professional', 'student', 'elected', 'volunteer', null];
    const people = await Promise.all(standpoints.map((standpoint) => joinAndConnect(server, workshop.joinCode, standpoint)));
    const projection = await (await projectionContext(browser)).newPage();
    await projection.goto(workshop.links.projection);
    await expect.poll(() => text(projection.getByTestId('present-count')), SOON).toBe('11 présents');
    await check(projection, 'attendance', { ...CODE, 'present count': '[data-testid="present-count"]', 'standpoints': '[data-standpoint]' });

    const tickets: number[] = [];
    for (const person of people.slice(0, 4)) tickets.push((await ok(person.socket, 'queue:raise', { kind: 'question' })).ticketNumber);
    await ok(facilitator, 'queue:give', {});
    await ok(facilitator, 'queue:start-timer', { seconds: 120 });
    const message = await ok(people[5]!.socket, 'contribution:submit', { text: 'Comment faire quand on n’a pas d’ordinateur pour les démarches en ligne ?', kind: 'question' });
    await ok(facilitator, 'contribution:project', { contributionId: message.id });
    await projection.getByTestId('projection-queue').getByRole('timer').waitFor(SOON);
    await check(projection, 'speaking-queue', { ...CODE, speaker: '[data-testid="projection-queue"] .speaker', timer: '[data-testid="projection-queue"] [role="timer"]', 'next tickets': '[data-testid="projection-queue"] .ticket' });

    // The stage is cleared for the activities: the turn ends, the hands go down, the message leaves the screen.
    await ok(facilitator, 'queue:end-turn', {});
    for (const [i, person] of people.slice(1, 4).entries()) await ok(person.socket, 'queue:lower', { ticketNumber: tickets[i + 1]! });
    await ok(facilitator, 'contribution:project', { contributionId: null });
    await projection.getByTestId('projection-queue').waitFor({ state: 'detached', ...SOON });

    await ok(facilitator, 'agenda:open', { itemId: poll.item.id });
    await Promise.all(people.map((person, i) => ok(person.socket, 'poll:vote', { itemId: poll.item.id, ballotId: clientId(), choices: [i % 3 === 0 ? 1 : 0] })));
    await expect.poll(() => text(projection.getByTestId('poll-turnout')), SOON).toBe('11 votes sur 11 présents');
    await check(projection, 'poll', { ...CODE, question: '[data-poll] .question', 'bar labels': '[data-poll] li[data-choice] .label', 'bar figures': '[data-poll] li[data-choice] strong', turnout: '[data-testid="poll-turnout"]' });
    await ok(facilitator, 'agenda:display', { itemId: poll.item.id, byStandpoint: true });
    await projection.locator('[data-poll] tr[data-group]').first().waitFor(SOON);
    await check(projection, 'poll-by-standpoint', { ...CODE, question: '[data-poll] .question', 'standpoint names': '[data-poll] tr[data-group] .name', 'answers': '[data-poll] thead th' });
    await ok(facilitator, 'agenda:close', { itemId: poll.item.id });

    await ok(facilitator, 'agenda:open', { itemId: cloud.item.id });
    // Frequent words and rare ones, as in a real room: the rarest must stay legible too.
    const answers = [
      ['Motivée', 'Curieuse', 'Informée'], ['Motivé', 'Curieux', 'Confiante'], ['Motivée', 'Curieuse', 'Pouvoir d’agir'],
      ['Motivée', 'Rassurée', 'Écoutée'], ['Motivé', 'Curieuse', 'Solidaire'], ['Motivée', 'Informé', 'Engagée'],
      ['Curieux', 'Confiant', 'Reconnaissante'], ['Motivée', 'Impatiente'], ['Rassuré', 'Inspirée'], ['Fatiguée'], ['Optimiste', 'Motivée'],
    ];
    await Promise.all(people.map(async (person, i) => {
      for (const word of answers[i]!) await ok(person.socket, 'word-cloud:add', { itemId: cloud.item.id, entryId: clientId(), text: word });
    }));
    await expect.poll(() => projection.locator('[data-cloud] svg text[data-word]').count(), SOON).toBeGreaterThan(6);
    await check(projection, 'word-cloud', { ...CODE, prompt: '[data-cloud] .prompt' }, { words: '[data-cloud] svg text[data-word]' });
    await ok(facilitator, 'agenda:display', { itemId: cloud.item.id, byStandpoint: true });
    await projection.locator('[data-cloud] section[data-group]').first().waitFor(SOON);
    await check(projection, 'word-cloud-by-standpoint', { ...CODE, prompt: '[data-cloud] .prompt', 'standpoint names': '[data-cloud] section[data-group] h3' }, { words: '[data-cloud] svg text[data-word]' });
    await ok(facilitator, 'workshop:close', {});
    await projection.getByRole('heading', { name: 'Atelier terminé — merci !' }).waitFor(SOON);
    await check(projection, 'closed', { 'closing words': '.closed h1' });

    await projection.context().close();
  }, 120_000);

  it('writes the board’s columns, cards, dots and the proposals large enough, with enough contrast, within a 1920×1080 screen', async () => {
    const live = await liveBoard(server);
    const people = await Promise.all(['concerned', 'concerned', 'professional', 'student'].map((standpoint) => participant(server, live, standpoint)));
    const opened = await openBoard(server, live, live.staff);
    const columns = readBoard(opened.doc).columns;
    opened.destroy();
    const ideas: Array<[string, string]> = [
      ['Formation', 'Former les agents d’accueil à l’écoute'],
      ['Formation', 'Des formations communes aux professionnels et aux personnes concernées'],
      ['Accompagnement social', 'Ouvrir les accueils le samedi matin'],
      ['Attractivité des métiers', 'Mieux payer les métiers du social'],
    ];
    const cards: string[] = [];
    for (const [i, [column, idea]] of ideas.entries()) {
      const columnId = columns.find((candidate) => candidate.title === column)!.id;
      cards.push((await ok(people[i]!.socket, 'board:card:add', { columnId, text: idea })).cardId);
    }
    for (const person of people) await ok(person.socket, 'board:dot:place', { cardId: cards[0]! });
    await ok(people[2]!.socket, 'board:dot:place', { cardId: cards[2]! });
    await ok(people[0]!.socket, 'proposal:create', { title: 'Former ensemble les équipes d’accueil', fromCardId: cards[0]! });

    const projection = await (await projectionContext(browser)).newPage();
    await projection.goto(live.workshop.links.projection);
    const board = projection.getByTestId('projection-board');
    await expect.poll(() => board.locator('li[data-card-id]').count(), SOON).toBe(4);
    await projection.getByTestId('projection-proposals').waitFor(SOON);
    // Four columns share the stage beside the code: their titles, like the cards, are held to the body minimum.
    await check(projection, 'board', { ...CODE, 'board title': '[data-testid="projection-board"] h2' }, {
      columns: '[data-testid="projection-board"] h3',
      cards: '[data-testid="projection-board"] li[data-card-id] .text',
      dots: '[data-testid="dot-total"]',
      proposals: '[data-testid="projection-proposals"]',
    });

    // A long morning: far more ideas and proposals than a screen holds. Each column shows what fits, the
    // most dotted first, and counts the others; the text stays as large.
    const more = [
      'Un temps d’échange chaque mois entre les équipes',
      'Des fiches en facile à lire et à comprendre pour les démarches',
      'Un accueil sans rendez-vous deux fois par semaine',
      'Des permanences dans les mairies des petites communes',
      'Former les bénévoles aux droits sociaux',
      'Un numéro de téléphone unique et gratuit',
    ];
    for (const [i, column] of columns.entries()) {
      for (const [j, idea] of more.entries()) await ok(people[(i + j) % people.length]!.socket, 'board:card:add', { columnId: column.id, text: idea });
    }
    const titles = ['Ouvrir les accueils le samedi', 'Un numéro unique et gratuit', 'Des fiches en facile à lire', 'Des permanences dans les mairies', 'Mieux payer les métiers du social', 'Un temps d’échange chaque mois'];
    for (const [i, title] of titles.entries()) await ok(people[i % people.length]!.socket, 'proposal:create', { title });
    const total = ideas.length + more.length * columns.length;
    await expect.poll(() => projection.locator('[data-testid="projection-proposals"] li, [data-testid="more-proposals"]').count(), SOON).toBeGreaterThan(0);
    await expect
      .poll(async () => {
        const shown = await board.locator('li[data-card-id]').count();
        const counted = await board.getByTestId('more-cards').evaluateAll((lines) => lines.reduce((sum, line) => sum + Number(/\d+/.exec(line.textContent ?? '')?.[0] ?? 0), 0));
        return shown + counted;
      }, SOON)
      .toBe(total);
    expect(await board.getByTestId('more-cards').count(), 'some columns count the cards they cannot show').toBeGreaterThan(0);
    await check(projection, 'board-full', { ...CODE, 'board title': '[data-testid="projection-board"] h2' }, {
      columns: '[data-testid="projection-board"] h3',
      cards: '[data-testid="projection-board"] li[data-card-id] .text',
      dots: '[data-testid="dot-total"]',
      'ideas not shown': '[data-testid="more-cards"]',
      proposals: '[data-testid="projection-proposals"]',
    });
    // The card with the most dots is among those shown.
    expect(await board.locator(`li[data-card-id="${cards[0]!}"]`).count()).toBe(1);
    await projection.context().close();
  }, 60_000);

  it('shows the proposal the facilitator chose, as a phone writes it, large enough and within the screen, long or short, and gives the stage back to a poll', async () => {
    const live = await liveBoard(server);
    const supporters = await Promise.all(['concerned', 'professional', 'student'].map((standpoint) => participant(server, live, standpoint)));
    const title = 'Former ensemble les équipes d’accueil';
    const { proposal } = await ok(supporters[0]!.socket, 'proposal:create', { title });
    await ok(supporters[1]!.socket, 'proposal:create', { title: 'Ouvrir les accueils le samedi' });
    for (const person of supporters) await ok(person.socket, 'proposal:support', { proposalId: proposal.id });

    const projection = await (await projectionContext(browser)).newPage();
    await projection.goto(live.workshop.links.projection);
    await projection.getByTestId('projection-proposals').waitFor(SOON);

    // The facilitator shows it from the console.
    const console = await (await laptopContext(browser)).newPage();
    await console.goto(live.workshop.links.facilitator);
    await console.getByRole('tab', { name: 'Tableau & propositions' }).click();
    const item = console.locator(`li[data-proposal-item="${proposal.id}"]`);
    await item.getByRole('button', { name: 'Ouvrir pour écrire' }).click();
    const opened = console.locator(`article[data-proposal="${proposal.id}"]`);
    await opened.getByRole('button', { name: 'Montrer ce texte à l’écran' }).click();
    await expect.poll(() => text(opened.getByTestId('proposal-on-screen')), SOON).toBe('Ce texte est montré à l’écran de la salle.');
    await expect.poll(() => text(item.getByTestId('proposal-on-screen-badge')), SOON).toBe('À l’écran');
    const shown = projection.getByTestId('projection-proposal');
    await expect.poll(() => text(shown.getByRole('heading', { level: 2 })), SOON).toBe(title);
    await expect.poll(() => text(shown.getByTestId('projection-proposal-text')), SOON).toBe('Le texte n’est pas encore écrit.');
    expect(await projection.getByTestId('projection-board').count()).toBe(0);

    // A participant writes on their phone: a heading, a sentence with a bold word, a list. The screen follows.
    const phone = await (await phoneContext(browser)).newPage();
    await phone.goto(`${server.url}/j/${live.workshop.joinCode}`);
    await phone.getByRole('radio', { name: 'Personne concernée / accompagnée' }).check();
    await phone.getByLabel('Votre prénom (pas obligatoire)').fill('Nadia');
    await phone.getByRole('button', { name: 'Entrer' }).click();
    await phone.locator(`li[data-proposal-item="${proposal.id}"]`).getByRole('button', { name: 'Ouvrir pour écrire' }).click();
    const editor = phone.locator('.proposal-text');
    await editor.click();
    await phone.keyboard.type('## Des formations communes');
    await phone.keyboard.press('Enter');
    await phone.keyboard.type('Nous voulons former ');
    await phone.getByRole('button', { name: 'Gras' }).click();
    await phone.keyboard.type('ensemble');
    await phone.getByRole('button', { name: 'Gras' }).click();
    await phone.keyboard.type(' les professionnels et les personnes concernées.');
    const screenText = shown.getByTestId('projection-proposal-text');
    await expect.poll(() => text(screenText.locator('p')), SOON).toBe('Nous voulons former ensemble les professionnels et les personnes concernées.');
    expect(await screenText.locator('strong').allInnerTexts()).toEqual(['ensemble']);
    expect(await text(screenText.getByRole('heading', { level: 3 }))).toBe('Des formations communes');
    await phone.keyboard.press('Enter');
    await phone.getByRole('button', { name: 'Liste à puces' }).click();
    await phone.keyboard.type('Un temps d’échange chaque mois');
    await phone.keyboard.press('Enter');
    await phone.keyboard.type('Des fiches en facile à lire');
    await expect.poll(() => screenText.locator('ul > li').allInnerTexts(), SOON).toEqual(['Un temps d’échange chaque mois', 'Des fiches en facile à lire']);
    await expect.poll(() => text(shown.getByTestId('projection-proposal-supports')), SOON).toBe('3 soutiens');
    // Nothing says who writes: no cursor, no name.
    expect(await projection.locator('.collaboration-carets__caret, .collaboration-carets__label').count()).toBe(0);
    expect(await text(projection.locator('main'))).not.toContain('Nadia');

    await check(projection, 'proposal', { ...CODE, 'proposal title': '[data-testid="projection-proposal"] h2' }, {
      'proposal text': '[data-testid="projection-proposal-text"] :is(p, li, strong, h3, h4, h5, h6)',
      'status and supports': '[data-testid="projection-proposal"] .facts > *',
    });
    await projection.screenshot({ path: path.join(SCREENSHOTS, 'projection-proposal.png'), animations: 'disabled' });

    // A long text: smaller, never under 24 px, and what does not fit is announced.
    const writer = provider(server, proposal.docName, supporters[2]!.credentials);
    await synced(writer);
    const body = writer.doc.getXmlFragment(PROPOSAL_BODY);
    const sentence = 'Chaque territoire organise des temps de formation où professionnels, bénévoles et personnes accompagnées apprennent les uns des autres, avec des supports en facile à lire.';
    writer.doc.transact(() => {
      for (let i = 1; i <= 10; i++) {
        const paragraph = new Y.XmlElement('paragraph');
        paragraph.insert(0, [new Y.XmlText(`${i}. ${sentence}`)]);
        body.insert(body.length, [paragraph]);
      }
    });
    await shown.getByTestId('projection-proposal-more').waitFor(SOON);
    await check(projection, 'proposal-long', { ...CODE, 'proposal title': '[data-testid="projection-proposal"] h2' }, {
      'proposal text': '[data-testid="projection-proposal-text"] :is(p, li, strong, h3, h4, h5, h6)',
      'continued': '[data-testid="projection-proposal-more"]',
    });
    expect(await text(shown.getByTestId('projection-proposal-more'))).toBe('Suite… Le texte complet est sur vos téléphones.');
    // The beginning stays on the screen; the end is left out, cut after a word or a paragraph.
    expect(await text(screenText.getByRole('heading', { level: 3 }))).toBe('Des formations communes');
    const paragraphs = await screenText.locator(':scope > p').allInnerTexts();
    expect(paragraphs.length).toBeLessThan(11);
    expect(paragraphs.at(-1)).toMatch(/(\S…|lire\.)$/);
    writer.destroy();

    // A poll takes the stage; once it has left it (closed, its results no longer shown), the text comes back.
    const poll = await ok(live.facilitator, 'poll:create', { poll: { kind: 'yes_no', question: 'Adoptons-nous cette proposition ?' } });
    await ok(live.facilitator, 'agenda:open', { itemId: poll.item.id });
    await projection.locator('[data-poll]').waitFor(SOON);
    expect(await shown.count()).toBe(0);
    await ok(live.facilitator, 'agenda:close', { itemId: poll.item.id });
    await ok(live.facilitator, 'agenda:display', { itemId: poll.item.id, showResults: false });
    await shown.waitFor(SOON);
    await shown.getByTestId('projection-proposal-more').waitFor(SOON);

    // Hidden again: the board and the list of proposals take its place.
    await opened.getByRole('button', { name: 'Ne plus le montrer' }).click();
    await projection.getByTestId('projection-proposals').waitFor(SOON);
    expect(await shown.count()).toBe(0);
    expect(await item.getByTestId('proposal-on-screen-badge').count()).toBe(0);
    await Promise.all([projection, console, phone].map((page) => page.context().close()));
  }, 90_000);
});
