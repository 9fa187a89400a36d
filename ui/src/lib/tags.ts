/** Tags: the small rounded labels on a row ("Alone with the assignment", "Paused"), in a tone. */
import { h, icon, type IconName } from '../dom';

export type TagTone = 'accent' | 'warn' | 'muted' | 'danger';

/** A small rounded label ("Alone with the assignment", "Paused"); warnings carry the alert icon. */
export function tag(text: string, tone: TagTone, attrs: Record<string, string> = {}, iconName?: IconName): HTMLElement {
  const shownIcon = iconName ?? (tone === 'warn' ? 'alert' : undefined);
  return h('span', { class: `tag tw-tag-${tone}`, ...attrs }, shownIcon ? icon(shownIcon) : null, h('span', {}, text));
}
