/**
 * Rhythms in words, from their stored fields: "Every Wednesday at 13:00", "Varannan vecka på
 * torsdag", "Reminders 10 min before and at start". Text only; no schedule is computed here.
 */
import type { Recurrence, Rhythm, Weekday } from '../../api';
import { capitalise, formatCalendarDate, formatClock, formatList, ordinal, t, tp, type Key } from '../../i18n';
import { WEEKDAY_KEY, WEEKDAYS } from '../../lib/labels';

/** nth in a month: 1..4, or -1 for the last. */
export const WHICH: readonly [number, Key][] = [
  [1, 'which.1'],
  [2, 'which.2'],
  [3, 'which.3'],
  [4, 'which.4'],
  [-1, 'which.last'],
];

export function weekdayName(day: Weekday): string {
  return t(WEEKDAY_KEY[day]);
}

function whichName(nth: number): string {
  return t(WHICH.find(([n]) => n === nth)?.[1] ?? 'which.last');
}

/** The repeat rule alone: "Every Monday and Thursday", "Varje månad sista måndagen". */
export function ruleText(recurrence: Recurrence): string {
  const repeat = recurrence.repeat;
  switch (repeat.freq) {
    case 'weekly': {
      const days = formatList(WEEKDAYS.filter((d) => repeat.weekdays.includes(d)).map(weekdayName));
      if (repeat.interval === 1) return t('sum.weekly.1', { days });
      if (repeat.interval === 2) return t('sum.weekly.2', { days });
      return t('sum.weekly.n', { days, nth: ordinal(repeat.interval) });
    }
    case 'monthlyOnDay': {
      const day = ordinal(repeat.day);
      if (repeat.interval === 1) return t('sum.monthday.1', { day });
      if (repeat.interval === 2) return t('sum.monthday.2', { day });
      return t('sum.monthday.n', { day, nth: ordinal(repeat.interval) });
    }
    case 'monthlyOnWeekday': {
      const args = { which: whichName(repeat.nth), weekday: weekdayName(repeat.weekday) };
      if (repeat.interval === 1) return t('sum.monthweekday.1', args);
      if (repeat.interval === 2) return t('sum.monthweekday.2', args);
      return t('sum.monthweekday.n', { ...args, nth: ordinal(repeat.interval) });
    }
    case 'dailyWorkdays':
      return t('sum.workdays');
  }
}

/** "Every Wednesday at 13:00": the rule with the rhythm's wall-clock start time. */
export function scheduleText(rhythm: Rhythm): string {
  const time = formatClock(rhythm.start.slice(11, 16));
  return capitalise(t('sum.at', { rule: ruleText(rhythm.recurrence), time }));
}

/** "until 31 Dec 2026", "10 times", or null for a series that never ends. */
export function endText(recurrence: Recurrence): string | null {
  const end = recurrence.end;
  switch (end.kind) {
    case 'never':
      return null;
    case 'until':
      return t('sum.until', { date: formatCalendarDate(end.date) });
    case 'count':
      return tp('sum.count', end.count);
  }
}

/** One lead time in words: "10 min before", "at start", "1 day before". */
export function leadLabel(minutes: number): string {
  if (minutes === 0) return t('lead.start');
  if (minutes % 1440 === 0) return tp('lead.days', minutes / 1440);
  if (minutes % 60 === 0) return tp('lead.hours', minutes / 60);
  return t('lead.minutes', { count: minutes });
}

/** "Reminders 10 min before and at start", or "No reminders". */
export function remindersText(leads: number[]): string {
  if (leads.length === 0) return t('sum.no_reminders');
  const sorted = [...leads].sort((a, b) => b - a);
  return t('sum.reminders', { list: formatList(sorted.map(leadLabel)) });
}
