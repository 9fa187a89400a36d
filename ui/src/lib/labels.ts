/**
 * The catalogue keys for core's enumerations that several pages name: rhythm kinds, how a
 * check-in was held, weekdays (in the order a Swedish week runs).
 */
import { CHANNELS as CHANNEL_ORDER, WEEKDAYS as WEEKDAY_ORDER } from '../api';
import type { Channel, RhythmKind, Weekday } from '../api';
import type { Key } from '../i18n';

export const KIND_LABEL: Record<RhythmKind, Key> = {
  group_meeting: 'calendar.kind.group_meeting',
  office_hours: 'calendar.kind.office_hours',
  social_break: 'calendar.kind.social_break',
  one_on_one: 'calendar.kind.one_on_one',
};

/** The channels in core's order, which is the order a select offers them. */
export const CHANNELS: [Channel, Key][] = CHANNEL_ORDER.map((c) => [c, `channel.${c}`]);

export const CHANNEL_LABEL = Object.fromEntries(CHANNELS) as Record<Channel, Key>;

export const WEEKDAYS: readonly Weekday[] = WEEKDAY_ORDER;

export const WEEKDAY_KEY: Record<Weekday, Key> = {
  mon: 'weekday.mon',
  tue: 'weekday.tue',
  wed: 'weekday.wed',
  thu: 'weekday.thu',
  fri: 'weekday.fri',
  sat: 'weekday.sat',
  sun: 'weekday.sun',
};
