/**
 * Small pieces the team-work views share (Work, Ideas, the Today and Settings cards): tags,
 * multi-line user text, a labelled select inside a row, copying text, and putting focus back
 * after a redraw.
 */
import { h, icon, type IconName } from '../dom';
import { t } from '../i18n';
import '../parts/teamwork.css';

/** The attributes that name a row across redraws in these views. */
const ROW_ATTRS = ['data-assignment-id', 'data-round-id', 'data-idea-id', 'data-person-id', 'data-suggestion'];

/**
 * Runs `redraw` and puts focus back on the same control of the same row when focus was inside
 * `root`; on `fallback` (the heading) when that row or control is gone.
 */
export function keepFocus(root: HTMLElement, fallback: () => HTMLElement | null, redraw: () => void): void {
  const active = document.activeElement;
  if (!(active instanceof HTMLElement) || !root.contains(active)) {
    redraw();
    return;
  }
  const action = active.dataset.action ?? null;
  const selectors: string[] = [];
  for (let node: HTMLElement | null = active; node && node !== root; node = node.parentElement) {
    const attr = ROW_ATTRS.find((a) => node?.hasAttribute(a));
    if (attr) selectors.unshift(`[${attr}="${CSS.escape(node.getAttribute(attr) ?? '')}"]`);
  }
  redraw();
  let scope: HTMLElement | null = root;
  for (const selector of selectors) scope = scope?.querySelector<HTMLElement>(selector) ?? null;
  const target =
    (action ? scope?.querySelector<HTMLElement>(`[data-action="${CSS.escape(action)}"]`) : null) ??
    (selectors.length ? scope?.querySelector<HTMLElement>('button, select') : null) ??
    fallback();
  target?.focus();
}

export type TagTone = 'accent' | 'warn' | 'muted' | 'danger';

/** A small rounded label ("Alone with it", "Paused"); warnings carry the alert icon. */
export function tag(text: string, tone: TagTone, attrs: Record<string, string> = {}, iconName?: IconName): HTMLElement {
  const shownIcon = iconName ?? (tone === 'warn' ? 'alert' : undefined);
  return h('span', { class: `tag tw-tag-${tone}`, ...attrs }, shownIcon ? icon(shownIcon) : null, h('span', {}, text));
}

/** Text a person wrote over several lines, shown with its line breaks, as text. */
export function prose(text: string, attrs: Record<string, string> = {}): HTMLElement {
  return h('p', { class: 'tw-prose', ...attrs }, text);
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

/** "Ctrl+C", or "⌘C" on a Mac: how to copy by hand. */
function copyKeys(): string {
  return /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent) ? '⌘C' : 'Ctrl+C';
}

/**
 * Copies the text of `area` to the clipboard; where the webview refuses, the text is selected
 * so that Ctrl+C copies it. Resolves to the message to announce.
 */
export async function copyFrom(area: HTMLTextAreaElement): Promise<{ copied: boolean; message: string }> {
  try {
    await navigator.clipboard.writeText(area.value);
    return { copied: true, message: t('pairing.copied') };
  } catch {
    area.focus();
    area.select();
    let copied = false;
    try {
      // The older way still works in some webviews where the Clipboard API is off.
      copied = document.execCommand('copy');
    } catch {
      copied = false;
    }
    return copied
      ? { copied: true, message: t('pairing.copied') }
      : { copied: false, message: t('pairing.copy_failed', { keys: copyKeys() }) };
  }
}
