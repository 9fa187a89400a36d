/**
 * The rhythm editor: kind, title, who it is for, when it starts, how it repeats and ends, its
 * time zone and reminders; when editing, whether the change applies to the whole series or
 * from a date on. Only the fields the chosen kind and repetition need are shown.
 */
import * as api from '../../api';
import type { End, Group, Person, Repeat, Rhythm, RhythmDraft, RhythmKind, Weekday } from '../../api';
import { h, on } from '../../dom';
import { capitalise, t, type Key } from '../../i18n';
import {
  dateInput,
  FormDialog,
  numberInput,
  readRequiredNumber,
  select,
  optionalText,
  textInput,
  timeInput,
} from '../../lib/form';
import { KIND_LABEL, WEEKDAY_KEY, WEEKDAYS } from '../../lib/labels';
import { leadLabel, WHICH } from './rhythm-text';

export const KINDS: readonly RhythmKind[] = api.RHYTHM_KINDS;

type Freq = Repeat['freq'];
const FREQS: readonly [Freq, Key][] = [
  ['weekly', 'rhythm.repeat.weekly'],
  ['monthlyOnDay', 'rhythm.repeat.monthlyOnDay'],
  ['monthlyOnWeekday', 'rhythm.repeat.monthlyOnWeekday'],
  ['dailyWorkdays', 'rhythm.repeat.dailyWorkdays'],
];
type EndKind = End['kind'];
const ENDS: readonly [EndKind, Key][] = [
  ['never', 'rhythm.ends.never'],
  ['until', 'rhythm.ends.until'],
  ['count', 'rhythm.ends.count'],
];

/** Zones a Swedish manager's people are likely in, plus the system's and the rhythm's own. */
const ZONES = [
  'Europe/Stockholm',
  'Europe/Helsinki',
  'Europe/Oslo',
  'Europe/Copenhagen',
  'Europe/Tallinn',
  'Europe/Riga',
  'Europe/Vilnius',
  'Europe/Warsaw',
  'Europe/Berlin',
  'Europe/Amsterdam',
  'Europe/Paris',
  'Europe/Madrid',
  'Europe/Lisbon',
  'Europe/London',
  'Europe/Dublin',
  'Atlantic/Reykjavik',
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Los_Angeles',
  'America/Sao_Paulo',
  'Africa/Johannesburg',
  'Asia/Dubai',
  'Asia/Kolkata',
  'Asia/Singapore',
  'Asia/Shanghai',
  'Asia/Tokyo',
  'Australia/Sydney',
  'Pacific/Auckland',
  'UTC',
];

/** Reminder choices offered to everyone; a rhythm's own other values are added to them. */
const LEADS = [1440, 60, 10, 5, 0];
const DEFAULT_LEADS: Record<RhythmKind, number[]> = {
  group_meeting: [10, 0],
  office_hours: [10, 0],
  social_break: [5],
  one_on_one: [10, 0],
};
const DEFAULT_MINUTES: Record<RhythmKind, number> = {
  group_meeting: 60,
  office_hours: 60,
  social_break: 30,
  one_on_one: 30,
};

export interface RhythmDialogOptions {
  rhythm?: Rhythm;
  /** The kind a new rhythm starts as. */
  kind?: RhythmKind;
  groups: Group[];
  people: Person[];
  /** The system's zone (AppInfo.timezone). */
  systemZone: string;
  today: string;
  onSaved(rhythm: Rhythm, created: boolean): void;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The weekday of a "YYYY-MM-DD" date, or null. */
function weekdayOf(iso: string): Weekday | null {
  if (!ISO_DATE.test(iso)) return null;
  const [y, m, d] = iso.split('-').map(Number);
  const date = new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1));
  if (Number.isNaN(date.getTime())) return null;
  return WEEKDAYS[(date.getUTCDay() + 6) % 7] ?? null;
}

function dayOf(iso: string): number | null {
  return ISO_DATE.test(iso) ? Number(iso.slice(8, 10)) : null;
}

