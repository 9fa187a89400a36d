/**
 * Booking a check-in: *Book…* opens a small dialog with the time Rust suggests (the next
 * free slot in working hours from the due date), editable, and *Open in calendar* or
 * *Save…* for the invitation; a booked check-in shows "Booked Thu 14:30" and *Cancel
 * booking*. Rust decides the time, checks the input and writes the file; this renders it.
 * Rows carry data-booked-person-id; buttons data-action="book" and "cancel-booking".
 */
import * as api from '../api';
import type { Booked, Deliver } from '../api';
import { button, h } from '../dom';
import { formatMoment, formatTimeRange, t } from '../i18n';
import { dateInput, FormDialog, timeInput } from '../lib/form';
import { control, row, type FocusTarget } from '../lib/focus';
import type { Ctx } from '../lib/frame';
import { personHref } from '../lib/nav';

/** What a booking control needs from its view. */
export interface BookingHooks {
  ctx: Ctx;
  reload(focus: FocusTarget): Promise<void>;
}

function bookFocus(personId: number): FocusTarget {
  const due = row('data-person-id', personId);
  return [control('cancel-booking', due), control('book', due), `${due} button`];
}

/** "Booked Thu 26 Nov 14:30", in this computer's zone. */
export function bookedText(booked: Booked): string {
  return t('booking.booked', { when: formatMoment(booked.start) });
}

/** *Book…* for one person's check-in. */
export function bookButton(personId: number, name: string, hooks: BookingHooks, describedBy?: string): HTMLButtonElement {
  const el = button(t('booking.book'), () => void openBookDialog(personId, name, hooks), {
    icon: 'clock',
    variant: 'quiet',
    attrs: { class: 'btn btn-quiet btn-small', 'data-action': 'book', 'aria-describedby': describedBy ?? null },
  });
  return el;
}

/** *Cancel booking* for one person's booked check-in. */
export function cancelBookingButton(personId: number, name: string, hooks: BookingHooks, describedBy?: string): HTMLButtonElement {
  return button(
    t('booking.cancel'),
    () =>
      void api.cancelBooking(personId).then(
        async () => {
          hooks.ctx.announce(t('booking.cancelled', { name }));
          await hooks.reload(bookFocus(personId));
        },
        (error: unknown) => hooks.ctx.alert(api.asApiError(error).message),
      ),
    {
      variant: 'quiet',
      attrs: { class: 'btn btn-quiet btn-small', 'data-action': 'cancel-booking', 'aria-describedby': describedBy ?? null },
    },
  );
}

/** A booked check-in on its day at its time, as Week and Today's days list it. */
export function bookedRow(booked: Booked, hooks: BookingHooks): HTMLLIElement {
  const titleId = `booked-${booked.personId}-title`;
  return h(
    'li',
    { class: 'item booked', 'data-booked-person-id': String(booked.personId) },
    h('time', { class: 'item-time', datetime: booked.start }, formatTimeRange(booked.start, booked.end)),
    h(
      'div',
      { class: 'item-text' },
      h(
        'span',
        { class: 'item-head' },
        h('a', { class: 'item-title person-link', id: titleId, href: personHref(booked.personId) }, t('booking.summary', { name: booked.name })),
        h('span', { class: 'tag tag-booked' }, t('booking.tag')),
      ),
    ),
    h('div', { class: 'row-actions' }, cancelBookingButton(booked.personId, booked.name, hooks, titleId)),
  );
}

/** The *Book…* dialog: the suggested date and time, then open or save the invitation. */
export async function openBookDialog(personId: number, name: string, hooks: BookingHooks): Promise<void> {
  let suggestion: api.BookingSuggestion;
  try {
    suggestion = await api.suggestBooking(personId);
  } catch (error) {
    hooks.ctx.alert(api.asApiError(error).message);
    return;
  }
  const date = dateInput(suggestion.date);
  const time = timeInput(suggestion.time);
  let deliver: Deliver = 'open';
  const dialog = new FormDialog({
    id: 'book',
    title: t('booking.title', { name }),
    submitLabel: t('booking.open'),
    async submit() {
      const chosen = deliver;
      deliver = 'open';
      const done = await api.bookCheckin(personId, { date: date.value.trim(), time: time.value.trim() }, chosen);
      return () => {
        if (done) hooks.ctx.announce(t(chosen === 'open' ? 'booking.opened' : 'booking.saved', { name, path: done.path }));
        void hooks.reload(bookFocus(personId));
      };
    },
  });
  const save = button(t('booking.save'), () => {
    deliver = 'save';
    dialog.form.requestSubmit();
  }, { icon: 'folder', attrs: { 'data-action': 'save-invitation' } });
  dialog.form.querySelector('.form-actions')?.insertBefore(save, dialog.form.querySelector('.form-actions button[type="submit"]'));
  dialog.append(
    h('p', { class: 'hint' }, t('booking.hint', { minutes: suggestion.minutes })),
    suggestion.current ? h('p', { class: 'hint', 'data-booked': 'true' }, t('booking.replaces', { when: formatMoment(suggestion.current.start) })) : null,
    dialog.field('date', t('field.date'), date),
    dialog.field('time', t('booking.time'), time),
  );
  dialog.open(time);
}
