/**
 * The rows Today and Week are made of: an occurrence with its actions (held, skip, move,
 * undo) and a check-in that is due with "Start check-in" and "Log check-in", plus their small
 * dialogs. Rows carry test hooks: data-occurrence-id and data-status, data-person-id.
 */
import * as api from '../api';
import type { Agenda, AgendaDay, DueCheckIn, OccurrenceView } from '../api';
import { button, h, icon, type IconName } from '../dom';
import {
  formatCalendarDate,
  formatInstantTime,
  formatClock,
  formatDay,
  formatMoment,
  formatTimeRange,
  parseTimestamp,
  t,
  tp,
  wallClock,
  type Key,
} from '../i18n';
import { dateInput, FormDialog, numberInput, optionalText, readNumber, select, textInput, timeInput } from '../lib/form';
import { control, row, type FocusTarget } from '../lib/focus';
import type { Ctx } from '../lib/frame';
import { CHANNELS, KIND_LABEL } from '../lib/labels';
import { personHref, startCheckinButton } from '../lib/nav';
import { initials } from '../lib/text';
import { bookButton, bookedText, cancelBookingButton } from './booking';

type OccurrenceAction = 'held' | 'skip' | 'move' | 'undo';

/** What a view gives its rows: the frame, and a way to redraw itself after a change. */
export interface Hooks {
  ctx: Ctx;
  /** Today's date ("YYYY-MM-DD") as the agenda sees it. */
  today: string;
  reload(focus: FocusTarget): Promise<void>;
}

/** An occurrence's control after a redraw; any of its buttons when that one is gone. */
function occurrenceFocus(id: string, action: OccurrenceAction): FocusTarget {
  const occurrence = row('data-occurrence-id', id);
  return [control(action, occurrence), `${occurrence} button`];
}

/** A due check-in's "Log check-in" after a redraw. */
function dueFocus(personId: number): FocusTarget {
  const due = row('data-person-id', personId);
  // A logged check-in takes its row away: the next one due is where the work goes on.
  return [control('log', due), `${due} button`, control('log', '[data-person-id]')];
}

function actionButton(
  label: string,
  iconName: IconName,
  action: string,
  describedBy: string,
  onClick: () => void,
): HTMLButtonElement {
  const el = button(label, onClick, {
    icon: iconName,
    variant: 'quiet',
    attrs: { class: 'btn btn-quiet btn-small', 'aria-describedby': describedBy },
  });
  el.dataset.action = action;
  return el;
}

let rowCounter = 0;

/** One occurrence: when, what, with whom, its state, and what can be done with it. */
export function occurrenceRow(occ: OccurrenceView, hooks: Hooks): HTMLLIElement {
  const { ctx } = hooks;
  rowCounter += 1;
  const titleId = `occ-${rowCounter}-title`;
  const moved = occ.movedFrom !== null;
  const tags: HTMLElement[] = [h('span', { class: 'tag tag-kind' }, t(KIND_LABEL[occ.kind]))];
  if (occ.status === 'held') tags.push(h('span', { class: 'tag tag-held' }, icon('check'), t('agenda.status_held')));
  if (occ.status === 'skipped') tags.push(h('span', { class: 'tag tag-skipped' }, t('agenda.status_skipped')));
  if (moved) tags.push(h('span', { class: 'tag tag-moved' }, t('agenda.status_moved')));

  const meta: HTMLElement[] = [
    h('span', {}, occ.withName ?? t('occ.everyone')),
  ];
  if (moved && occ.movedFrom) {
    meta.push(h('span', {}, t('occ.moved_from', { when: formatMoment(occ.movedFrom) })));
  }
  if (occ.status === 'skipped' && occ.reason) {
    meta.push(h('span', { class: 'reason' }, t('occ.reason_text', { reason: occ.reason })));
  }

  const act = (kind: OccurrenceAction, run: () => Promise<unknown>, done: string, focus: OccurrenceAction) => () =>
    void run().then(
      async () => {
        ctx.announce(done);
        await hooks.reload(occurrenceFocus(occ.id, focus));
      },
      async (error: unknown) => {
        ctx.alert(api.asApiError(error).message);
        await hooks.reload(occurrenceFocus(occ.id, kind));
      },
    );

  const actions: HTMLElement[] = [];
  const link = occ.meetingLink;
  if (link && occ.status === 'planned') {
    // Rust opens it, and only an https link: the webview has no opener of its own.
    const join = actionButton(t('occ.join'), 'chat', 'join', titleId, () =>
      void api.openLink(link).catch((error: unknown) => ctx.alert(api.asApiError(error).message)),
    );
    join.title = link;
    actions.push(join);
  }
  // Only what has begun can have been held: a future 1:1 marked held would log a check-in
  // for a day that has not come.
  const started = (parseTimestamp(occ.start)?.getTime() ?? Infinity) <= Date.now();
  if (occ.status === 'planned') {
    if (started) {
      actions.push(
        actionButton(t('occ.held'), 'check', 'held', titleId,
          act('held', () => api.markOccurrenceHeld(occ.id), t('occ.held_done', { title: occ.title }), 'undo')),
      );
    }
    actions.push(
      actionButton(t('occ.skip'), 'skip', 'skip', titleId, () => openSkipDialog(occ, hooks)),
      actionButton(t('occ.move'), 'move', 'move', titleId, () => openMoveDialog(occ, hooks)),
    );
  }
  if (occ.status !== 'planned' || moved) {
    actions.push(
      actionButton(t('occ.undo'), 'undo', 'undo', titleId,
        act('undo', () => api.resetOccurrence(occ.id), t('occ.reset_done', { title: occ.title }), 'held')),
    );
  }

  return h(
    'li',
    {
      class: `item occurrence status-${occ.status}${moved ? ' is-moved' : ''}`,
      'data-occurrence-id': occ.id,
      'data-status': occ.status,
      'data-moved': moved ? 'true' : null,
    },
    h('time', { class: 'item-time', datetime: occ.start }, formatTimeRange(occ.start, occ.end)),
    h(
      'div',
      { class: 'item-text' },
      h('span', { class: 'item-head' }, h('span', { class: 'item-title', id: titleId }, occ.title), ...tags),
      h('span', { class: 'item-meta' }, ...meta),
    ),
    h('div', { class: 'row-actions' }, ...actions),
  );
}

