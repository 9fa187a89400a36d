/**
 * Bringing a view up to date when the window comes back (see shell.ts): the view fetches
 * again, and redraws only when what it would show has changed, keeping focus where it was.
 */
import { localToday } from '../parts/agenda';

/** What a view last drew, as text; a refresh that would draw the same leaves the DOM alone. */
export class Snapshot {
  private last: string | null = null;

  /** Records `parts` (and today's date, which changes relative texts) and says whether they differ. */
  changed(...parts: unknown[]): boolean {
    const next = JSON.stringify([localToday(), ...parts]);
    if (next === this.last) return false;
    this.last = next;
    return true;
  }
}

/** The attributes that name a row across redraws. */
const ROW_ATTRS = ['data-occurrence-id', 'data-person-id', 'data-group-id', 'data-rhythm-id', 'data-kind', 'data-date'];

/**
 * Runs `redraw` (which replaces what is inside `root`) and puts focus back on the same
 * control of the same row when focus was inside; `fallback` (the heading) when that is gone.
 */
export function keepFocus(root: HTMLElement, fallback: () => HTMLElement | null, redraw: () => void): void {
  const active = document.activeElement;
  if (!(active instanceof HTMLElement) || !root.contains(active)) {
    redraw();
    return;
  }
  const action = active.dataset.action ?? null;
  let rowSelector: string | null = null;
  for (let node: HTMLElement | null = active; node && node !== root; node = node.parentElement) {
    const attr = ROW_ATTRS.find((a) => node?.hasAttribute(a));
    if (attr) {
      rowSelector = `[${attr}="${CSS.escape(node.getAttribute(attr) ?? '')}"]`;
      break;
    }
  }
  redraw();
  const scope = rowSelector ? root.querySelector<HTMLElement>(rowSelector) : root;
  const target =
    (action ? scope?.querySelector<HTMLElement>(`[data-action="${CSS.escape(action)}"]`) : null) ??
    (rowSelector ? scope?.querySelector<HTMLElement>('button') : null) ??
    fallback();
  target?.focus();
}
