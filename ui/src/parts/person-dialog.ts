/**
 * The person form in a modal dialog, for adding and for editing: name, role, e-mail, and how
 * often and how long the check-ins are. Validation is Rust's (see FormDialog).
 */
import * as api from '../api';
import type { Person, PersonDraft } from '../api';
import { t } from '../i18n';
import { dateInput, FormDialog, numberInput, optionalText, readNumber, textInput } from '../lib/form';

/** What core uses when a new person's form leaves them empty. */
const DEFAULT_CADENCE_DAYS = 14;
const DEFAULT_CHECKIN_MINUTES = 20;

export interface PersonDialogOptions {
  /** The person to edit; absent to add a new one. */
  person?: Person;
  onSaved(person: Person): void;
}

export function openPersonDialog(options: PersonDialogOptions): void {
  const { person } = options;
  const name = textInput(person?.name ?? '');
  const role = textInput(person?.role ?? '');
  const email = textInput(person?.email ?? '', { inputmode: 'email', autocapitalize: 'off' });
  const cadence = numberInput(person?.cadenceDays ?? DEFAULT_CADENCE_DAYS);
  const minutes = numberInput(person?.checkinMinutes ?? DEFAULT_CHECKIN_MINUTES);
  const link = textInput(person?.meetingLink ?? '', { inputmode: 'url', autocapitalize: 'off', spellcheck: 'false' });
  // Asked only when adding: without it the first check-in falls due within a week.
  const lastTalked = dateInput('');
  // A new person whose link was refused is already added: the next Save edits them.
  let created: Person | undefined;

  const dialog = new FormDialog({
    id: 'person',
    title: person ? t('person.edit_title', { name: person.name }) : t('person.add_title'),
    submitLabel: t('person.save'),
    async submit() {
      const draft: PersonDraft = {
        name: name.value,
        role: optionalText(role.value),
        email: optionalText(email.value),
        // Empty keeps the current value (or the default); Rust checks the range.
        cadenceDays: readNumber(cadence, 0, 100_000),
        checkinMinutes: readNumber(minutes, 0, 100_000),
      };
      const newLink = optionalText(link.value);
      const current = person ?? created;
      // An existing person takes the link first: a refused link leaves everything unsaved.
      if (current && newLink !== (current.meetingLink ?? null)) await api.setPersonLink(current.id, newLink);
      let saved = current
        ? await api.updatePerson(current.id, draft)
        : await api.addPerson({ ...draft, lastTalked: optionalText(lastTalked.value) ?? undefined });
      if (!current) {
        created = saved;
        if (newLink !== null) saved = await api.setPersonLink(saved.id, newLink);
      }
      return () => options.onSaved(saved);
    },
  });
  dialog.append(
    dialog.field('name', t('person.name'), name),
    dialog.field('role', t('person.role'), role, { optional: true }),
    dialog.field('email', t('person.email'), email, { optional: true }),
    dialog.field('cadenceDays', t('person.cadence'), cadence),
    dialog.field('checkinMinutes', t('person.checkin_minutes'), minutes),
    dialog.field('meetingLink', t('link.label'), link, { optional: true, hint: t('link.person_hint') }),
  );
  if (!person) {
    dialog.append(
      dialog.field('lastTalked', t('person.last_talked'), lastTalked, {
        optional: true,
        hint: t('person.last_talked_hint'),
      }),
    );
  }
  dialog.open(name);
}
