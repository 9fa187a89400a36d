/**
 * Calendar dates as the UI handles them ("YYYY-MM-DD", the computer's own day) and how long
 * ago something was, in words. Schedules are core's: nothing here decides what is due.
 */
import { t, tp } from '../i18n';

const pad = (n: number) => String(n).padStart(2, '0');

/** Today's date on this computer, "YYYY-MM-DD", until the agenda says. */
export function localToday(): string {
  const now = new Date();
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Whole days from `from` to `to` ("YYYY-MM-DD"). */
export function daysBetween(from: string, to: string): number {
  const day = (iso: string) => {
    const [y, m, d] = iso.split('-').map(Number);
    return Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1) / 86_400_000;
  };
  return Math.round(day(to) - day(from));
}

/** The local calendar date of an RFC 3339 timestamp. */
export function localDate(timestamp: string): string {
  const date = new Date(timestamp.replace(/(\.\d{3})\d+/, '$1'));
  if (Number.isNaN(date.getTime())) return localToday();
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * "16 days since the last check-in", "No check-in yet, added 3 days ago", or, when the
 * manager said when they last talked, "no check-in yet; you last talked 3 days ago".
 */
export function sinceText(
  lastHeld: string | null,
  createdAt: string,
  today: string,
  lastTalked: string | null = null,
): string {
  if (lastHeld === null && lastTalked !== null) {
    const days = Math.max(0, daysBetween(lastTalked, today));
    return days === 0 ? t('due.talked_today') : tp('due.talked', days);
  }
  if (lastHeld === null) {
    const added = Math.max(0, daysBetween(localDate(createdAt), today));
    return added === 0 ? t('due.never_today') : tp('due.never', added);
  }
  const days = daysBetween(lastHeld, today);
  return days <= 0 ? t('checkin.since_today') : tp('due.since', days);
}
