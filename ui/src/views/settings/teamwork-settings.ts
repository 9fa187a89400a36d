/**
 * Settings' Team work card: after how many days an assignment counts as not discussed, how
 * many confirmed fika rounds new pairs avoid, and after how many days an unanswered idea asks
 * for a report back. Saved together; Rust checks the ranges and names the field at fault.
 */
import * as api from '../../api';
import type { TeamworkSettings } from '../../api';
import { h, icon } from '../../dom';
import { t } from '../../i18n';
import { InlineForm, showWhenLoaded, numberInput, readRequiredNumber } from '../../lib/form';
import type { Ctx } from '../../lib/frame';

/** What an unreadable number is sent as, so that Rust answers with its range message. */
const BAD = -1;
const CAP = 100_000;

export function teamworkCard(ctx: Ctx): HTMLElement {
  const titleId = 'settings-teamwork-title';
  const stale = numberInput(null);
  const history = numberInput(null);
  const reportBack = numberInput(null);
  const body = h('div', { class: 'card-body', 'aria-busy': 'true' });
  const card = h(
    'section',
    { class: 'card', id: 'settings-teamwork', 'aria-labelledby': titleId },
    h('div', { class: 'card-head' }, h('h2', { id: titleId }, icon('group'), h('span', {}, t('settings.teamwork')))),
    h('p', { class: 'hint' }, t('settings.teamwork_help')),
    body,
  );

  function fill(settings: TeamworkSettings): void {
    stale.value = String(settings.staleDays);
    history.value = String(settings.historyRounds);
    reportBack.value = String(settings.reportBackDays);
    form.dirty = false;
  }

  const form = new InlineForm({
    id: 'teamwork',
    submitLabel: t('common.save'),
    async submit() {
      const saved = await api.setTeamworkSettings({
        staleDays: readRequiredNumber(stale, BAD, CAP),
        historyRounds: readRequiredNumber(history, BAD, CAP),
        reportBackDays: readRequiredNumber(reportBack, BAD, CAP),
      });
      return () => {
        fill(saved);
        ctx.announce(t('settings.saved'));
      };
    },
  });
  form.append(
    form.field('staleDays', t('settings.stale_days'), stale, { hint: t('settings.stale_days_help') }),
    form.field('historyRounds', t('settings.history_rounds'), history, { hint: t('settings.history_rounds_help') }),
    form.field('reportBackDays', t('settings.report_back_days'), reportBack, { hint: t('settings.report_back_days_help') }),
  );

  showWhenLoaded(body, form, api.teamworkSettings(), fill);
  return card;
}