/** When a check-in is due, as a row: who, how long since the last one, the cadence. */
export function dueRow(due: DueCheckIn, hooks: Hooks, tag: 'overdue' | 'today' | 'upcoming'): HTMLLIElement {
  rowCounter += 1;
  const nameId = `due-${rowCounter}-name`;
  const since =
    due.lastHeld === null
      ? due.daysSince === 0
        ? t('due.never_today')
        : tp('due.never', due.daysSince)
      : tp('due.since', due.daysSince);
  const tagEl =
    tag === 'overdue'
      ? h('span', { class: 'tag tag-overdue' }, t('today.overdue_tag'))
      : tag === 'today'
        ? h('span', { class: 'tag tag-due' }, t('today.due_today_tag'))
        : h('span', { class: 'tag tag-due' }, t('week.due_tag'));
  const log = actionButton(t('checkin.log'), 'chat', 'log', nameId, () => openCheckinDialog(due, hooks));
  // Back from leave: a welcome-back check-in; away today: when they are back; a busy day:
  // the later day Rust proposes (a suggestion; nothing moves by itself).
  const welcome = due.welcomeBack ? h('span', { class: 'tag tag-welcome' }, t('due.welcome_back')) : null;
  const notes = [
    due.awayUntil ? t('away.until', { date: formatCalendarDate(due.awayUntil) }) : null,
    due.suggestedOn ? t('agenda.suggested', { day: formatDay(due.suggestedOn) }) : null,
  ].filter((n): n is string => n !== null);
  // Booked: when, and a way to cancel; *Book…* again replaces it (the calendar updates).
  const booked = due.booked ? h('span', { class: 'tag tag-booked', 'data-booked-at': due.booked.start }, bookedText(due.booked)) : null;
  // A 1:1 with them that day is the check-in: named, with nothing to book (Rust's rule).
  const meeting = due.oneOnOne
    ? h(
        'span',
        { class: 'tag tag-booked', 'data-one-on-one': due.oneOnOne.occurrenceId },
        t(tag === 'overdue' ? 'due.one_on_one_today' : 'due.one_on_one', { time: formatInstantTime(due.oneOnOne.start) }),
      )
    : null;
  const booking = [
    due.oneOnOne && !due.booked ? null : bookButton(due.personId, due.name, hooks, nameId),
    due.booked ? cancelBookingButton(due.personId, due.name, hooks, nameId) : null,
  ];
  return h(
    'li',
    {
      class: `item due due-${tag}`,
      'data-person-id': String(due.personId),
      'data-welcome-back': due.welcomeBack ? 'true' : 'false',
    },
    h('span', { class: 'item-lead' }, h('span', { class: 'avatar avatar-small', 'aria-hidden': 'true' }, initials(due.name))),
    h(
      'div',
      { class: 'item-text' },
      h('span', { class: 'item-head' }, h('a', { class: 'item-title person-link', id: nameId, href: personHref(due.personId) }, due.name), tagEl, welcome, booked, meeting),
      h(
        'span',
        { class: 'item-meta' },
        h('span', {}, since),
        h('span', {}, tp('cadence.every', due.cadenceDays)),
        ...notes.map((n) => h('span', { class: 'due-note' }, n)),
      ),
    ),
    h('div', { class: 'row-actions' }, startCheckinButton(due.personId, { describedBy: nameId }), log, ...booking),
  );
}

