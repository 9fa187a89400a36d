/**
 * Settings' Keeping data card: how long notes and pulses are kept, and after how long
 * archived people are erased; with when the rules last ran and what they removed. Saving
 * applies the rules at once.
 */
import * as api from '../../api';
import type { Retention } from '../../api';
import { h, icon } from '../../dom';
import { formatCalendarDate, formatList, t, tp } from '../../i18n';
import { InlineForm, select } from '../../lib/form';
import type { Ctx } from '../../lib/frame';

const NOTES_MONTHS = [12, 24, 36];
const ARCHIVED_MONTHS = [6, 12, 24, 36];

function choices(months: number[]): [string, string][] {
  return [['off', t('settings.retention_off')], ...months.map((m): [string, string] => [String(m), tp('retention.months', m)])];
}

function chosen(value: string): number | null {
  return value === 'off' ? null : Number(value);
}

/** "Last cleaned 1 Dec 2026: 14 notes and 3 pulses." */
function lastText(retention: Retention): string {
  const last = retention.last;
  if (!last) return t('settings.retention_never');
  const what = [
    last.notes ? tp('retention.notes', last.notes) : '',
    last.pulses ? tp('retention.pulses', last.pulses) : '',
    last.people ? tp('retention.people', last.people) : '',
  ].filter(Boolean);
  return t('settings.retention_last', {
    date: formatCalendarDate(last.on),
    what: what.length ? formatList(what) : t('settings.retention_nothing'),
  });
}

export function retentionCard(ctx: Ctx): HTMLElement {
  const titleId = 'settings-retention-title';
  const notes = select(choices(NOTES_MONTHS), 'off');
  const archived = select(choices(ARCHIVED_MONTHS), 'off');
  const last = h('p', { class: 'hint', 'data-retention-last': '' });
  const body = h('div', { class: 'card-body', 'aria-busy': 'true' });
  const card = h(
    'section',
    { class: 'card', id: 'settings-retention', 'aria-labelledby': titleId },
    h('div', { class: 'card-head' }, h('h2', { id: titleId }, icon('trash'), h('span', {}, t('settings.retention')))),
    h('p', { class: 'hint' }, t('settings.retention_help')),
    body,
  );

  function fill(retention: Retention): void {
    notes.value = retention.settings.notesMonths === null ? 'off' : String(retention.settings.notesMonths);
    archived.value = retention.settings.archivedMonths === null ? 'off' : String(retention.settings.archivedMonths);
    last.replaceChildren(lastText(retention));
    form.dirty = false;
  }

  const form = new InlineForm({
    id: 'retention',
    submitLabel: t('common.save'),
    async submit() {
      const saved = await api.setRetention({ notesMonths: chosen(notes.value), archivedMonths: chosen(archived.value) });
      return () => {
        fill(saved);
        ctx.announce(t('settings.saved'));
      };
    },
  });
  form.append(
    form.field('notesMonths', t('settings.retention_notes'), notes, { hint: t('settings.retention_notes_hint') }),
    form.field('archivedMonths', t('settings.retention_archived'), archived, { hint: t('settings.retention_archived_hint') }),
  );

  void api
    .retention()
    .then((retention) => {
      if (!form.dirty) fill(retention);
      body.replaceChildren(form.form, last);
    })
    .catch((error: unknown) => {
      body.replaceChildren(h('p', { class: 'field-error' }, api.asApiError(error).message));
    })
    .finally(() => body.removeAttribute('aria-busy'));
  return card;
}
