import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { boardDocName, readBoard } from '../../../shared/board-doc';
import { CroiseeError } from '../../../shared/errors';
import { boardWorld, type BoardWorld } from './board-world';

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'ok',
    (error: unknown) => (error instanceof CroiseeError ? error.code : `unexpected: ${String(error)}`),
  );

describe('the board service', () => {
  let world: BoardWorld;
  beforeEach(async () => {
    world = await boardWorld();
  });
  afterEach(() => world.close());

  const board = () => readBoard(world.documents.doc(boardDocName(world.workshop.id)));

  it('writes the default columns once, however often the board is opened', async () => {
    await Promise.all([world.services.board.ensureSeeded(world.workshop.id), world.services.board.ensureSeeded(world.workshop.id)]);
    await world.services.board.ensureSeeded(world.workshop.id);
    expect(board().columns.map((c) => c.title)).toEqual(['Accompagnement social', 'Participation des personnes concernées', 'Formation', 'Attractivité des métiers']);
  });

  it('lets anyone add and move cards, but only the author or the facilitator delete one', async () => {
    const [alice, bob] = [await world.join('concerned'), await world.join('student')];
    const [first, second] = [await world.column(0), await world.column(1)];
    const { cardId } = await world.services.board.addCard(alice, { columnId: first, text: 'Un référent unique', signed: false });
    await world.services.board.moveCard(bob, { cardId, columnId: second, afterCardId: null });
    expect(board().cards).toEqual([{ id: cardId, columnId: second, order: expect.any(String), signature: null, text: 'Un référent unique' }]);

    expect(await codeOf(world.services.board.deleteCard(bob, cardId))).toBe('not_card_author');
    expect(board().cards).toHaveLength(1);
    await world.services.board.deleteCard(alice, cardId);
    expect(board().cards).toEqual([]);

    const { cardId: other } = await world.services.board.addCard(bob, { columnId: first, text: 'Des permanences', signed: false });
    await world.services.board.deleteCard(world.facilitator, other);
    expect(board().cards).toEqual([]);
  });

  it('places cards where asked within a column: first, after a card, or last', async () => {
    const alice = await world.join(null);
    const column = await world.column(2);
    const add = (text: string, afterCardId?: string | null) => world.services.board.addCard(alice, { columnId: column, text, signed: false, afterCardId });
    const b = await add('B');
    await add('D');
    await add('A', null);
    await add('C', b.cardId);
    expect(board().cards.map((c) => c.text)).toEqual(['A', 'B', 'C', 'D']);
  });

  it('refuses cards in a column that does not exist, after a card that does not exist, or signed without a pseudonym', async () => {
    const alice = await world.join(null);
    const column = await world.column(0);
    expect(await codeOf(world.services.board.addCard(alice, { columnId: 'no-such-column', text: 'x', signed: false }))).toBe('column_not_found');
    expect(await codeOf(world.services.board.addCard(alice, { columnId: column, text: 'x', signed: false, afterCardId: 'no-such-card' }))).toBe('card_not_found');
    expect(await codeOf(world.services.board.addCard(alice, { columnId: column, text: 'x', signed: true }))).toBe('no_pseudonym');
    expect(board().cards).toEqual([]);
    // A refused card leaves nothing behind: it does not count towards the board's limit.
    const { n } = world.store.db.prepare('SELECT COUNT(*) AS n FROM board_cards WHERE deleted_at IS NULL').get() as { n: number };
    expect(n).toBe(0);
  });

  it('a locked board refuses participants’ changes and still accepts the facilitator’s', async () => {
    const alice = await world.join('concerned');
    const column = await world.column(0);
    const { cardId } = await world.services.board.addCard(alice, { columnId: column, text: 'Avant', signed: false });
    await world.services.board.setLocked(world.workshop.id, true);
    expect(await codeOf(world.services.board.addCard(alice, { columnId: column, text: 'Après', signed: false }))).toBe('board_locked');
    expect(await codeOf(world.services.board.moveCard(alice, { cardId, columnId: column, afterCardId: null }))).toBe('board_locked');
    expect(await codeOf(world.services.board.deleteCard(alice, cardId))).toBe('board_locked');
    await world.services.board.addCard(world.facilitator, { columnId: column, text: 'Synthèse', signed: false });
    expect(board().cards.map((c) => c.text)).toEqual(['Avant', 'Synthèse']);
    expect(world.events).toContainEqual({ type: 'board.changed', workshopId: world.workshop.id });
  });

  it('a column holding cards cannot be removed', async () => {
    const alice = await world.join(null);
    const column = await world.column(3);
    const { cardId } = await world.services.board.addCard(alice, { columnId: column, text: 'Salaires', signed: false });
    expect(await codeOf(world.services.board.deleteColumn(world.workshop.id, column))).toBe('column_not_empty');
    await world.services.board.deleteCard(alice, cardId);
    await world.services.board.deleteColumn(world.workshop.id, column);
    expect(board().columns).toHaveLength(3);
  });

  it('a closed workshop refuses every change to its board', async () => {
    const alice = await world.join(null);
    const column = await world.column(0);
    await world.services.workshops.close(world.workshop.id);
    expect(await codeOf(world.services.board.addCard(alice, { columnId: column, text: 'Trop tard', signed: false }))).toBe('workshop_closed');
    expect(await codeOf(world.services.board.addColumn(world.workshop.id, 'Nouvelle'))).toBe('workshop_closed');
    expect(await codeOf(world.services.board.setLocked(world.workshop.id, true))).toBe('workshop_closed');
  });
});

