/**
 * Week: the coming seven days, one block per day with today marked, each listing the
 * occurrences and the check-ins that fall due, with the same actions as Today.
 */
import * as api from '../../api';
import type { Agenda } from '../../api';
import { h } from '../../dom';
import { formatDay, parseTimestamp, t } from '../../i18n';
import type { Ctx, Refresh } from '../../shell';
import { applyFocus, dueRow, localToday, occurrenceRow, type Focus, type Hooks } from '../../parts/agenda';
import { keepFocus, Snapshot } from '../../lib/reload';

const WEEK_DAYS = 7;

export function renderWeek(container: HTMLElement, ctx: Ctx): Refresh {
  const heading = h('h1', { tabindex: '-1' }, t('nav.week'));
  const body = h('div', { class: 'week' });
  container.append(
    h('header', { class: 'page-head' }, h('div', {}, heading, h('p', { class: 'lead' }, t('week.intro')))),
    body,
  );
  const hooks: Hooks = { ctx, today: localToday(), reload };
  const shown = new Snapshot();
  let loading = 0;

  /** `quiet` (the window came back): draws only what changed, focus kept. */
  async function reload(focus: Focus, quiet = false): Promise<void> {
    if (quiet && loading > 0) return;
    loading += 1;
    let agenda: Agenda;
    try {
      agenda = await api.agenda(WEEK_DAYS);
    } catch (error) {
      if (!quiet) ctx.alert(api.asApiError(error).message);
      return;
    } finally {
      loading -= 1;
    }
    if (!body.isConnected) return;
    const now = Date.now();
    const started = agenda.days
      .flatMap((d) => d.occurrences)
      .filter((o) => (parseTimestamp(o.start)?.getTime() ?? Infinity) <= now)
      .map((o) => o.id);
    if (!shown.changed(agenda, started) && quiet) return;
    if (quiet) keepFocus(body, () => heading, () => draw(agenda));
    else {
      draw(agenda);
      applyFocus(body, focus, () => heading);
    }
  }

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

  void reload(null);
  return () => reload(null, true);
}
