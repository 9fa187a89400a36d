/** What people wrote and what they are called, shown as text: prose with its line breaks, initials. */
import { h } from '../dom';

/** Text a person wrote over several lines, shown with its line breaks, as text. */
export function prose(text: string, attrs: Record<string, string> = {}): HTMLElement {
  return h('p', { class: 'tw-prose', ...attrs }, text);
}

/** Up to two letters from the first and last word, whole characters (Å, emoji) kept intact. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const first = (word: string | undefined) => (word ? (Array.from(word)[0] ?? '') : '');
  const letters = words.length > 1 ? first(words[0]) + first(words[words.length - 1]) : first(words[0]);
  return letters.toLocaleUpperCase();
}
