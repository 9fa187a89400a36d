/**
 * The UI's words: the shared catalogues in core/i18n (the same files Rust reads), the
 * current language, and dates through Intl in that language.
 */
import en from '../../core/i18n/en.json';
import sv from '../../core/i18n/sv.json';
import type { Lang } from './api';

export type { Lang };
/** Every key of the catalogue; a typo in a key is a compile error, not a blank label. */
export type Key = keyof typeof en;
type Args = Record<string, string | number>;

const catalogues: Record<Lang, Record<string, string>> = { en, sv };
let current: Lang = 'en';

export function setLang(lang: Lang): void {
  current = lang;
  document.documentElement.lang = lang;
}

export function lang(): Lang {
  return current;
}

/** The text for `key` with `{name}` placeholders filled, like core's `i18n::t`. */
export function t(key: Key, args: Args = {}): string {
  const template = catalogues[current][key] ?? catalogues.en[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = args[name];
    return value === undefined ? whole : String(value);
  });
}

/**
 * The text for `key` as DOM nodes, with placeholders replaced by the given nodes (for
 * example a <kbd>) or strings. Strings become text nodes, never markup.
 */
export function tNodes(key: Key, args: Record<string, Node | string>): Node[] {
  const template = catalogues[current][key] ?? catalogues.en[key] ?? key;
  const out: Node[] = [];
  let last = 0;
  for (const match of template.matchAll(/\{(\w+)\}/g)) {
    const index = match.index ?? 0;
    const value = args[match[1] ?? ''];
    if (value === undefined) continue;
    if (index > last) out.push(document.createTextNode(template.slice(last, index)));
    out.push(typeof value === 'string' ? document.createTextNode(value) : value);
    last = index + match[0].length;
  }
  if (last < template.length) out.push(document.createTextNode(template.slice(last)));
  return out;
}

/** The language's own name ("Svenska", "English"), the same in both catalogues. */
export function languageName(code: Lang): string {
  return t(code === 'sv' ? 'settings.language_sv' : 'settings.language_en');
}

/**
 * Swedish dates as a Swede writes them; English ones in the computer's English region when
 * it has one (en-US, en-GB, …), otherwise British style, which reads naturally in Europe.
 */
function locale(): string {
  if (current === 'sv') return 'sv-SE';
  const regional = navigator.languages.find((l) => /^en-[a-z]{2}$/i.test(l));
  return regional ?? 'en-GB';
}

/**
 * Parses an RFC 3339 timestamp from Rust. chrono writes up to nine fractional digits, but
 * Date only promises to read three, so the fraction is cut to milliseconds first.
 */
export function parseTimestamp(text: string): Date | null {
  const normalised = text.replace(/(\.\d{3})\d+/, '$1');
  const date = new Date(normalised);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function formatDate(rfc3339: string): string {
  const date = parseTimestamp(rfc3339);
  if (!date) return rfc3339;
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium' }).format(date);
}
