import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { CARDS, DOTS, dotTotals, PEOPLE, PROPOSALS, type Block, type Proposal } from '../../scripts/demo/webinar-scenario';
import { boardCard, boardColumn, inBatches, proposalEditor, scrollTo, shoot, SOON, text } from './webinar-room';

/** The pages of the room during the board. */
export interface Room {
  facilitator: Page;
  projection: Page;
  phones: Page[];
  phoneOf: (pseudonym: string) => Page;
}

const STEP = 4;

/** The cards the projection shows, and those it counts under its columns ("+ 3 autres idées"). */
async function projectedCards(board: Locator): Promise<number> {
  const counted = await board.getByTestId('more-cards').evaluateAll((lines) => lines.reduce((sum, line) => sum + Number(/\d+/.exec(line.textContent ?? '')?.[0] ?? 0), 0));
  return (await board.locator('li[data-card-id]').count()) + counted;
}

/** The words of a block as the editor shows them, one line each. */
const linesOf = (block: Block): string[] => (block.kind === 'paragraph' ? [block.text] : [...block.items]);

/** Types a passage at the end of the proposal open on this phone, with the editor's toolbar for lists and bold. */
async function writePassage(phone: Page, blocks: readonly Block[], afterList: boolean): Promise<void> {
  // A tap at the very end of the last block puts the caret after everything written so far.
  const last = proposalEditor(phone).locator(':scope > :last-child');
  await last.scrollIntoViewIfNeeded();
  const box = (await last.boundingBox())!;
  await last.click({ position: { x: box.width - 2, y: box.height - 2 } });
  await phone.keyboard.press('End');
  // Enter opens a new block; in a list, a second Enter on the empty item leaves the list.
  await phone.keyboard.press('Enter');
  if (afterList) await phone.keyboard.press('Enter');
  const toolbar = phone.getByRole('toolbar', { name: 'Mise en forme' });
  for (const [index, block] of blocks.entries()) {
    if (index > 0) await phone.keyboard.press('Enter');
    if (block.kind === 'bullets') {
      await toolbar.getByRole('button', { name: 'Liste à puces' }).click();
      for (const [i, item] of block.items.entries()) {
        if (i > 0) await phone.keyboard.press('Enter');
        await phone.keyboard.insertText(item);
      }
    } else {
      if (block.bold) await toolbar.getByRole('button', { name: 'Gras' }).click();
      await phone.keyboard.insertText(block.text);
      if (block.bold) await toolbar.getByRole('button', { name: 'Gras' }).click();
    }
  }
}

/** The proposal in a page's list, by title. */
const listed = (page: Page, title: string) => page.locator('li[data-proposal-item]').filter({ has: page.getByRole('heading', { name: title, exact: true }) });