function openCheckinDialog(due: DueCheckIn, hooks: Hooks): void {
  const date = dateInput(hooks.today);
  const minutes = numberInput(due.checkinMinutes);
  const channel = select(CHANNELS.map(([value, key]) => [value, t(key)]), 'video');
  const note = h('textarea', { rows: '4' });
  const dialog = new FormDialog({
    id: 'checkin',
    title: t('checkin.title', { name: due.name }),
    submitLabel: t('common.save'),
    async submit() {
      await api.logCheckin({
        personId: due.personId,
        heldOn: date.value.trim(),
        minutes: readNumber(minutes, 0, 100_000),
        channel: channel.value as api.Channel,
        note: optionalText(note.value),
      });
      return () => {
        hooks.ctx.announce(t('checkin.logged', { name: due.name }));
        void hooks.reload(dueFocus(due.personId));
      };
    },
  });
  dialog.append(
    dialog.field('heldOn', t('field.date'), date),
    dialog.field('minutes', t('checkin.minutes'), minutes),
    dialog.field('channel', t('checkin.channel'), channel),
    dialog.field('note', t('checkin.note'), note, { optional: true }),
  );
  dialog.open(date);
}

function openSkipDialog(occ: OccurrenceView, hooks: Hooks): void {
  const reason = textInput('', { spellcheck: 'true', maxlength: String(api.LIMITS.skipReasonMax) });
  const dialog = new FormDialog({
    id: 'skip',
    title: t('occ.skip_title', { title: occ.title }),
    submitLabel: t('occ.skip'),
    async submit() {
      await api.skipOccurrence(occ.id, optionalText(reason.value));
      return () => {
        hooks.ctx.announce(t('occ.skipped_done', { title: occ.title }));
        void hooks.reload(occurrenceFocus(occ.id, 'undo'));
      };
    },
  });
  dialog.append(
    h('p', { class: 'dialog-text' }, formatMoment(occ.start)),
    dialog.field('reason', t('occ.reason'), reason, { optional: true }),
  );
  dialog.open(reason);
}

function openMoveDialog(occ: OccurrenceView, hooks: Hooks): void {
  // The occurrence is moved on its rhythm's wall clock, so the fields show that clock.
  const at = wallClock(occ.start, occ.timezone);
  const date = dateInput(at?.date ?? '');
  const time = timeInput(at?.time ?? '');
  const systemZone = hooks.ctx.info.timezone;
  const zoneHint = occ.timezone !== systemZone ? t('occ.move_zone', { zone: occ.timezone }) : undefined;
  const dialog = new FormDialog({
    id: 'move',
    title: t('occ.move_title', { title: occ.title }),
    submitLabel: t('occ.move'),
    async submit() {
      const [d, tm] = [date.value.trim(), time.value.trim()];
      await api.moveOccurrence(occ.id, d, tm);
      return () => {
        hooks.ctx.announce(t('occ.moved_done', { title: occ.title, when: `${formatDay(d)} ${formatClock(tm)}` }));
        void hooks.reload(occurrenceFocus(occ.id, 'move'));
      };
    },
  });
  dialog.append(
    h('p', { class: 'dialog-text' }, formatMoment(occ.start)),
    h(
      'div',
      { class: 'field-pair' },
      dialog.field('date', t('field.date'), date),
      dialog.field('time', t('field.time'), time),
    ),
    zoneHint ? h('p', { class: 'hint' }, zoneHint) : null,
  );
  dialog.open(date);
}

/** Why a day is closed, as core says it: a holiday's name key, or an own day off. */
type Closed = NonNullable<AgendaDay['closed']>;

/** A closed day's name: the holiday's ("Midsommarafton"), or "Day off". */
export function closedName(closed: Closed): string {
  // Core names only holidays its catalogue has (a test there checks every one).
  return closed.type === 'holiday' ? t(closed.nameKey as Key) : t('agenda.day_off');
}

/** The tag beside a closed day's date: nothing falls due on it. */
export function closedTag(closed: Closed | null): HTMLElement | null {
  if (!closed) return null;
  return h('span', { class: 'tag tag-closed', 'data-closed': closed.type }, closedName(closed));
}

/**
 * The spreading suggestion for the check-ins due on `date` ("At most 3 check-ins a day:
 * Lars Persson on Tue 1 Dec"), or for every day when `date` is absent; null when none.
 */
export function spreadHint(agenda: Agenda, date?: string): HTMLElement | null {
  const moves = agenda.spread
    .filter((m) => date === undefined || m.from === date)
    .map((m) => t('agenda.spread_move', { name: m.name, day: formatDay(m.to) }));
  if (!moves.length) return null;
  return h('p', { class: 'hint spread-hint', 'data-spread': 'true' }, tp('agenda.spread', agenda.maxPerDay, { moves: moves.join(', ') }));
}
