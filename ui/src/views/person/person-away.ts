/**
 * The person page's "Away" card: parental leave, sick leave, vacation — from, to and a reason
 * from a short list, never free text about health. While someone is away no check-in falls
 * due and nothing reminds; the day they are back a welcome-back check-in is due (Rust
 * decides all of it). Rows carry data-away-id; the card loads its own list.
 */
import * as api from '../../api';
import type { Away, AwayReason, Person } from '../../api';
import { button, h } from '../../dom';
import { formatCalendarDate, t } from '../../i18n';
import { confirmDialog, dateInput, FormDialog, select } from '../../lib/form';
import type { Ctx } from '../../lib/frame';

export function reasonLabel(reason: AwayReason): string {
  return t(`away.reason_${reason}`);
}

export function awayRange(a: Away): string {
  return `${formatCalendarDate(a.from)} – ${formatCalendarDate(a.to)}`;
}

export function awayCard(person: Person, ctx: Ctx): HTMLElement {
  const title = t('away.title');
  const list = h('ul', { class: 'items', role: 'list', 'aria-label': title });
  const empty = h('p', { class: 'empty-line' }, t('away.empty'));
  const add = button(t('away.add'), () => openAdd(), {
    icon: 'plus',
    attrs: { class: 'btn btn-plain btn-small', 'data-action': 'add-away' },
  });
  const card = h(
    'section',
    { class: 'card', 'aria-labelledby': 'person-away-title', 'data-card': 'away' },
    h('div', { class: 'card-head' }, h('h2', { id: 'person-away-title' }, title), h('span', { class: 'card-head-end' }, add)),
    list,
    empty,
  );

  async function load(focus?: () => HTMLElement | null): Promise<void> {
    try {
      const periods = await api.listAway(person.id);
      list.replaceChildren(...periods.map(row));
      empty.hidden = periods.length > 0;
      focus?.()?.focus();
    } catch (error) {
      ctx.alert(api.asApiError(error).message);
    }
  }

  function row(a: Away): HTMLLIElement {
    const range = awayRange(a);
    const textId = `away-${a.id}-text`;
    const remove = button(t('common.delete'), () => confirmDialog({
      id: 'away-remove',
      title: t('away.remove_confirm', { range }),
      body: `${reasonLabel(a.reason)}, ${range}`,
      confirmLabel: t('common.delete'),
      danger: true,
      async action() {
        await api.removeAway(a.id);
        return () => {
          ctx.announce(t('away.removed'));
          void load(() => add);
        };
      },
    }), {
      icon: 'trash',
      variant: 'quiet',
      attrs: {
        class: 'btn btn-quiet btn-small',
        'aria-label': t('away.remove', { range }),
        'aria-describedby': textId,
        'data-action': 'remove-away',
      },
    });
    return h(
      'li',
      { class: 'item', 'data-away-id': String(a.id) },
      h(
        'div',
        { class: 'item-text' },
        h('span', { class: 'item-title', id: textId }, reasonLabel(a.reason)),
        h('span', { class: 'item-meta' }, range),
      ),
      h('div', { class: 'row-actions' }, remove),
    );
  }

  function openAdd(): void {
    const from = dateInput('');
    const to = dateInput('');
    const reason = select(
      api.AWAY_REASONS.map((r): [string, string] => [r, reasonLabel(r)]),
      'vacation',
    );
    const dialog = new FormDialog({
      id: 'away',
      title: t('away.dialog_title', { name: person.name }),
      submitLabel: t('away.save'),
      async submit() {
        const saved = await api.addAway({ personId: person.id, from: from.value, to: to.value, reason: reason.value });
        return () => {
          ctx.announce(t('away.added', { name: person.name }));
          void load(() => card.querySelector<HTMLElement>(`[data-away-id="${saved.id}"] button`));
        };
      },
    });
    dialog.append(
      dialog.field('from', t('away.from'), from),
      dialog.field('to', t('away.to'), to),
      dialog.field('reason', t('away.reason_label'), reason),
    );
    dialog.open(from);
  }

  empty.hidden = true;
  void load();
  return card;
}
