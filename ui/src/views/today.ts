/**
 * Today, the start view: whose check-in is due (overdue first), what happens today, and the
 * next seven days at a glance. A new user (no people, no rhythms) gets one sentence about
 * what the app does and the sample team to try it with.
 */
import * as api from '../api';
import type { Agenda, AgendaDay } from '../api';
import { button, h, icon } from '../dom';
import { formatDay, t, tp } from '../i18n';
import type { Ctx } from '../shell';
import { applyFocus, dueRow, listCard, localToday, occurrenceRow, type Focus, type Hooks } from './agenda-items';
import { confirmDialog } from './form';

/** Today and the seven days after it. */
const AGENDA_DAYS = 8;

export function renderToday(container: HTMLElement, ctx: Ctx): void {
  const heading = h('h1', { tabindex: '-1' }, formatDay(localToday()));
  const body = h('div', { class: 'stack' });
  container.append(h('header', { class: 'page-head' }, h('div', {}, heading)), body);

  const hooks: Hooks = { ctx, today: localToday(), reload };

  async function reload(focus: Focus): Promise<void> {
    let agenda: Agenda;
    let people: api.Person[];
    let rhythms: api.Rhythm[];
    try {
      [agenda, people, rhythms] = await Promise.all([api.agenda(AGENDA_DAYS), api.listPeople(), api.listRhythms()]);
    } catch (error) {
      ctx.alert(api.asApiError(error).message);
      return;
    }
    if (!body.isConnected) return; // the user navigated away meanwhile
    hooks.today = agenda.today;
    heading.textContent = formatDay(agenda.today);
    if (people.length === 0 && rhythms.length === 0) {
      body.replaceChildren(welcomeCard());
    } else {
      const [today, ...next] = agenda.days;
      body.replaceChildren(dueCard(agenda, today), todayCard(today), nextCard(next));
    }
    applyFocus(body, focus, () => heading);
  }

  function dueCard(agenda: Agenda, today: AgendaDay | undefined): HTMLElement {
    const rows = [
      ...agenda.overdue.map((due) => dueRow(due, hooks, 'overdue')),
      ...(today?.checkins ?? []).map((due) => dueRow(due, hooks, 'today')),
    ];
    return listCard({
      title: t('today.due'),
      icon: 'chat',
      count: rows.length ? tp('today.due_count', rows.length) : undefined,
      rows,
      empty: h('p', { class: 'empty-line' }, t('today.due_empty')),
    });
  }

  function todayCard(today: AgendaDay | undefined): HTMLElement {
    return listCard({
      title: t('nav.today'),
      icon: 'today',
      rows: (today?.occurrences ?? []).map((occ) => occurrenceRow(occ, hooks)),
      empty: h('p', { class: 'empty-line' }, t('today.today_empty')),
    });
  }

  function nextCard(days: AgendaDay[]): HTMLElement {
    const title = t('today.next');
    return h(
      'section',
      { class: 'card', 'aria-label': title },
      h('div', { class: 'card-head' }, h('h2', {}, icon('week'), h('span', {}, title))),
      h(
        'div',
        { class: 'days' },
        ...days.map((day) => {
          const label = formatDay(day.date);
          const rows = [
            ...day.checkins.map((due) => dueRow(due, hooks, 'upcoming')),
            ...day.occurrences.map((occ) => occurrenceRow(occ, hooks)),
          ];
          return h(
            'div',
            { class: 'day', 'data-date': day.date },
            h('h3', { class: 'day-title' }, label),
            h('ul', { class: 'items items-compact', role: 'list', 'aria-label': label }, ...rows),
            rows.length ? null : h('p', { class: 'empty-line' }, t('agenda.nothing')),
          );
        }),
      ),
    );
  }

  function welcomeCard(): HTMLElement {
    const sample = button(t('today.sample'), () => confirmSample(), { icon: 'group', variant: 'primary' });
    return h(
      'section',
      { class: 'card welcome' },
      h('p', { class: 'welcome-text' }, t('today.welcome')),
      h(
        'div',
        { class: 'welcome-actions' },
        sample,
        h('a', { class: 'btn btn-plain', href: '#/team' }, h('span', {}, t('today.own_team'))),
      ),
    );
  }

  function confirmSample(): void {
    confirmDialog({
      id: 'sample',
      title: t('today.sample_title'),
      body: t('today.sample_body'),
      confirmLabel: t('today.sample_confirm'),
      async action() {
        const summary = await api.loadSampleTeam();
        return () => {
          ctx.announce(t('today.sample_done', { ...summary }));
          void reload(null).then(() => heading.focus());
        };
      },
    });
  }

  void reload(null);
}
