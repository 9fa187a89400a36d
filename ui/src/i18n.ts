/**
 * The UI's words: the shared catalogues in core/i18n (the same files Rust reads), the
 * current language, and dates through Intl in that language.
 */
import enText from '../../core/i18n/en.json?raw';
import svText from '../../core/i18n/sv.json?raw';
import type { Lang } from './bindings/Lang';

export type { Lang };
/** Every key of the catalogue; a typo in a key is a compile error, not a blank label. */
export type Key = keyof typeof import('../../core/i18n/en.json');
/** The stem of a key that comes in `.one` and `.other` forms ("due.since" for "due.since.one"). */
export type PluralKey = { [K in Key]: K extends `${infer Stem}.one` ? Stem : never }[Key];
type Args = Record<string, string | number>;

// Each catalogue is parsed from its text when first used, by JSON.parse. As object literals
// both were script the page compiled and ran before it could draw anything: its script began
// 42 ms after the page instead of 32.5 (medians of 20 starts; BENCHMARKS.md, "The desktop's
// font, named once").
const texts: Record<Lang, string> = { en: enText, sv: svText };
const parsed: Partial<Record<Lang, Record<string, string>>> = {};
function catalogue(lang: Lang): Record<string, string> {
  return (parsed[lang] ??= JSON.parse(texts[lang]) as Record<string, string>);
}
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
  const template = catalogue(current)[key] ?? catalogue('en')[key] ?? key;
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
  const template = catalogue(current)[key] ?? catalogue('en')[key] ?? key;
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
export function locale(): string {
  if (current === 'sv') return 'sv-SE';
  const regional = navigator.languages.find((l) => /^en-[a-z]{2}$/i.test(l));
  return regional ?? 'en-GB';
}

/**
 * Intl's formatters, one per locale and options: making one costs far more than using it
 * (a list of 500 rows used to make a thousand), and both locale and options are few.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
function dateFormat(options: Intl.DateTimeFormatOptions, loc: string = locale()): Intl.DateTimeFormat {
  const key = `${loc} ${JSON.stringify(options)}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(loc, options);
    formatters.set(key, format);
  }
  return format;
}
const pluralRules = new Map<string, Intl.PluralRules>();
function plural(type: Intl.PluralRuleType): Intl.PluralRules {
  const key = `${locale()} ${type}`;
  let rules = pluralRules.get(key);
  if (!rules) {
    rules = new Intl.PluralRules(locale(), { type });
    pluralRules.set(key, rules);
  }
  return rules;
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
  return dateFormat({ dateStyle: 'medium' }).format(date);
}

/**
 * The `.one` or `.other` form of `stem` for `count`, by the language's plural rules, with
 * `{count}` and any other placeholders filled.
 */
export function tp(stem: PluralKey, count: number, args: Args = {}): string {
  const form = plural('cardinal').select(count) === 'one' ? 'one' : 'other';
  return t(`${stem}.${form}` as Key, { count, ...args });
}

/** "3rd", "3:e": ordinal numbers as the catalogue writes them. */
export function ordinal(n: number): string {
  const rule = plural('ordinal').select(n);
  const key: Key =
    rule === 'one' ? 'ordinal.one' : rule === 'two' ? 'ordinal.two' : rule === 'few' ? 'ordinal.few' : 'ordinal.other';
  return t(key, { n });
}

/** "Monday and Thursday", "måndag och torsdag". */
export function formatList(items: string[]): string {
  return new Intl.ListFormat(locale(), { style: 'long', type: 'conjunction' }).format(items);
}

/** Upper-cases the first letter, for list words used as option labels ("first" → "First"). */
export function capitalise(text: string): string {
  const first = Array.from(text)[0] ?? '';
  return first.toLocaleUpperCase(locale()) + text.slice(first.length);
}

/**
 * A calendar date ("2026-11-26") as a Date at noon UTC, formatted with timeZone UTC below,
 * so that no zone can shift it to the day before or after.
 */