export function openRhythmDialog(options: RhythmDialogOptions): void {
  const { rhythm } = options;
  const startDateValue = rhythm ? rhythm.start.slice(0, 10) : options.today;
  const repeat = rhythm?.recurrence.repeat;
  const end = rhythm?.recurrence.end;
  let kindValue: RhythmKind = rhythm?.kind ?? options.kind ?? 'group_meeting';

  // ----- Controls -----
  const kind = select(KINDS.map((k) => [k, t(KIND_LABEL[k])]), kindValue);
  const title = textInput(rhythm?.title ?? '', { spellcheck: 'true' });
  const group = h('select', {});
  const groupNone = h('p', { class: 'hint', hidden: true }, t('rhythm.no_groups'));
  const activePeople = options.people.filter(
    (p) => p.archivedAt === null || p.id === rhythm?.personId,
  );
  const person = select(
    [['', t('rhythm.choose_person')], ...activePeople.map((p): [string, string] => [String(p.id), p.name])],
    rhythm?.personId != null ? String(rhythm.personId) : '',
  );
  const startDate = dateInput(startDateValue);
  const startTime = timeInput(rhythm ? rhythm.start.slice(11, 16) : '09:00');
  const duration = numberInput(rhythm?.durationMinutes ?? DEFAULT_MINUTES[kindValue]);
  const freq = select(FREQS.map(([f, key]) => [f, t(key)]), repeat?.freq ?? 'weekly');
  const intervalWeeks = numberInput(repeat?.freq === 'weekly' ? repeat.interval : 1);
  const intervalMonths = numberInput(
    repeat?.freq === 'monthlyOnDay' || repeat?.freq === 'monthlyOnWeekday' ? repeat.interval : 1,
  );
  const initialWeekday = weekdayOf(startDateValue) ?? 'mon';
  const checkedDays = new Set<Weekday>(repeat?.freq === 'weekly' ? repeat.weekdays : [initialWeekday]);
  const weekdayBoxes = WEEKDAYS.map((day) => {
    const box = h('input', { type: 'checkbox', id: `rhythm-weekday-${day}`, value: day, name: 'weekdays' });
    box.checked = checkedDays.has(day);
    return box;
  });
  const day = numberInput(repeat?.freq === 'monthlyOnDay' ? repeat.day : (dayOf(startDateValue) ?? 1));
  const startDay = dayOf(startDateValue) ?? 1;
  const which = select(
    WHICH.map(([n, key]): [string, string] => [String(n), capitalise(t(key))]),
    String(repeat?.freq === 'monthlyOnWeekday' ? repeat.nth : Math.min(4, Math.ceil(startDay / 7))),
  );
  const weekday = select(
    WEEKDAYS.map((d): [string, string] => [d, capitalise(t(WEEKDAY_KEY[d]))]),
    repeat?.freq === 'monthlyOnWeekday' ? repeat.weekday : initialWeekday,
  );
  const ends = select(ENDS.map(([e, key]) => [e, t(key)]), end?.kind ?? 'never');
  const until = dateInput(end?.kind === 'until' ? end.date : '');
  const count = numberInput(end?.kind === 'count' ? end.count : 10);
  const zones = [...new Set([options.systemZone, ...ZONES, ...(rhythm ? [rhythm.timezone] : [])])];
  const zone = select(
    zones.map((z): [string, string] => [z, z === options.systemZone ? t('rhythm.tz_system', { zone: z }) : z]),
    rhythm?.timezone ?? options.systemZone,
  );
  const leadValues = [...new Set([...LEADS, ...(rhythm?.leadMinutes ?? [])])].sort((a, b) => b - a);
  const checkedLeads = new Set(rhythm?.leadMinutes ?? DEFAULT_LEADS[kindValue]);
  const leadBoxes = leadValues.map((minutes) => {
    const box = h('input', { type: 'checkbox', id: `rhythm-lead-${minutes}`, value: String(minutes), name: 'leadMinutes' });
    box.checked = checkedLeads.has(minutes);
    return box;
  });
  const applyAll = h('input', { type: 'radio', name: 'apply', value: 'all', id: 'rhythm-apply-all' });
  const applyFrom = h('input', { type: 'radio', name: 'apply', value: 'from', id: 'rhythm-apply-from' });
  applyAll.checked = true;
  const fromDate = dateInput(options.today);
  const link = textInput(rhythm?.meetingLink ?? '', { inputmode: 'url', autocapitalize: 'off', spellcheck: 'false' });

  // What the user has not touched follows the kind and the start date.
  let durationTouched = rhythm !== undefined;
  let leadsTouched = rhythm !== undefined;
  let weekdaysTouched = rhythm !== undefined;
  on(duration, 'input', () => (durationTouched = true));
  for (const box of leadBoxes) on(box, 'change', () => (leadsTouched = true));
  for (const box of weekdayBoxes) on(box, 'change', () => (weekdaysTouched = true));

  // ----- Layout -----
  const dialog = new FormDialog({
    id: 'rhythm',
    wide: true,
    title: rhythm ? t('rhythm.edit_title', { title: rhythm.title }) : t('rhythm.new_title'),
    submitLabel: t('common.save'),
    alias: (field) => {
      if (field === 'interval') return freq.value === 'weekly' ? 'intervalWeeks' : 'intervalMonths';
      return field;
    },
    submit,
  });

  const checkbox = (box: HTMLInputElement, label: string) =>
    h('div', { class: 'check' }, box, h('label', { for: box.id }, label));

  const groupRow = h('div', {}, dialog.field('groupId', t('rhythm.group'), group), groupNone);
  const personRow = dialog.field('personId', t('rhythm.person'), person);
  const weeklySection = h(
    'div',
    { class: 'section' },
    dialog.field('intervalWeeks', t('rhythm.interval_weeks'), intervalWeeks, { hint: t('rhythm.interval_weeks_hint') }),
    dialog.fieldset(
      'weekdays',
      t('rhythm.weekdays'),
      [h('div', { class: 'checks checks-days' }, ...weekdayBoxes.map((box, i) => checkbox(box, t(WEEKDAY_KEY[WEEKDAYS[i] ?? 'mon']))))],
    ),
  );
  const monthlySection = h(
    'div',
    { class: 'section' },
    dialog.field('intervalMonths', t('rhythm.interval_months'), intervalMonths, { hint: t('rhythm.interval_months_hint') }),
  );
  const daySection = dialog.field('day', t('rhythm.day'), day);
  const weekdaySection = h(
    'div',
    { class: 'field-pair' },
    dialog.field('nth', t('rhythm.which'), which),
    dialog.field('weekday', t('rhythm.weekday'), weekday),
  );
  monthlySection.append(daySection, weekdaySection);
  const untilRow = dialog.field('until', t('rhythm.until'), until);
  const countRow = dialog.field('count', t('rhythm.count'), count);
  const fromRow = dialog.field('fromDate', t('rhythm.from_date'), fromDate, { hint: t('rhythm.from_hint') });

  dialog.append(
    h(
      'div',
      { class: 'field-pair' },
      dialog.field('kind', t('rhythm.kind'), kind),
      groupRow,
      personRow,
    ),
    dialog.field('title', t('rhythm.title'), title),
    h(
      'div',
      { class: 'field-pair' },
      dialog.field('startDate', t('rhythm.start_date'), startDate),
      dialog.field('startTime', t('rhythm.start_time'), startTime),
      dialog.field('durationMinutes', t('rhythm.duration'), duration),
    ),
    dialog.field('recurrence', t('rhythm.repeat'), freq),
    weeklySection,
    monthlySection,
    h('div', { class: 'field-pair' }, dialog.field('end', t('rhythm.ends'), ends), untilRow, countRow),
    dialog.field('timezone', t('rhythm.timezone'), zone),
    dialog.field('meetingLink', t('link.label'), link, { optional: true, hint: t('link.hint') }),
    dialog.fieldset('leadMinutes', t('rhythm.reminders'), [
      h('div', { class: 'checks' }, ...leadBoxes.map((box, i) => checkbox(box, capitalise(leadLabel(leadValues[i] ?? 0))))),
    ]),
    rhythm
      ? dialog.fieldset('apply', t('rhythm.apply'), [
          h('div', { class: 'checks' }, checkbox(applyAll, t('rhythm.apply_all')), checkbox(applyFrom, t('rhythm.apply_from'))),
          fromRow,
        ])
      : null,
  );

  // ----- Behaviour -----
  function fillGroups(): void {
    const social = kindValue === 'social_break';
    const current = group.value || (rhythm?.groupId != null ? String(rhythm.groupId) : '');
    group.replaceChildren(
      h('option', { value: '' }, social ? t('rhythm.everyone') : t('rhythm.choose_group')),
      ...options.groups.map((g) => h('option', { value: String(g.id) }, g.name)),
    );
    group.value = options.groups.some((g) => String(g.id) === current) ? current : '';
    groupNone.hidden = social || options.groups.length > 0;
  }

  function sync(): void {
    const f = freq.value as Freq;
    groupRow.hidden = kindValue !== 'group_meeting' && kindValue !== 'social_break';
    personRow.hidden = kindValue !== 'one_on_one';
    weeklySection.hidden = f !== 'weekly';
    monthlySection.hidden = f !== 'monthlyOnDay' && f !== 'monthlyOnWeekday';
    daySection.hidden = f !== 'monthlyOnDay';
    weekdaySection.hidden = f !== 'monthlyOnWeekday';
    untilRow.hidden = ends.value !== 'until';
    countRow.hidden = ends.value !== 'count';
    fromRow.hidden = !applyFrom.checked;
  }

  on(kind, 'change', () => {
    kindValue = kind.value as RhythmKind;
    fillGroups();
    if (!durationTouched) duration.value = String(DEFAULT_MINUTES[kindValue]);
    if (!leadsTouched) {
      const leads = DEFAULT_LEADS[kindValue];
      leadBoxes.forEach((box, i) => (box.checked = leads.includes(leadValues[i] ?? -1)));
    }
    sync();
  });
  on(startDate, 'change', () => {
    const wd = weekdayOf(startDate.value.trim());
    if (wd && !weekdaysTouched) weekdayBoxes.forEach((box) => (box.checked = box.value === wd));
  });
  for (const el of [freq, ends]) on(el, 'change', sync);
  for (const el of [applyAll, applyFrom]) on(el, 'change', sync);
  fillGroups();
  sync();

  function repeatValue(): Repeat {
    switch (freq.value as Freq) {
      case 'weekly':
        return {
          freq: 'weekly',
          interval: readRequiredNumber(intervalWeeks, 0, api.LIMITS.intervalMax + 1),
          weekdays: weekdayBoxes.filter((b) => b.checked).map((b) => b.value as Weekday),
        };
      case 'monthlyOnDay':
        return { freq: 'monthlyOnDay', interval: readRequiredNumber(intervalMonths, 0, api.LIMITS.intervalMax + 1), day: readRequiredNumber(day, 0, 32) };
      case 'monthlyOnWeekday':
        return {
          freq: 'monthlyOnWeekday',
          interval: readRequiredNumber(intervalMonths, 0, api.LIMITS.intervalMax + 1),
          nth: Number(which.value),
          weekday: weekday.value as Weekday,
        };
      case 'dailyWorkdays':
        return { freq: 'dailyWorkdays' };
    }
  }

  function endValue(): End {
    switch (ends.value as EndKind) {
      case 'until':
        return { kind: 'until', date: until.value.trim() };
      case 'count':
        return { kind: 'count', count: readRequiredNumber(count, 0, api.LIMITS.countMax + 1) };
      default:
        return { kind: 'never' };
    }
  }

  function draft(): RhythmDraft {
    const forGroup = kindValue === 'group_meeting' || kindValue === 'social_break';
    return {
      kind: kindValue,
      title: title.value,
      groupId: forGroup && group.value ? Number(group.value) : null,
      personId: kindValue === 'one_on_one' && person.value ? Number(person.value) : null,
      startDate: startDate.value.trim(),
      startTime: startTime.value.trim(),
      durationMinutes: readRequiredNumber(duration, 0, 100_000),
      timezone: zone.value,
      recurrence: { repeat: repeatValue(), end: endValue() },
      leadMinutes: leadBoxes.filter((b) => b.checked).map((b) => Number(b.value)),
    };
  }

  let created: Rhythm | undefined;
  async function submit(): Promise<() => void> {
    const d = draft();
    const newLink = optionalText(link.value);
    let saved: Rhythm;
    // An existing rhythm takes its link first: a refused link leaves everything unsaved.
    if (rhythm && newLink !== (rhythm.meetingLink ?? null)) await api.setRhythmLink(rhythm.id, newLink);
    if (!rhythm) {
      // A new rhythm whose link was refused is already saved: the next Save edits it.
      saved = created ? await api.updateRhythm(created.id, d) : await api.createRhythm(d);
      created = saved;
      if (newLink !== null) saved = await api.setRhythmLink(saved.id, newLink);
    } else if (applyFrom.checked) {
      const from = fromDate.value.trim();
      // The changed series starts on the from date at the earliest (Rust insists on it).
      if (ISO_DATE.test(from) && ISO_DATE.test(d.startDate) && d.startDate < from) d.startDate = from;
      saved = await api.updateRhythmFrom(rhythm.id, from, d);
    } else {
      saved = await api.updateRhythm(rhythm.id, d);
    }
    return () => options.onSaved(saved, !rhythm);
  }

  dialog.open(rhythm ? title : kind);
}
