/**
 * Lists in cards, as every page draws them: a card with its heading, count and labelled list
 * (there even when empty), and the labelled select a row can hold.
 */
import { h, icon, type IconName } from '../dom';

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
