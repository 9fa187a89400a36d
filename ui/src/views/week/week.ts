/**
 * Week: the coming seven days, one block per day with today marked, each listing the
 * occurrences and the check-ins that fall due, with the same actions as Today.
 */
import * as api from '../../api';
import type { Agenda } from '../../api';
import { h } from '../../dom';
import { formatDay, parseTimestamp, t } from '../../i18n';
import { localToday } from '../../lib/dates';
import type { Ctx, Refresh } from '../../lib/frame';
import { alertFailure, loader } from '../../lib/reload';
import { dueRow, occurrenceRow, type Hooks } from '../../parts/agenda';

const WEEK_DAYS = 7;

export function renderWeek(container: HTMLElement, ctx: Ctx): Refresh {
  const heading = h('h1', { tabindex: '-1' }, t('nav.week'));
  const body = h('div', { class: 'week' });
  container.append(
    h('header', { class: 'page-head' }, h('div', {}, heading, h('p', { class: 'lead' }, t('week.intro')))),
    body,
  );
  const hooks: Hooks = { ctx, today: localToday(), reload: (focus) => page.reload(focus) };
  const page = loader<Agenda>({
    root: body,
    fallback: () => heading,
    fetch: () => api.agenda(WEEK_DAYS),
    compare(agenda) {
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

  function draw(agenda: Agenda): void {
    hooks.today = agenda.today;
    body.replaceChildren(
      ...agenda.days.map((day) => {
        const isToday = day.date === agenda.today;
        const label = formatDay(day.date);
        const rows = [
          ...(isToday ? agenda.overdue.map((due) => dueRow(due, hooks, 'overdue')) : []),
          ...day.checkins.map((due) => dueRow(due, hooks, isToday ? 'today' : 'upcoming')),
          ...day.occurrences.map((occ) => occurrenceRow(occ, hooks)),
        ];
        return h(
          'section',
          {
            class: isToday ? 'week-day is-today' : 'week-day',
            'data-date': day.date,
            'aria-current': isToday ? 'date' : null,
          },
          h(
            'h2',
            { class: 'week-day-title' },
            h('span', {}, label),
            isToday ? h('span', { class: 'tag tag-today' }, t('nav.today')) : null,
          ),
          h(
            'div',
            { class: 'week-day-body' },
            h('ul', { class: 'items week-items', role: 'list', 'aria-label': label }, ...rows),
            rows.length ? null : h('p', { class: 'empty-line' }, t('agenda.nothing')),
          ),
        );
      }),
    );
  }

  void page.reload();
  return page.refresh;
}
