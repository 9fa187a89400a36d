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
  rows: HTMLElement[];
  empty?: HTMLElement | null;
  class?: string;
  /** A line under the heading that says what the list is. */
  hint?: string;
}): HTMLElement {
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
    // role=list: WebKit drops list semantics from a list styled without bullets.
    h('ul', { class: 'items', role: 'list', 'aria-label': options.listLabel ?? options.title }, ...options.rows),
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

/** Rows a draw puts in at once, over all its lists: more than a window shows. */
export const FIRST_ROWS = 40;
/** Rows added per frame after that. */
const CHUNK = 60;

/**
 * The rows of one draw, first screen first: the first FIRST_ROWS (in the order the lists are
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

  constructor(first: number = FIRST_ROWS) {
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
      if (!this.done) {
        this.done = rowsDeferred();
        // The frame after the one that shows the view: its measure (lib/perf.ts) ends first.
        requestAnimationFrame(() => requestAnimationFrame(() => this.next()));
      }
    }
  }

  private next(): void {
    let left = CHUNK;
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
    if (this.later.length > 0) requestAnimationFrame(() => this.next());
    else {
      this.done?.();
      this.done = null;
    }
  }
}
