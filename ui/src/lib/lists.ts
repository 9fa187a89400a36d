/**
 * Lists in cards, as every page draws them: a card with its heading, count and labelled list
 * (there even when empty), and the labelled select a row can hold.
 */
import { h, icon, type IconName } from '../dom';
import { rowsDeferred } from './perf';

/** A card with a heading, an optional count, and a labelled list that is there even when empty. */
export function listCard(options: {
  title: string;
  icon?: IconName;
  count?: string;
  listLabel?: string;
  /** The rows, or what makes each (made only when it goes in). */
  rows: (HTMLElement | (() => HTMLElement))[];
  empty?: HTMLElement | null;
  class?: string;
  /** A line under the heading that says what the list is. */
  hint?: string;
  /** Puts the rows in through this queue (the first at once, the rest after the view is shown); all at once without it. */
  queue?: RowQueue;
}): HTMLElement {
  // role=list: WebKit drops list semantics from a list styled without bullets.
  const list = h('ul', { class: 'items', role: 'list', 'aria-label': options.listLabel ?? options.title });
  const makers = options.rows.map((row) => (typeof row === 'function' ? row : () => row));
  if (options.queue) options.queue.add(list, makers);
  else list.append(...makers.map((make) => make()));
  return h(
    'section',
    { class: `card ${options.class ?? ''}`.trim() },
    h(
      'div',
      { class: 'card-head' },
      h('h2', {}, options.icon ? icon(options.icon) : null, h('span', {}, options.title)),
      options.count ? h('span', { class: 'count' }, options.count) : null,
    ),
    options.hint ? h('p', { class: 'hint' }, options.hint) : null,
    list,
    options.rows.length ? null : (options.empty ?? null),
  );
}

/**
 * A select inside a list row, with its own visible label: "Status [Active]". The label reads
 * the catalogue text; `describedBy` (the row's title) says which row it belongs to.
 */
export function rowSelect(
  id: string,
  label: string,
  options: [string, string][],
  value: string,
  describedBy: string,
  onChange: (value: string, select: HTMLSelectElement) => void,
): HTMLElement {
  const select = h(
    'select',
    { id, class: 'tw-row-select', 'aria-describedby': describedBy, 'data-action': 'status' },
    ...options.map(([v, text]) => h('option', { value: v }, text)),
  );
  select.value = value;
  select.addEventListener('change', () => onChange(select.value, select));
  return h('div', { class: 'tw-row-field' }, h('label', { for: id }, label), select);
}

/** The least height of a row in any list (a compact agenda row is about 40 px). */
const ROW_MIN_PX = 30;

/**
 * Rows a draw puts in at once, over all its lists: more than the window shows (24 in the
 * usual 720 px window, 48 in one of 1440), so that the first frame is the whole first screen.
 */
export function firstRows(): number {
  return Math.max(16, Math.ceil((window.innerHeight || 720) / ROW_MIN_PX));
}
/** Rows added per frame after that. */
const CHUNK = 60;

/**
 * The rows of one draw, first screen first: the first firstRows() (in the order the lists are
 * added, which is the page's order) go in at once, the rest follow CHUNK a frame once the
 * view is on the screen. A view of 500 people is ready to read and use at once and complete
 * a moment later, instead of building and laying out every row before showing any. Rows of
 * a list that a newer draw has replaced are never added. Lists of a few rows, as most are,
 * are drawn whole at once.
 */
export class RowQueue {
  private budget: number;
  private readonly later: { list: Element; make: (() => Node | null)[] }[] = [];
  private done: (() => void) | null = null;

  constructor(first: number = firstRows()) {
    this.budget = first;
  }

  /** Appends to `list` what each of `rows` makes, now while the budget lasts, later otherwise. */
  add(list: Element, rows: (() => Node | null)[]): void {
    const now = Math.max(0, Math.min(this.budget, rows.length));
    this.budget -= now;
    for (const make of rows.slice(0, now)) {
      const node = make();
      if (node) list.append(node);
    }
    if (now < rows.length) {
      this.later.push({ list, make: rows.slice(now) });
      pending.add(this);
      if (!this.done) {
        this.done = rowsDeferred();
        // The frame after the one that shows the view: its measure (lib/perf.ts) ends first.
        requestAnimationFrame(() => requestAnimationFrame(() => this.next()));
      }
    }
  }

  /** Puts in every row still waiting, now. */
  finish(): void {
    this.take(Infinity);
  }

  private next(): void {
    if (this.take(CHUNK)) requestAnimationFrame(() => this.next());
  }

  /** Puts in up to `count` waiting rows; says whether any are still waiting. */
  private take(count: number): boolean {
    let left = count;
    while (left > 0 && this.later.length > 0) {
      const first = this.later[0];
      if (!first) break;
      if (!first.list.isConnected) {
        this.later.shift(); // redrawn or navigated away: these rows belong to nothing now
        continue;
      }
      const take = first.make.splice(0, left);
      left -= take.length;
      const fragment = document.createDocumentFragment();
      for (const make of take) {
        const node = make();
        if (node) fragment.append(node);
      }
      first.list.append(fragment);
      if (first.make.length === 0) this.later.shift();
    }
    if (this.later.length > 0) return true;
    pending.delete(this);
    this.done?.();
    this.done = null;
    return false;
  }
}

/** Queues with rows still to put in. */
const pending = new Set<RowQueue>();

/**
 * Whether a long list still holds rows back. Focus that goes to a row after an action (as on
 * the 300th person of 500) puts them in at once when its row is not there yet (lib/focus.ts).
 */
export function rowsWaiting(): boolean {
  return pending.size > 0;
}

/** Puts in every held-back row now (see rowsWaiting). */
export function finishRows(): void {
  for (const queue of [...pending]) queue.finish();
}
