/**
 * What of the board and the proposals the projection shows. A projection does not scroll and its text
 * never gets smaller than the back of the room can read, so when the board is longer than the screen
 * each column shows the cards that fit — the ones with the most dots first, kept in their board order —
 * and counts the others ("+ 3 autres idées"); the proposals show the first ones that fit and count the
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

/** The cards one column shows within `budget` pixels (null: all of them). */
function fitColumn(column: HTMLElement, budget: number, dotsOn: (cardId: string) => number): Fitted<ReadonlySet<string> | null> {
  const list = column.querySelector('ul')!;
  const whole = natural(column, list);
  if (whole <= budget + 0.5) return { shown: null, used: whole };
  const fixed = whole - height(list) + moreLine(column);
  const gap = gapOf(list);
  const cards = [...list.querySelectorAll<HTMLElement>(':scope > li[data-card-id]')].map((item, index) => {
    const id = item.dataset.cardId!;
    return { id, index, height: height(item), dots: dotsOn(id) };
  });
  const shown = new Set<string>();
  let used = 0;
  for (const card of cards.sort((a, b) => b.dots - a.dots || a.index - b.index)) {
    const need = card.height + (shown.size > 0 ? gap : 0);
    if (fixed + used + need > budget) continue;
    shown.add(card.id);
    used += need;
  }
  return { shown, used: fixed + used };
}

/**
 * The cards each column shows within `budget` pixels for the whole grid, whose columns may wrap into
 * rows: the shortest rows are served first, and what a row leaves goes to the others.
 */
function fitColumns(grid: HTMLElement, budget: number, dotsOn: (cardId: string) => number): Fitted<Map<string, ReadonlySet<string>>> {
  const rows = new Map<number, HTMLElement[]>();
  for (const column of grid.querySelectorAll<HTMLElement>(':scope > [data-column-id]')) {
    const top = Math.round(column.getBoundingClientRect().top);
    rows.set(top, [...(rows.get(top) ?? []), column]);
  }
  const grouped = [...rows.values()]
    .map((columns) => ({ columns, height: Math.max(...columns.map((column) => natural(column, column.querySelector('ul')!))) }))
    .sort((a, b) => a.height - b.height);
  const shown = new Map<string, ReadonlySet<string>>();
  let left = budget - gapOf(grid) * (grouped.length - 1);
  let used = budget - left;
  grouped.forEach((row, index) => {
    const share = left / (grouped.length - index);
    let tallest = 0;
    for (const column of row.columns) {
      const fitted = fitColumn(column, share, dotsOn);
      if (fitted.shown) shown.set(column.dataset.columnId!, fitted.shown);
      tallest = Math.max(tallest, fitted.used);
    }
    left -= tallest;
    used += tallest;
  });
  return { shown, used };
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
