/**
 * Today, the start view: whose check-in is due (overdue first), what happens today, and the
 * next seven days at a glance. A new user (no people, no rhythms) gets one sentence about
 * what the app does and the sample team to try it with. Above them, when it applies: a
 * banner while reminders are paused, and the reminders missed today while the app was away.
 */
import * as api from '../../api';
import type { Agenda, AgendaDay, MissedReminder, ReminderSettings, Trouble } from '../../api';
import { button, h, icon } from '../../dom';
import { formatCalendarDate, formatDay, formatMoment, parseTimestamp, t, tp } from '../../i18n';
import { localToday } from '../../lib/dates';
import { confirmDialog } from '../../lib/form';
import type { Ctx, Refresh } from '../../lib/frame';
import { listCard, RowQueue } from '../../lib/lists';
import { alertFailure, loader } from '../../lib/reload';
import { closedTag, dueRow, occurrenceRow, spreadHint, type Hooks } from '../../parts/agenda';
import { bookedRow } from '../../parts/booking';
import { followupsDueCard } from '../../parts/followups';
import { pausedText, pausedUntil } from '../../parts/reminders';
import { renderReportBackCard } from '../../parts/report-back';

/** Today and the seven days after it; the start asks for them before the script loads. */
const AGENDA_DAYS = api.TODAY_AGENDA_DAYS;

