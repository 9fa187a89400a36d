/**
 * Today's "Report back" card: the ideas waiting longer than the set number of days for an
 * answer, the longest waiting each as "Report back on: <title>", and the way to the Ideas
 * view. It fetches its own list, stays hidden while there is nothing to report back on, and
 * looks again when the window comes back.
 */
import * as api from '../api';
import { h, icon } from '../dom';
import { formatCalendarDate, t, tp } from '../i18n';
import { loader } from '../lib/reload';

/**
 * The longest waiting are listed, the rest counted: Today is the day's plan, and a backlog of
 * ideas listed in full pushed the day's meetings out of sight.
 */
const REPORT_BACK_SHOWN = 5;

export function renderReportBackCard(): HTMLElement {
  const title = t('idea.report_back_title');
  const list = h('ul', { class: 'items', role: 'list', 'aria-label': title });
  const more = h('p', { class: 'hint', hidden: true });
  const card = h(
    'section',
    { class: 'card tw-report-back', id: 'report-back', 'aria-labelledby': 'report-back-title', hidden: true },
    h(
      'div',
      { class: 'card-head' },
      h('h2', { id: 'report-back-title' }, icon('bell'), h('span', {}, title)),
      h('span', { class: 'count', 'data-count': '' }),
    ),
    h('p', { class: 'hint' }, t('idea.report_back_help')),
    list,
    more,
    h(
      'div',
      { class: 'actions' },
      h('a', { class: 'btn btn-plain btn-small', href: '#/ideas', 'data-action': 'open-ideas' }, icon('chat'), h('span', {}, t('idea.open_ideas'))),
    ),
  );
  const count = card.querySelector<HTMLElement>('[data-count]');

  const due = loader({
    root: card,
    fallback: () => null,
    fetch: () => api.reportBackDue(),
    draw(items) {
      card.hidden = items.length === 0;
      if (count) count.textContent = String(items.length);
      const rest = items.length - REPORT_BACK_SHOWN;
      more.hidden = rest <= 0;
      more.textContent = rest > 0 ? tp('idea.report_back_more', rest) : '';
      list.replaceChildren(
        ...items.slice(0, REPORT_BACK_SHOWN).map((d) =>
          h(
            'li',
            { class: 'item', 'data-idea-id': String(d.ideaId), 'data-due-on': d.dueOn },
            h(
              'div',
              { class: 'item-text' },
              h('span', { class: 'item-title' }, t('idea.report_back', { title: d.title })),
              h(
                'span',
                { class: 'item-meta' },
                h('span', {}, t('idea.suggested_date', { date: formatCalendarDate(d.suggestedOn) })),
                h('span', {}, tp('idea.waiting', d.daysWaiting)),
              ),
            ),
          ),
        ),
      );
    },
    // Today still shows its agenda; this card is an extra.
    failed: (message) => console.error(message),
  });

  // Today redraws only when its agenda changes; this card looks for itself when the window
  // comes back, and stops listening once it is gone.
  const onReturn = () => {
    if (!card.isConnected) {
      window.removeEventListener('focus', onReturn);
      return;
    }
    void due.refresh();
  };
  window.addEventListener('focus', onReturn);
  void due.reload();
  return card;
}
