/**
 * Where focus goes when the page changes under it: the one way every view puts it back.
 * After an action or a dialog that saved, the view names the control (the one that undoes
 * the action, the row that changed); after a quiet refresh, focus stays on the same control
 * of the same row. Rows are named by data attributes that survive a redraw, controls by
 * data-action. A dialog that is cancelled gives focus back to what opened it (lib/form.ts).
 */
import { finishRows, rowsWaiting } from './lists';

/** CSS selectors tried in order inside a root; the first that matches gets focus. null: leave focus alone. */
export type FocusTarget = string | readonly string[] | null;

/** The attributes that name a row across redraws, in every view. */
const ROW_ATTRS = [
  'data-occurrence-id',
  'data-person-id',
  'data-group-id',
  'data-rhythm-id',
  'data-kind',
  'data-date',
  'data-assignment-id',
  'data-round-id',
  'data-idea-id',
  'data-suggestion',
  'data-followup-id',
  'data-checkin-id',
  'data-prompt-id',
];

/** `[data-person-id="12"]`: a row by the attribute that names it across redraws. */
export function row(attr: string, value: string | number): string {
  return `[${attr}="${CSS.escape(String(value))}"]`;
}

/** A control by its data-action, inside the row `within` when given. */
export function control(action: string, within?: string): string {
  const selector = `[data-action="${CSS.escape(action)}"]`;
  return within ? `${within} ${selector}` : selector;
}

/** Puts focus on the first of `target` found inside `root`, or on `fallback()` (the page heading). */
export function focusFirst(root: ParentNode, target: FocusTarget, fallback: () => HTMLElement | null): void {
  if (target === null) return;
  for (const selector of typeof target === 'string' ? [target] : target) {
    let el = root.querySelector<HTMLElement>(selector);
    if (!el && rowsWaiting()) {
      // The row may be one a long list has not put in yet (lib/lists.ts): put them all in.
      finishRows();
      el = root.querySelector<HTMLElement>(selector);
    }
    if (el) {
      el.focus();
      return;
    }
  }
  fallback()?.focus();
}

/** Where `active` is, as a target that finds the same control again after a redraw. */
function targetOf(root: HTMLElement, active: HTMLElement): string[] {
  const rows: string[] = [];
  for (let node: HTMLElement | null = active; node && node !== root; node = node.parentElement) {
    const attr = ROW_ATTRS.find((a) => node?.hasAttribute(a));
    if (attr) rows.unshift(row(attr, node.getAttribute(attr) ?? ''));
  }
  // The row inside the rows that hold it, else the row alone (it may have moved: another day).
  const scopes = rows.length > 1 ? [rows.join(' '), rows[rows.length - 1] ?? ''] : rows;
  const action = active.dataset.action;
  return [
    ...(action ? (scopes.length ? scopes.map((scope) => control(action, scope)) : [control(action)]) : []),
    ...scopes.map((scope) => `${scope} button, ${scope} select`),
  ];
}

/**
 * Runs `redraw` (which replaces what is inside `root`) and, when focus was inside, puts it
 * back on the same control of the same row; on `fallback` (the heading) when that is gone.
 * Focus that the redraw left inside `root` (a form it only filled in) stays where it is.
 */
export function keepFocus(root: HTMLElement, fallback: () => HTMLElement | null, redraw: () => void): void {
  const active = document.activeElement;
  if (!(active instanceof HTMLElement) || !root.contains(active)) {
    redraw();
    return;
  }
  const target = targetOf(root, active);
  redraw();
  if (root.contains(document.activeElement)) return;
  focusFirst(root, target, fallback);
}
