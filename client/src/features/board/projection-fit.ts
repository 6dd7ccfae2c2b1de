/**
 * What of the board and the proposals the projection shows. A projection does not scroll and its text
 * never gets smaller than the back of the room can read, so when the board is longer than the screen
 * the columns show the cards that fit — the ones with the most dots first, across all columns, each
 * column keeping its board order — and count the others ("+ 3 autres idées"); the proposals show the first ones that fit and count the
 * rest. Everyone still reads every card on their phone.
 *
 * The measure is taken with everything rendered, each "+ N" line rendered out of the flow so that its
 * height is known (`data-fit="more"`, as the shown ones). A column is as wide as its longest word
 * needs: the widths measured with every card are kept, so that the cards shown are as high as measured
 * and no word gets cut. Should the screen still overflow, the measure is taken again on what is shown,
 * which can only show less (`narrowed`).
 */

/** What to show, or null when everything fits. */
export interface ProjectionFit {
  /** For each column that cannot show all its cards, the ids of the cards it shows. */
  readonly cards: ReadonlyMap<string, ReadonlySet<string>>;
  /** How many proposals are shown, from the top of the list (null: all). */
  readonly proposals: number | null;
  /** Each column's width in pixels, as measured with all its cards. */
  readonly widths: ReadonlyMap<string, number>;
}

/** The share of the height the proposals (what the room writes from the board) keep when the board and they both need more than the screen. */
const PROPOSALS_SHARE = 0.5;

const height = (element: Element) => element.getBoundingClientRect().height;

/**
 * A part's height without the stretching of its row (columns side by side share the tallest one's
 * height): from its top to its list's bottom, with its bottom padding and border.
 */
function natural(part: HTMLElement, list: Element): number {
  const style = getComputedStyle(part);
  const end = (parseFloat(style.paddingBottom) || 0) + (parseFloat(style.borderBottomWidth) || 0);
  return list.getBoundingClientRect().bottom - part.getBoundingClientRect().top + end;
}
const gapOf = (element: Element) => parseFloat(getComputedStyle(element).rowGap) || 0;

/** The height of a rendered "+ N" line with its margin, or 0 when there is none. */
function moreLine(part: Element): number {
  const more = part.querySelector(':scope > [data-fit="more"]');
  return more ? height(more) + (parseFloat(getComputedStyle(more).marginTop) || 0) : 0;
}

/** What a part shows within a height, and the height it then takes. */
interface Fitted<T> {
  shown: T;
  used: number;
}

/** A column as measured with all its cards, and the cards it shows so far. */
interface MeasuredColumn {
  id: string;
  /** The top of its row: columns side by side share a row, whose height is the tallest one's. */
  row: number;
  /** Its height with every card. */
  whole: number;
  /** Its height without cards but with its "+ N" line. */
  fixed: number;
  gap: number;
  cards: Array<{ id: string; index: number; height: number; dots: number }>;
  shown: Set<string>;
  /** The height of the cards shown, gaps included. */
  used: number;
}

/**
 * The cards each column shows within `budget` pixels for the whole grid, whose columns may wrap into
 * rows. Cards are taken across all columns, the most dotted first (then in board order), each where
 * it still fits: the ideas the room put the most dots on are on the screen, whichever theme they are in.
 */
