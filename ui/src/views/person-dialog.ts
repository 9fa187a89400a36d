/**
 * The person form in a modal dialog, for adding and for editing. Validation is Rust's: the
 * form sends what was typed and shows the translated error next to the field it names,
 * keeping every value, so bad input looks the same from every door.
 */
import * as api from '../api';
import type { Person, PersonDraft } from '../api';
import { button, h, on } from '../dom';
import { t, type Key } from '../i18n';

type FieldName = 'name' | 'role' | 'email';

interface Field {
  input: HTMLInputElement;
  error: HTMLElement;
  hintId: string | null;
}

export interface PersonDialogOptions {
  /** The person to edit; absent to add a new one. */
  person?: Person;
  onSaved(person: Person): void;
}

export function openPersonDialog(options: PersonDialogOptions): void {
  const { person } = options;
  const titleId = 'person-dialog-title';
  const formError = h('p', {
    class: 'form-error',
    id: 'person-form-error',
    role: 'alert',
    hidden: true,
  });

  const fields = {} as Record<FieldName, Field>;
  const fieldRow = (name: FieldName, label: Key, value: string, optional: boolean, extra = {}) => {
    const id = `person-${name}`;
    const hintId = optional ? `${id}-hint` : null;
    const input = h('input', {
      id,
      name,
      type: 'text',
      autocomplete: 'off',
      spellcheck: 'false',
      'aria-describedby': hintId,
      ...extra,
    });
    input.value = value;
    const error = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
    fields[name] = { input, error, hintId };
    return h(
      'div',
      { class: 'field' },
      h(
        'div',
        { class: 'field-head' },
        // Only the catalogue text inside <label>: the end-to-end tests find fields by it.
        h('label', { for: id }, t(label)),
        hintId ? h('span', { class: 'hint', id: hintId }, t('person.optional')) : null,
      ),
      input,
      error,
    );
  };

  const form = h(
    'form',
    { class: 'form', novalidate: true },
    h(
      'h2',
      { id: titleId, class: 'dialog-title' },
      person ? t('person.edit_title', { name: person.name }) : t('person.add_title'),
    ),
    formError,
    fieldRow('name', 'person.name', person?.name ?? '', false),
    fieldRow('role', 'person.role', person?.role ?? '', true),
    fieldRow('email', 'person.email', person?.email ?? '', true, {
      inputmode: 'email',
      autocapitalize: 'off',
    }),
  );
  const cancel = button(t('person.cancel'), () => dialog.close());
  const save = h('button', { type: 'submit', class: 'btn btn-primary' }, h('span', {}, t('person.save')));
  form.append(h('div', { class: 'form-actions' }, cancel, save));

  const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': titleId }, form);
  const returnFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;

  on(dialog, 'close', () => {
    dialog.remove();
    // A saved form moves focus itself (to the row); a cancelled one goes back where it was.
    if (!saved && returnFocus?.isConnected) returnFocus.focus();
  });

  function clearErrors(): void {
    formError.hidden = true;
    formError.replaceChildren();
    for (const field of Object.values(fields)) {
      field.input.removeAttribute('aria-invalid');
      if (field.hintId) field.input.setAttribute('aria-describedby', field.hintId);
      else field.input.removeAttribute('aria-describedby');
      field.error.hidden = true;
      field.error.replaceChildren();
    }
  }

  function showError(error: api.ApiError): void {
    const known = error.field !== null && Object.prototype.hasOwnProperty.call(fields, error.field);
    const field = known ? fields[error.field as FieldName] : null;
    if (!field) {
      formError.replaceChildren(error.message);
      formError.hidden = false;
      return;
    }
    field.error.replaceChildren(error.message);
    field.error.hidden = false;
    field.input.setAttribute('aria-invalid', 'true');
    field.input.setAttribute(
      'aria-describedby',
      [field.error.id, field.hintId].filter(Boolean).join(' '),
    );
    field.input.focus();
  }

  const optional = (value: string): string | null => (value.trim() === '' ? null : value);

  let busy = false;
  let saved = false;
  on(form, 'submit', (event) => {
    event.preventDefault();
    if (busy) return; // a second Enter while the first save runs must not add twice
    busy = true;
    form.setAttribute('aria-busy', 'true');
    clearErrors();
    const draft: PersonDraft = {
      name: fields.name.input.value,
      role: optional(fields.role.input.value),
      email: optional(fields.email.input.value),
    };
    const request = person ? api.updatePerson(person.id, draft) : api.addPerson(draft);
    request
      .then(
        (result) => {
          saved = true;
          dialog.close();
          options.onSaved(result);
        },
        (error: unknown) => {
          showError(
            error instanceof api.ApiError
              ? error
              : new api.ApiError({ kind: 'internal', message: t('error.internal'), field: null }),
          );
        },
      )
      .finally(() => {
        busy = false;
        form.removeAttribute('aria-busy');
      });
  });

  document.body.append(dialog);
  dialog.showModal();
  fields.name.input.focus();
}
