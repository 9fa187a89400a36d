/**
 * The person form in a modal dialog, for adding and for editing: name, role, e-mail, and how
 * often and how long the check-ins are. Validation is Rust's (see FormDialog).
 */
import * as api from '../api';
import type { Person, PersonDraft } from '../api';
import { t } from '../i18n';
import { FormDialog, numberInput, optionalText, readNumber, textInput } from '../lib/form';

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
      const saved = person ? await api.updatePerson(person.id, draft) : await api.addPerson(draft);
      return () => options.onSaved(saved);
    },
  });
  dialog.append(
    dialog.field('name', t('person.name'), name),
    dialog.field('role', t('person.role'), role, { optional: true }),
    dialog.field('email', t('person.email'), email, { optional: true }),
    dialog.field('cadenceDays', t('person.cadence'), cadence),
    dialog.field('checkinMinutes', t('person.checkin_minutes'), minutes),
  );
  dialog.open(name);
}
