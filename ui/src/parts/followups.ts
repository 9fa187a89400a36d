/**
 * Follow-ups (DESIGN §3: an action agreed in a check-in, with owner and due date): how one
 * reads (whose, when), the add/edit dialog of the person page, and Today's "Follow-ups due"
 * card. Rows carry data-followup-id.
 */
import './followups.css';
import * as api from '../api';
import type { FollowUp, FollowUpOwner, Person, PersonId } from '../api';
import { button, h } from '../dom';
import { formatCalendarDate, t } from '../i18n';
import { localToday } from '../lib/dates';
import { control, type FocusTarget } from '../lib/focus';
import { dateInput, FormDialog, select, textInput } from '../lib/form';
import type { Ctx } from '../lib/frame';
import { listCard } from '../lib/lists';
import { personHref } from '../lib/nav';
import { loader } from '../lib/reload';

/** How long a follow-up's text can be. */
export const FOLLOWUP_MAX = api.LIMITS.followupMax;

/** The owner choices, with the person's own name for "person". */
export function ownerOptions(name: string): [FollowUpOwner, string][] {
  return [
    ['manager', t('followup.owner_manager')],
    ['person', name],
  ];
}

/** "You do it" / "Anna Lind does it". */
export function ownerText(owner: FollowUpOwner, name: string): string {
  return owner === 'manager' ? t('followup.by_manager') : t('followup.by_person', { name });
}

/** The meta line of a follow-up: whose, and its due or done date. */
export function followupMeta(f: FollowUp, name: string, today: string): HTMLElement[] {
  const out: HTMLElement[] = [h('span', {}, ownerText(f.owner, name))];
  if (f.doneOn !== null) {
    out.push(h('span', {}, t('followup.done_on', { date: formatCalendarDate(f.doneOn) })));
  } else if (f.dueOn !== null) {
    // The due date and its "overdue" tag are one piece of the meta line: no "·" between them.
    const due = h('time', { datetime: f.dueOn }, t('followup.due_on', { date: formatCalendarDate(f.dueOn) }));
    const overdue = f.dueOn < today ? h('span', { class: 'tag tag-overdue' }, t('today.overdue_tag')) : null;
    out.push(overdue ? h('span', { class: 'meta-with-tag' }, due, overdue) : due);
  }
  return out;
}

/** Adds a follow-up for `person`, or edits `followup`. */
export function openFollowupDialog(options: {
  person: Pick<Person, 'id' | 'name'>;
  followup?: FollowUp;
  onSaved(saved: FollowUp): void;
}): void {
  const { person, followup } = options;
  const text = textInput(followup?.text ?? '', { spellcheck: 'true', maxlength: String(FOLLOWUP_MAX) });
  const owner = select(ownerOptions(person.name), followup?.owner ?? 'manager');
  const due = dateInput(followup?.dueOn ?? '');
  const dialog = new FormDialog({
    id: 'followup',
    title: followup ? t('followup.edit_title') : t('followup.add_title', { name: person.name }),
    submitLabel: t('common.save'),
    async submit() {
      const draft = { text: text.value, owner: owner.value as FollowUpOwner, dueOn: due.value.trim() || null };
      const saved = followup ? await api.editFollowup(followup.id, draft) : await api.addFollowup(person.id, draft);
      return () => options.onSaved(saved);
    },
  });
  dialog.append(
    dialog.field('text', t('followup.text'), text),
    h(
      'div',
      { class: 'field-pair' },
      dialog.field('owner', t('followup.owner'), owner),
      dialog.field('dueOn', t('followup.due'), due, { optional: true }),
    ),
  );
  dialog.open(text);
}

/**
 * Today's card of open follow-ups due today or earlier, with "Done". It loads itself and
 * stays out of the way (hidden) when nothing is due or the load fails.
 */
export function followupsDueCard(ctx: Ctx): HTMLElement {
  const slot = h('div', { class: 'followups-due', hidden: true });
  const card = loader({
    root: slot,
    // The card is gone once nothing is due: the heading of Today takes the focus.
    fallback: () => document.querySelector<HTMLElement>('main h1'),
    // The people only for the names of those with something due: often nobody.
    fetch: async () => {
      const due = await api.followupsDue();
      return [due, due.length ? await api.listPeople() : []] as const;
    },
    draw([due, people]) {
      const names = new Map<PersonId, string>(people.map((p) => [p.id, p.name]));
      const today = localToday();
      const rows = due.map((f) => dueRow(f, names.get(f.personId) ?? '', today, (index) => card.reload(nextDone(index))));
      const title = t('today.followups');
      slot.replaceChildren(
        listCard({ title, icon: 'check', count: String(due.length), rows, class: 'card-followups' }),
      );
      slot.hidden = due.length === 0;
    },
    failed: (message) => console.error(message),
  });
  void card.reload();
  return slot;

  function dueRow(f: FollowUp, name: string, today: string, reload: (index: number) => Promise<void>): HTMLLIElement {
    const textId = `followup-due-${f.id}-text`;
    const done = button(
      t('followup.done'),
      () => {
        done.disabled = true;
        const index = [...slot.querySelectorAll('[data-action="done"]')].indexOf(done);
        api.setFollowupDone(f.id, true).then(
          () => {
            ctx.announce(t('followup.marked_done', { text: f.text }));
            void reload(Math.max(0, index));
          },
          (error: unknown) => {
            done.disabled = false;
            ctx.alert(api.asApiError(error).message);
          },
        );
      },
      { icon: 'check', variant: 'quiet', attrs: { class: 'btn btn-quiet btn-small', 'aria-describedby': textId } },
    );
    done.dataset.action = 'done';
    return h(
      'li',
      // No data-person-id: Today puts focus by that attribute on the check-ins due.
      { class: 'item followup', 'data-followup-id': String(f.id) },
      h(
        'div',
        { class: 'item-text' },
        h('span', { class: 'item-title followup-text', id: textId }, f.text),
        h(
          'span',
          { class: 'item-meta' },
          h('a', { href: personHref(f.personId), class: 'person-link' }, name),
          ...followupMeta(f, name, today),
        ),
      ),
      h('div', { class: 'row-actions' }, done),
    );
  }
}

/** The "Done" of the row now at `index` (the next one), or of the last row. */
function nextDone(index: number): FocusTarget {
  return [`.items > li:nth-child(${index + 1}) ${control('done')}`, `.items > li:last-child ${control('done')}`];
}