describe('dot-voting', () => {
  let world: BoardWorld;
  beforeEach(async () => {
    world = await boardWorld();
  });
  afterEach(() => world.close());

  async function cards(count: number): Promise<string[]> {
    const author = await world.join(null);
    const column = await world.column(0);
    const ids: string[] = [];
    for (let i = 0; i < count; i++) ids.push((await world.services.board.addCard(author, { columnId: column, text: `Carte ${i}`, signed: false })).cardId);
    return ids;
  }

  it('never goes past the budget, however many dots are sent at once', async () => {
    const ids = await cards(8);
    const alice = await world.join('concerned');
    const outcomes = await Promise.all(ids.flatMap((id) => [id, id, id].map((card) => codeOf(world.services.board.placeDot(alice, card)))));
    expect(outcomes.filter((o) => o === 'ok').length).toBeGreaterThanOrEqual(3);
    expect(outcomes.filter((o) => o !== 'ok' && o !== 'dot_budget_exhausted')).toEqual([]);
    const mine = await world.services.board.myDots(world.workshop.id, alice.participantId);
    expect(mine.cardIds).toHaveLength(3);
    expect(mine.remaining).toBe(0);
    const frames = await world.services.board.dotsFrames(world.workshop.id);
    expect(Object.values(frames.public.totals).reduce((a, b) => a + b, 0)).toBe(3);
  });

  it('counts one dot per card per participant, and taking it back frees the budget', async () => {
    const [a, b] = await cards(2);
    const alice = await world.join(null);
    await world.services.board.placeDot(alice, a!);
    await world.services.board.placeDot(alice, a!);
    expect((await world.services.board.dotsFrames(world.workshop.id)).public.totals).toEqual({ [a!]: 1 });
    await world.services.board.removeDot(alice, a!);
    await world.services.board.removeDot(alice, a!);
    const mine = await world.services.board.placeDot(alice, b!);
    expect(mine).toEqual({ cardIds: [b], budget: 3, remaining: 2 });
  });

  it('follows the budget the facilitator sets; dots already placed stay', async () => {
    const ids = await cards(4);
    const alice = await world.join(null);
    await world.services.board.setDotBudget(world.workshop.id, 1);
    await world.services.board.placeDot(alice, ids[0]!);
    expect(await codeOf(world.services.board.placeDot(alice, ids[1]!))).toBe('dot_budget_exhausted');
    await world.services.board.setDotBudget(world.workshop.id, 4);
    await world.services.board.placeDot(alice, ids[1]!);
    expect((await world.services.board.myDots(world.workshop.id, alice.participantId)).remaining).toBe(2);
  });

  it('gives dots back when their card is deleted', async () => {
    const [a] = await cards(1);
    const [alice, bob] = [await world.join('concerned'), await world.join('elected')];
    await world.services.board.placeDot(alice, a!);
    await world.services.board.placeDot(bob, a!);
    const { refunded } = await world.services.board.deleteCard(world.facilitator, a!);
    expect(refunded.sort()).toEqual([alice.participantId, bob.participantId].sort());
    expect((await world.services.board.myDots(world.workshop.id, alice.participantId)).remaining).toBe(3);
    expect(await codeOf(world.services.board.placeDot(alice, a!))).toBe('card_not_found');
  });

  it('shows the facilitator dots by standpoint, small groups merged into « autres »', async () => {
    const [a] = await cards(1);
    const standpoints = ['professional', 'concerned', 'student', 'concerned', 'elected', 'professional', 'concerned', 'volunteer', 'professional'];
    for (const standpoint of standpoints) await world.services.board.placeDot(await world.join(standpoint), a!);
    const frames = await world.services.board.dotsFrames(world.workshop.id);
    expect(frames.public).toEqual({ totals: { [a!]: 9 }, voters: 9 });
    expect(frames.facilitator.byStandpoint![a!]).toEqual([
      { key: 'concerned', count: 3, mergedKeys: ['concerned'] },
      { key: 'professional', count: 3, mergedKeys: ['professional'] },
      { key: '_others', count: 3, mergedKeys: ['student', 'elected', 'volunteer'] },
    ]);
  });

  it('needs a live workshop', async () => {
    const [a] = await cards(1);
    const alice = await world.join(null);
    await world.services.workshops.close(world.workshop.id);
    expect(await codeOf(world.services.board.placeDot(alice, a!))).toBe('workshop_not_live');
  });
});
