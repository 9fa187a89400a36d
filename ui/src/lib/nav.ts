/**
 * Going from one page to another: the pages' addresses, "Start check-in" (which remembers
 * where it was pressed, for the check-in screen's "Leave"), and a message said on arrival.
 * Pages lead to each other through these hashes, never by importing each other.
 */
import type { PersonId } from '../api';
import { button } from '../dom';
import { t } from '../i18n';
import type { Ctx } from './frame';

export function personHref(id: PersonId): string {
  return `#/person/${id}`;
}

export function checkinHref(personId: PersonId): string {
  return `#/checkin/${personId}`;
}

/** Where "Leave" goes: the view the check-in was started from. */
let returnTo: string | null = null;

/** Opens the check-in screen for `personId`; "Leave" comes back to where this was called. */
export function startCheckin(personId: PersonId): void {
  returnTo = location.hash || '#/today';
  location.hash = checkinHref(personId);
}

/** Where the check-in screen was opened from (once: it is forgotten as it is read). */
export function takeReturnTo(): string | null {
  const hash = returnTo;
  returnTo = null;
  return hash;
}

/** A "Start check-in" button; `describedBy` names the person for screen readers. */
export function startCheckinButton(personId: PersonId, options: { describedBy?: string; primary?: boolean } = {}): HTMLButtonElement {
  const el = button(t('checkin.start'), () => startCheckin(personId), {
    icon: 'resume',
    variant: options.primary ? 'primary' : 'quiet',
    attrs: {
      class: options.primary ? 'btn btn-primary' : 'btn btn-quiet btn-small',
      'aria-describedby': options.describedBy,
    },
  });
  el.dataset.action = 'start';
  return el;
}

/** Goes to `hash` and, once the view there is drawn, says `message`. */
export function navigate(ctx: Ctx, hash: string, message: string | null): void {
  if (message) {
    // The frame clears messages on navigation; this listener runs after it.
    window.addEventListener('hashchange', () => ctx.announce(message), { once: true });
  }
  location.hash = hash;
}