function fitColumns(grid: HTMLElement, budget: number, dotsOn: (cardId: string) => number): Fitted<Map<string, ReadonlySet<string>>> {
  const columns: MeasuredColumn[] = [...grid.querySelectorAll<HTMLElement>(':scope > [data-column-id]')].map((column) => {
    const list = column.querySelector('ul')!;
    const whole = natural(column, list);
    const cards = [...list.querySelectorAll<HTMLElement>(':scope > li[data-card-id]')].map((item, index) => {
      const id = item.dataset.cardId!;
      return { id, index, height: height(item), dots: dotsOn(id) };
    });
    return {
      id: column.dataset.columnId!,
      row: Math.round(column.getBoundingClientRect().top),
      whole,
      fixed: whole - height(list) + moreLine(column),
      gap: gapOf(list),
      cards,
      shown: new Set<string>(),
      used: 0,
    };
  });
  const rows = [...new Set(columns.map((column) => column.row))];
  const between = gapOf(grid) * Math.max(0, rows.length - 1);
  const total = (heightOf: (column: MeasuredColumn) => number) =>
    rows.reduce((sum, row) => sum + Math.max(...columns.filter((column) => column.row === row).map(heightOf)), between);
  const whole = total((column) => column.whole);
  if (whole <= budget + 0.5) return { shown: new Map(), used: whole };
  const order = columns
    .flatMap((column, position) => column.cards.map((card) => ({ column, card, position })))
    .sort((a, b) => b.card.dots - a.card.dots || a.position - b.position || a.card.index - b.card.index);
  for (const { column, card } of order) {
    const need = card.height + (column.shown.size > 0 ? column.gap : 0);
    column.used += need;
    if (total((c) => c.fixed + c.used) > budget) {
      column.used -= need;
      continue;
    }
    column.shown.add(card.id);
  }
  const shown = new Map<string, ReadonlySet<string>>();
  for (const column of columns) if (column.shown.size < column.cards.length) shown.set(column.id, column.shown);
  return { shown, used: total((c) => c.fixed + c.used) };
}

/** How many proposals, from the top, fit within `budget` pixels (null: all of them). */
function fitProposals(part: HTMLElement, budget: number): Fitted<number | null> {
  const list = part.querySelector('ul')!;
  if (height(part) <= budget + 0.5) return { shown: null, used: height(part) };
  const fixed = height(part) - height(list) + moreLine(part);
  const gap = gapOf(list);
  let used = fixed;
  let count = 0;
  for (const item of list.querySelectorAll(':scope > li')) {
    const need = height(item) + (count > 0 ? gap : 0);
    if (used + need > budget) break;
    used += need;
    count += 1;
  }
  return { shown: count, used };
}

/**
 * Measures the board's part of the projection, everything rendered: what it shows so that nothing goes
 * under the bottom edge of the screen (its `main`'s padding kept), or null when everything fits.
 */
export function fitProjection(section: HTMLElement, dotsOn: (cardId: string) => number): ProjectionFit | null {
  const main = section.closest('main');
  const bottom = window.innerHeight - (main ? parseFloat(getComputedStyle(main).paddingBottom) || 0 : 0);
  if (section.getBoundingClientRect().bottom <= bottom + 0.5) return null;
  const grid = section.querySelector<HTMLElement>('[data-fit="columns"]');
  const proposals = section.querySelector<HTMLElement>('[data-fit="proposals"]');
  const top = (grid ?? proposals ?? section).getBoundingClientRect().top;
  const available = bottom - top;
  // Rounded down, so that the columns still hold on the rows they were measured on.
  const widths = new Map([...(grid?.querySelectorAll<HTMLElement>(':scope > [data-column-id]') ?? [])].map((column) => [column.dataset.columnId!, Math.floor(column.getBoundingClientRect().width * 100) / 100]));
  if (!proposals) return { cards: grid ? fitColumns(grid, available, dotsOn).shown : new Map(), proposals: null, widths };
  if (!grid) return { cards: new Map(), proposals: fitProposals(proposals, available).shown, widths };
  // The proposals' part starts under the grid: the gap between the two counts in it.
  const before = proposals.getBoundingClientRect().top - grid.getBoundingClientRect().bottom;
  const wanted = before + height(proposals);
  let listed = fitProposals(proposals, Math.max(available - height(grid), Math.min(wanted, available * PROPOSALS_SHARE)) - before);
  const board = fitColumns(grid, available - before - listed.used, dotsOn);
  // Room the columns leave goes back to the proposals.
  if (listed.shown !== null) listed = fitProposals(proposals, available - before - board.used);
  return { cards: board.shown, proposals: listed.shown, widths };
}

/** `current` narrowed by `next`, a fit measured on what `current` shows. */
export function narrowed(current: ProjectionFit | null, next: ProjectionFit): ProjectionFit {
  const cards = new Map(current?.cards);
  for (const [columnId, shown] of next.cards) cards.set(columnId, shown);
  return { cards, proposals: next.proposals ?? current?.proposals ?? null, widths: current?.widths ?? next.widths };
}
