/**
 * Week: Monday to Sunday, this week or the next, headed with its ISO week number ("Vecka
 * 48") as Swedes plan by; one block per day with today marked, each listing the occurrences
 * and the check-ins that fall due, with the same actions as Today. (Today's "Next 7 days"
 * stays rolling.)
 */
import * as api from '../../api';
import type { Agenda, WeekAgenda } from '../../api';
import { h } from '../../dom';
import { formatDay, formatDayRange, parseTimestamp, t } from '../../i18n';
import { choiceSwitch } from '../../lib/choice';
import { localToday } from '../../lib/dates';
import { RowQueue } from '../../lib/lists';
import type { Ctx, Refresh } from '../../lib/frame';
import { alertFailure, loader } from '../../lib/reload';
import { closedTag, dueRow, occurrenceRow, spreadHint, type Hooks } from '../../parts/agenda';
import { bookedRow } from '../../parts/booking';

/** The week shown last (0: this week, 1: next), kept while the app runs. */
let offset = 0;

export function renderWeek(container: HTMLElement, ctx: Ctx): Refresh {
  const heading = h('h1', { tabindex: '-1' }, t('nav.week'));
  const range = h('p', { class: 'lead', 'data-week-range': '' });
  const body = h('div', { class: 'week' });
  const which = choiceSwitch({
    name: 'week-offset',
    legend: t('week.choose'),
    choices: [
      [0, t('week.this')],
      [1, t('week.next')],
    ],
    value: offset,
    onChange(chosen) {
      offset = chosen;
      void page.reload(`input[name="week-offset"][value="${chosen}"]`);
    },
  });
  container.append(h('header', { class: 'page-head' }, h('div', {}, heading, range), which), body);
  const hooks: Hooks = { ctx, today: localToday(), reload: (focus) => page.reload(focus) };
  const page = loader<WeekAgenda>({
    root: body,
    fallback: () => heading,
    fetch: () => api.weekAgenda(offset),
    compare({ agenda }) {
      // "Held" appears once an occurrence has started: that is a change too.
      const now = Date.now();
      const started = agenda.days
        .flatMap((d) => d.occurrences)
        .filter((o) => (parseTimestamp(o.start)?.getTime() ?? Infinity) <= now)
        .map((o) => o.id);
      return [agenda, started];
    },
    draw,
    failed: alertFailure(ctx),
  });

  function draw(week: WeekAgenda): void {
    const agenda: Agenda = week.agenda;
    hooks.today = agenda.today;
    const first = agenda.days[0]?.date ?? agenda.today;
    const last = agenda.days[agenda.days.length - 1]?.date ?? first;
    heading.replaceChildren(t('week.heading', { week: week.isoWeek }));
    range.replaceChildren(formatDayRange(first, last));
    // A week of 500 people: the first rows at once, the rest once the week is on the screen.
    const queue = new RowQueue();
    body.replaceChildren(
      ...agenda.days.map((day) => {
        const isToday = day.date === agenda.today;
        const isPast = day.date < agenda.today;
        const label = formatDay(day.date);
        const rows = [
          ...(isToday ? agenda.overdue.map((due) => () => dueRow(due, hooks, 'overdue')) : []),
          ...day.checkins.map((due) => () => dueRow(due, hooks, isToday ? 'today' : 'upcoming')),
          ...day.occurrences.map((occ) => () => occurrenceRow(occ, hooks)),
          ...day.booked.map((b) => () => bookedRow(b, hooks)),
        ];
        const list = h('ul', { class: 'items week-items', role: 'list', 'aria-label': label });
        queue.add(list, rows);
        return h(
          'section',
          {
            class: isToday ? 'week-day is-today' : isPast ? 'week-day is-past' : 'week-day',
            'data-date': day.date,
            'aria-current': isToday ? 'date' : null,
          },
          h(
            'h2',
            { class: 'week-day-title' },
            h('span', {}, label),
            isToday ? h('span', { class: 'tag tag-today' }, t('nav.today')) : null,
            closedTag(day.closed),
          ),
          h(
            'div',
            { class: 'week-day-body' },
            list,
            rows.length ? null : h('p', { class: 'empty-line' }, t('agenda.nothing')),
            // Only days from today on: a suggestion for a day gone by helps nobody.
            spreadHint(agenda, day.date),
          ),
        );
      }),
    );
  }

  void page.reload();
  return page.refresh;
}