/** A card becomes a proposal; its co-authors open it on their phones and write in turn, each seeing the others' words live. */
async function coWrite(room: Room, proposal: Proposal, first: boolean): Promise<void> {
  const [lead, ...others] = proposal.passages;
  const author = room.phoneOf(lead!.by);
  await boardCard(author, CARDS[proposal.fromCard]!.text).getByRole('button', { name: 'En faire une proposition' }).click();
  const opened = author.locator('article[data-proposal]');
  await opened.waitFor(SOON);
  await opened.getByRole('button', { name: 'Changer le titre' }).click();
  await opened.getByLabel('Titre de la proposition').fill(proposal.title);
  await opened.getByRole('button', { name: 'Enregistrer le titre' }).click();
  await opened.getByRole('heading', { name: proposal.title, exact: true }).waitFor(SOON);
  await expect.poll(() => text(proposalEditor(author)), SOON).toContain(CARDS[proposal.fromCard]!.text.slice(0, 40));
  await writePassage(author, lead!.blocks, false);

  let previous = lead!;
  for (const passage of others) {
    const phone = room.phoneOf(passage.by);
    await listed(phone, proposal.title).getByRole('button', { name: 'Ouvrir pour écrire' }).click();
    const lastLine = linesOf(previous.blocks.at(-1)!).at(-1)!;
    await expect.poll(() => text(proposalEditor(phone)), SOON).toContain(lastLine);
    await writePassage(phone, passage.blocks, previous.blocks.at(-1)!.kind === 'bullets');
    previous = passage;
  }
  const everything = proposal.passages.flatMap((p) => p.blocks.flatMap(linesOf));
  for (const passage of proposal.passages) {
    await expect.poll(() => text(proposalEditor(room.phoneOf(passage.by))), SOON).toSatisfy((shown: string) => everything.every((line) => shown.includes(line)));
  }
  if (first) {
    const phone = room.phoneOf(others.at(-1)!.by);
    await scrollTo(phone.locator('article[data-proposal]'));
    await shoot(phone, STEP, 'proposal', 'participant');
  }
  expect(await proposalEditor(author).locator('ul li').count()).toBe(proposal.passages.flatMap((p) => p.blocks).filter((b) => b.kind === 'bullets').flatMap((b) => linesOf(b)).length);
  expect(await proposalEditor(author).locator('strong').count()).toBeGreaterThanOrEqual(proposal.passages.flatMap((p) => p.blocks).filter((b) => b.kind === 'paragraph' && b.bold).length);

  await inBatches(proposal.supportedBy, 5, async (supporter) => {
    const item = listed(room.phoneOf(supporter), proposal.title);
    await item.getByRole('button', { name: 'Je soutiens' }).click();
    await expect.poll(() => text(item), SOON).toContain('Vous soutenez cette proposition.');
  });
  for (const passage of proposal.passages) await room.phoneOf(passage.by).getByRole('button', { name: 'Fermer la proposition' }).click();
}

/** The facilitator puts the proposal to the vote; the room votes on phones (supporters for, one against); it is adopted. */
async function vote(room: Room, proposal: Proposal): Promise<void> {
  const { facilitator } = room;
  await listed(facilitator, proposal.title).getByRole('button', { name: /^(Lire|Ouvrir pour écrire)$/ }).click();
  const opened = facilitator.locator('article[data-proposal]');
  await opened.getByLabel('ouvrir le vote tout de suite').check();
  await opened.getByRole('button', { name: 'Mettre au vote' }).click();
  await inBatches(room.phones, 5, async (phone, index) => {
    const person = PEOPLE[index]!;
    const choice = person.pseudonym && proposal.supportedBy.includes(person.pseudonym) ? 'Pour' : index === PEOPLE.length - 1 ? 'Contre' : 'Abstention';
    await phone.getByRole('radio', { name: choice, exact: true }).check();
    await phone.getByRole('button', { name: 'Voter' }).click();
    await expect.poll(() => text(phone.locator('[data-poll] [role="status"]')), SOON).toContain(`Votre vote : ${choice}.`);
  });
  await expect.poll(() => text(room.projection.getByTestId('poll-turnout')), SOON).toBe(`${PEOPLE.length} votes sur ${PEOPLE.length} présents`);
  await scrollTo(room.phones[0]!.locator('[data-poll]'));
  await shoot(room.phones[0]!, STEP, 'proposal-vote', 'participant');
  await facilitator.getByRole('tab', { name: 'Déroulé' }).click();
  const onStage = facilitator.getByTestId('on-stage');
  await onStage.getByRole('button', { name: 'Fermer' }).click();
  await room.phones[0]!.getByText('Le vote est terminé.').waitFor(SOON);
  await shoot(room.projection, STEP, 'proposal-vote', 'projection');
  // The results leave the screen, which shows the board and the proposals again.
  await onStage.getByLabel('Montrer les résultats à la salle (écran et téléphones)').click();
  await onStage.getByText('Rien n’est à l’écran.', { exact: false }).waitFor(SOON);
  await room.projection.getByTestId('projection-board').waitFor(SOON);
  await facilitator.getByRole('tab', { name: 'Tableau & propositions' }).click();
  // The proposal may still be open from before (its editor loads again with the section) or closed.
  const again = facilitator.locator('article[data-proposal]');
  const reopen = listed(facilitator, proposal.title).getByRole('button', { name: /^(Lire|Ouvrir pour écrire)$/ });
  await again.or(reopen).first().waitFor(SOON);
  if (!(await again.isVisible())) await reopen.click();
  await again.getByRole('button', { name: 'Adoptée', exact: true }).click();
  await expect.poll(() => text(listed(facilitator, proposal.title)), SOON).toContain('Adoptée');
}