export function renderToday(container: HTMLElement, ctx: Ctx): Refresh {
  const heading = h('h1', { tabindex: '-1' }, formatDay(localToday()));
  /** Today's holiday or own day off, by name, beside the date. */
  const closed = h('p', { class: 'lead', 'data-today-closed': '' });
  const body = h('div', { class: 'stack' });
  container.append(h('header', { class: 'page-head' }, h('div', {}, heading, closed)), body);

  const hooks: Hooks = { ctx, today: localToday(), reload: (focus) => page.reload(focus) };
  /** The next days' rows of the latest draw: the first at once, the rest once Today is shown. */
  let queue = new RowQueue();
  /** The cards for the first draw, loading since Today was rendered; null once used. */
  let firstCards: HTMLElement[] | null = null;

  interface TodayData {
    /** Its `newUser` (no people and no rhythms yet): the welcome instead of the agenda. */
    agenda: Agenda;
    paused: string | null;
    missed: MissedReminder[];
    /** Set while reminders cannot be saved (a full disk, a busy file). */
    trouble: Trouble | null;
  }

  const page = loader<TodayData>({
    root: body,
    fallback: () => heading,
    async fetch() {
      const [agenda, [settings, missed, trouble]] = await Promise.all([api.agenda(AGENDA_DAYS), reminderState()]);
      return { agenda, paused: pausedUntil(settings), missed, trouble };
    },
    compare({ agenda, paused, missed, trouble }) {
      // "Held" appears once an occurrence has started: that is a change too.
      const now = Date.now();
      const started = agenda.days.flatMap((d) => d.occurrences).filter((o) => (parseTimestamp(o.start)?.getTime() ?? Infinity) <= now);
      return [agenda, paused, missed, trouble, started.map((o) => o.id)];
    },
    draw({ agenda, paused, missed, trouble }) {
      hooks.today = agenda.today;
      heading.textContent = formatDay(agenda.today);
      queue = new RowQueue();
      const tag = closedTag(agenda.days[0]?.closed ?? null);
      closed.replaceChildren(...(tag ? [tag] : []));
      closed.hidden = !tag;
      const top = [
        trouble ? troubleBanner(trouble) : null,
        paused ? pausedBanner(paused) : null,
        missed.length ? missedCard(missed) : null,
      ];
      // The first draw uses the cards whose loads began with Today's own; a later draw makes
      // new ones, which look again.
      const cards = firstCards ?? extraCards();
      firstCards = null;
      if (agenda.newUser) {
        body.replaceChildren(...top.filter(isNode), welcomeCard());
      } else {
        const [today, ...next] = agenda.days;
        body.replaceChildren(...top.filter(isNode), ...[dueCard(agenda, today), awayCard(agenda)].filter(isNode), ...cards, todayCard(today), nextCard(next));
      }
    },
    failed: alertFailure(ctx),
  });

  /** The follow-ups due and the ideas to report back on: cards that fetch their own lists. */
  function extraCards(): HTMLElement[] {
    return [followupsDueCard(ctx), renderReportBackCard()];
  }

  /** The pause, the missed reminders and any trouble saving them; Today still shows its agenda when these fail. */
  async function reminderState(): Promise<[ReminderSettings | null, MissedReminder[], Trouble | null]> {
    try {
      const [prefs, missed, trouble] = await Promise.all([
        api.reminderPreferences(),
        api.missedReminders(),
        api.reminderTrouble(),
      ]);
      return [prefs.settings, missed, trouble];
    } catch (error) {
      console.error(api.asApiError(error).message);
      return [null, [], null];
    }
  }

  /** Reminders cannot be saved: why, and that nothing is lost meanwhile. An alert, not a card. */
  function troubleBanner(trouble: Trouble): HTMLElement {
    return h(
      'div',
      { class: 'banner banner-trouble', role: 'alert', 'data-trouble': '' },
      icon('alert'),
      h('p', { class: 'banner-text' }, h('strong', {}, trouble.title), ' ', trouble.detail),
    );
  }

  function pausedBanner(until: string): HTMLElement {
    const resume = button(t('pause.resume'), () => void resumeReminders(resume), {
      icon: 'resume',
      attrs: { class: 'btn btn-plain btn-small', 'data-action': 'resume' },
    });
    return h(
      'div',
      { class: 'banner banner-paused', 'data-paused-until': until },
      icon('pause'),
      h('p', { class: 'banner-text' }, pausedText(until)),
      resume,
    );
  }

  async function resumeReminders(trigger: HTMLButtonElement): Promise<void> {
    trigger.disabled = true;
    try {
      await api.resumeReminders();
      ctx.announce(t('pause.resumed'));
    } catch (error) {
      ctx.alert(api.asApiError(error).message);
    }
    // The banner goes away with its button: the page heading keeps the focus.
    await page.reload();
    if (!trigger.isConnected) heading.focus();
    else trigger.disabled = false;
  }

  /** Missed or not delivered, however long ago, until the manager says they have seen it. */
  function missedCard(missed: MissedReminder[]): HTMLElement {
    const card = listCard({
      title: t('today.missed'),
      icon: 'clock',
      hint: t('today.missed_help'),
      class: 'card-missed',
      rows: onePerEvent(missed).map((m) =>
        h(
          'li',
          { class: 'item missed', 'data-missed-at': m.at },
          h('time', { class: 'item-time', datetime: m.at }, formatMoment(m.at)),
          h('div', { class: 'item-text' }, h('span', { class: 'item-title' }, m.title)),
        ),
      ),
    });
    const dismiss = button(t('today.missed_dismiss'), () => void dismissMissed(dismiss), {
      icon: 'check',
      attrs: { class: 'btn btn-quiet btn-small', 'data-action': 'dismiss-missed' },
    });
    card.append(h('div', { class: 'actions' }, dismiss));
    return card;
  }

  async function dismissMissed(trigger: HTMLButtonElement): Promise<void> {
    trigger.disabled = true;
    try {
      await api.dismissMissedReminders();
    } catch (error) {
      ctx.alert(api.asApiError(error).message);
    }
    // The card goes away with its button: the page heading keeps the focus.
    await page.reload();
    if (!trigger.isConnected) heading.focus();
    else trigger.disabled = false;
  }

  function dueCard(agenda: Agenda, today: AgendaDay | undefined): HTMLElement {
    const rows = [
      ...agenda.overdue.map((due) => () => dueRow(due, hooks, 'overdue')),
      ...(today?.checkins ?? []).map((due) => () => dueRow(due, hooks, 'today')),
    ];
    // Never "everyone has been heard" while someone was never met: their first check-in
    // is only a few days off.
    const unmet = new Set(
      [...agenda.days.flatMap((d) => d.checkins), ...agenda.away]
        .filter((d) => d.lastHeld === null)
        .map((d) => d.personId),
    ).size;
    const card = listCard({
      title: t('today.due'),
      icon: 'chat',
      count: rows.length ? tp('today.due_count', rows.length) : undefined,
      rows,
      queue,
      empty: h('p', { class: 'empty-line' }, unmet ? tp('today.due_empty_new', unmet) : t('today.due_empty')),
    });
    const hint = spreadHint(agenda);
    if (hint) card.append(hint);
    return card;
  }

  /** People away today, with when they are back: nothing is due for them until then. */
  function awayCard(agenda: Agenda): HTMLElement | null {
    if (!agenda.away.length) return null;
    const title = t('agenda.away_title');
    return listCard({
      title,
      icon: 'today',
      rows: agenda.away.map((a) =>
        h(
          'li',
          { class: 'item away', 'data-person-id': String(a.personId) },
          h(
            'div',
            { class: 'item-text' },
            h('span', { class: 'item-title' }, a.name),
            h(
              'span',
              { class: 'item-meta' },
              h('span', {}, a.awayUntil ? t('away.until', { date: formatCalendarDate(a.awayUntil) }) : ''),
              h('span', {}, t('away.back', { date: formatDay(a.dueOn) })),
            ),
          ),
        ),
      ),
      empty: null,
    });
  }

  function todayCard(today: AgendaDay | undefined): HTMLElement {
    return listCard({
      title: t('nav.today'),
      icon: 'today',
      rows: [...(today?.occurrences ?? []).map((occ) => () => occurrenceRow(occ, hooks)), ...(today?.booked ?? []).map((b) => () => bookedRow(b, hooks))],
      queue,
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
            ...day.checkins.map((due) => () => dueRow(due, hooks, 'upcoming')),
            ...day.occurrences.map((occ) => () => occurrenceRow(occ, hooks)),
            ...day.booked.map((b) => () => bookedRow(b, hooks)),
          ];
          const list = h('ul', { class: 'items items-compact', role: 'list', 'aria-label': label });
          queue.add(list, rows);
          return h(
            'div',
            { class: 'day', 'data-date': day.date },
            h('h3', { class: 'day-title' }, label, closedTag(day.closed)),
            list,
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
          void page.reload().then(() => heading.focus());
        };
      },
    });
  }

  void page.reload();
  // The cards' own loads start beside Today's, not after its draw; until that draw they wait
  // out of sight (a load draws only into what is in the document).
  firstCards = extraCards();
  body.append(h('div', { hidden: true }, ...firstCards));
  return page.refresh;
}

/**
 * One line per event: a meeting's missed "in 10 minutes" and "starts now" say the same
 * thing twice. The later time, nearest the start, is the one shown.
 */
function onePerEvent(missed: MissedReminder[]): MissedReminder[] {
  const byTitle = new Map<string, MissedReminder>();
  for (const m of missed) {
    const seen = byTitle.get(m.title);
    if (!seen || (parseTimestamp(m.at)?.getTime() ?? 0) >= (parseTimestamp(seen.at)?.getTime() ?? 0)) byTitle.set(m.title, m);
  }
  return [...byTitle.values()].sort(
    (a, b) => (parseTimestamp(a.at)?.getTime() ?? 0) - (parseTimestamp(b.at)?.getTime() ?? 0),
  );
}

function isNode(node: HTMLElement | null): node is HTMLElement {
  return node !== null;
}
