/**
 * What Today and Settings share about reminders: whether they are paused now and the words
 * for it. A pause whose end has passed has ended, whatever the stored value says.
 */
import type { ReminderSettings } from '../api';
import { formatUntil, parseTimestamp, t } from '../i18n';

/** The end of the pause in force now, or null. */
export function pausedUntil(settings: ReminderSettings | null, now: Date = new Date()): string | null {
  const until = settings?.pausedUntil ?? null;
  if (until === null) return null;
  const end = parseTimestamp(until);
  return end && end.getTime() > now.getTime() ? until : null;
}

/** "Reminders paused until 15:30". */
export function pausedText(until: string): string {
  return t('pause.until', { time: formatUntil(until) });
}