/** Cards in the seeds' themes, written on phones; dots; two proposals co-written from cards, one adopted after a vote. */
export async function playBoardInBrowsers(room: Room): Promise<void> {
  const { facilitator, projection, phones, phoneOf } = room;
  await facilitator.getByRole('tab', { name: 'Tableau & propositions' }).click();
  for (const card of CARDS) {
    const phone = phoneOf(card.by);
    const column = boardColumn(phone, card.column);
    await column.getByRole('button', { name: /Ajouter une idée/ }).click();
    await column.locator('form textarea').fill(card.text);
    if (card.signed) await column.getByRole('checkbox', { name: `Signer avec mon prénom (${card.by})` }).check();
    await column.getByRole('button', { name: 'Ajouter la carte' }).click();
    await boardCard(phone, card.text).waitFor(SOON);
  }
  const projected = projection.getByTestId('projection-board');
  // Longer than the screen: the projection shows the cards that fit and counts the others.
  await expect.poll(() => projectedCards(projected), SOON).toBe(CARDS.length);
  const signed = CARDS.find((card) => card.signed)!;
  expect(await text(boardCard(phones[0]!, signed.text))).toContain(`— ${signed.by}`);

  await inBatches(phones, 5, async (phone, index) => {
    for (const card of DOTS[index]!) {
      const onCard = boardCard(phone, CARDS[card]!.text);
      await onCard.getByRole('button', { name: '+ gommette' }).click();
      await onCard.getByRole('button', { name: '− gommette' }).waitFor(SOON);
    }
  });
  const totals = dotTotals();
  const expected = new Map(CARDS.map((card, index) => [card.text, totals[index]!]));
  // Every card the projection shows has its total; the most dotted one is among them.
  await expect
    .poll(async () => {
      const shown = await projected.locator('li[data-card-id]').evaluateAll((items) =>
        items.map((item) => ({ text: item.querySelector('.text')?.textContent ?? '', dots: (item.querySelector('[data-testid="dot-total"]')?.textContent ?? '').replace(/\s+/g, ' ') })),
      );
      return shown.filter(({ text, dots }) => {
        const total = expected.get(text) ?? -1;
        return dots !== (total === 0 ? '' : `${total} gommette${total > 1 ? 's' : ''}`);
      });
    }, SOON)
    .toEqual([]);
  const most = CARDS[totals.indexOf(Math.max(...totals))]!;
  expect(await projected.locator('li[data-card-id]', { hasText: most.text }).count()).toBe(1);
  expect(await projectedCards(projected)).toBe(CARDS.length);
  await expect.poll(() => text(facilitator.getByText(/personnes ont mis des gommettes/)), SOON).toBe(`${DOTS.length} personnes ont mis des gommettes.`);
  await scrollTo(boardColumn(phones[1]!, CARDS[0]!.column));
  await shoot(phones[1]!, STEP, 'board', 'participant');
  await shoot(facilitator, STEP, 'board', 'facilitator', true);
  await shoot(projection, STEP, 'board', 'projection');

  for (const [index, proposal] of PROPOSALS.entries()) {
    await coWrite(room, proposal, index === 0);
    if (proposal.adoptedByVote) await vote(room, proposal);
  }
  const list = projection.getByTestId('projection-proposals');
  for (const proposal of PROPOSALS) {
    await expect.poll(() => text(list.locator('li', { hasText: proposal.title })), SOON).toContain(`${proposal.supportedBy.length} soutiens`);
  }
  expect(await text(list.locator('li', { hasText: PROPOSALS[0]!.title }))).toContain('Adoptée');
  await shoot(facilitator, STEP, 'proposals', 'facilitator', true);
  await shoot(projection, STEP, 'proposals', 'projection');
}