function calendarDate(iso: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return null;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 12));
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "torsdag 26 november", "Thursday 26 November": a day in the near future or past. */
export function formatDay(iso: string): string {
  const date = calendarDate(iso);
  if (!date) return iso;
  return dateFormat({ weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(date);
}

/** "23–29 november 2026", "23 November – 6 December 2026": a week's first and last day. */
export function formatDayRange(firstIso: string, lastIso: string): string {
  const first = calendarDate(firstIso);
  const last = calendarDate(lastIso);
  if (!first || !last) return `${firstIso} – ${lastIso}`;
  return dateFormat({ day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).formatRange(first, last);
}

/** "26 nov. 2026": a calendar date that may be far off. */
export function formatCalendarDate(iso: string): string {
  const date = calendarDate(iso);
  if (!date) return iso;
  return dateFormat({ dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

/**
 * Swedes write 09:00, and so does English in a 24-hour region (en-GB, en-IE …); a 12-hour
 * region's clock reads 9:00 AM. With `numeric` hours a 24-hour locale writes "9:00" alone
 * but "09:00–09:30" in a range, and Rust writes "09:00" in the tray (`i18n::clock_text`).
 */
const twentyFourHours = new Map<string, boolean>();
function hour(): '2-digit' | 'numeric' {
  if (current === 'sv') return '2-digit';
  const loc = locale();
  let h23 = twentyFourHours.get(loc);
  if (h23 === undefined) {
    const cycle = dateFormat({ hour: 'numeric' }, loc).resolvedOptions().hourCycle;
    h23 = cycle === 'h23' || cycle === 'h24';
    twentyFourHours.set(loc, h23);
  }
  return h23 ? '2-digit' : 'numeric';
}

/** "09:00–10:00" (or "9:00 – 10:00 AM") in this computer's zone. */
export function formatTimeRange(startIso: string, endIso: string): string {
  const start = parseTimestamp(startIso);
  const end = parseTimestamp(endIso);
  if (!start || !end) return startIso;
  const format = dateFormat({ hour: hour(), minute: '2-digit' });
  return end > start ? format.formatRange(start, end) : format.format(start);
}

/** "tors 19 mars 09:00": a moment, in this computer's zone. */
export function formatMoment(iso: string): string {
  const date = parseTimestamp(iso);
  if (!date) return iso;
  return dateFormat({ weekday: 'short', day: 'numeric', month: 'short', hour: hour(), minute: '2-digit' }).format(date);
}

/** A wall-clock "HH:MM" as the language writes times ("13:00", "1:00 PM"). */
export function formatClock(hhmm: string): string {
  const match = /^(\d{1,2}):(\d{2})/.exec(hhmm);
  if (!match) return hhmm;
  const date = new Date(Date.UTC(2000, 0, 1, Number(match[1]), Number(match[2])));
  return dateFormat({ hour: hour(), minute: '2-digit', timeZone: 'UTC' }).format(date);
}

/** The date ("2026-11-26") and time ("09:00") of an instant on the wall clock of `timeZone`. */
export function wallClock(iso: string, timeZone: string): { date: string; time: string } | null {
  const instant = parseTimestamp(iso);
  if (!instant) return null;
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = dateFormat(
      { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
      'en-CA',
    ).formatToParts(instant);
  } catch {
    return null; // a zone this webview does not know
  }
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return {
    date: `${part('year')}-${part('month')}-${part('day')}`,
    time: `${part('hour')}:${part('minute')}`,
  };
}

/** "09:40", "9:40 AM": the time of an instant on this computer's clock. */
export function formatInstantTime(iso: string): string {
  const date = parseTimestamp(iso);
  if (!date) return iso;
  return dateFormat({ hour: hour(), minute: '2-digit' }).format(date);
}

/**
 * When something ends: only the time when that is later today ("15:30"), the day too when it
 * is not ("fre 28 nov. 08:00"), so "until 08:00" never leaves the reader guessing which day.
 */
export function formatUntil(iso: string, now: Date = new Date()): string {
  const date = parseTimestamp(iso);
  if (!date) return iso;
  const sameDay =
    date.getFullYear() === now.getFullYear() && date.getMonth() === now.getMonth() && date.getDate() === now.getDate();
  return sameDay ? formatInstantTime(iso) : formatMoment(iso);
}
