/**
 * Forms, shared by every dialog and by the forms inside a page (Settings): labelled fields
 * with their own error slots, and one submit flow. A dialog is a modal <dialog> around the
 * <form>. Validation is Rust's: the form sends what was typed, shows the translated error
 * next to the field it names and keeps every value. Enter submits (from selects and
 * checkboxes too); in a dialog Escape closes and focus goes back.
 */
import * as api from '../api';
import { button, h, on, type Child } from '../dom';
import { t } from '../i18n';

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

interface Slot {
  row: HTMLElement;
  error: HTMLElement;
  /** The controls that get aria-invalid; the first visible one gets focus. */
  controls: HTMLElement[];
  /** aria-describedby without the error (hint ids). */
  describedBy: string;
}

export interface FormDialogOptions {
  /** Prefix of every id in the dialog: "person" gives person-name, person-form-error, … */
  id: string;
  title: string;
  submitLabel: string;
  /** A destructive confirmation: the submit button is red. */
  danger?: boolean;
  wide?: boolean;
  /** Maps a field Rust names to the slot showing it here, when they differ. */
  alias?(field: string): string;
  /**
   * Sends the form. Resolves when done (the dialog closes, then the returned callback runs);
   * rejects with the error to show.
   */
  submit(): Promise<(() => void) | void>;
}

export interface FieldOptions {
  /** A short line under the control (describes it; never inside the label). */
  hint?: string;
  /** Shows "optional" beside the label. */
  optional?: boolean;
  /** Text right after the control, on its line ("minutes"). */
  suffix?: string;
}

/**
 * Labelled fields with their own error slots and one form-level error line: the part of a
 * form that dialogs and the forms inside a page share. Ids start with `prefix`: "person"
 * gives person-name, person-name-error, person-form-error, …
 */
export class FormFields {
  /** The line for errors no field here can hold; the owner places it. */
  readonly formError: HTMLElement;
  private readonly slots = new Map<string, Slot>();

  constructor(
    private readonly prefix: string,
    private readonly alias?: (field: string) => string,
  ) {
    this.formError = h('p', {
      class: 'form-error',
      id: `${prefix}-form-error`,
      role: 'alert',
      hidden: true,
    });
  }

  /** A labelled control with its error slot. The label holds only the catalogue text. */
  field(name: string, label: string, control: Control, options: FieldOptions = {}): HTMLElement {
    const id = control.id || `${this.prefix}-${name}`;
    control.id = id;
    if (!control.getAttribute('name')) control.setAttribute('name', name);
    const optionalId = options.optional ? `${id}-hint` : null;
    const hintId = options.hint ? `${id}-help` : null;
    const describedBy = [optionalId, hintId].filter(Boolean).join(' ');
    if (describedBy) control.setAttribute('aria-describedby', describedBy);
    const error = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
    const row = h(
      'div',
      { class: 'field' },
      h(
        'div',
        { class: 'field-head' },
        h('label', { for: id }, label),
        optionalId ? h('span', { class: 'hint', id: optionalId }, t('common.optional')) : null,
      ),
      options.suffix
        ? h('div', { class: 'field-inline' }, control, h('span', { class: 'suffix' }, options.suffix))
        : control,
      hintId ? h('p', { class: 'hint', id: hintId }, options.hint ?? '') : null,
      error,
    );
    this.slots.set(name, { row, error, controls: [control], describedBy });
    return row;
  }

  /** A fieldset of checkboxes or radios under a legend, with one error slot. */
  fieldset(name: string, legend: string, children: Child[], options: { hint?: string; class?: string } = {}): HTMLFieldSetElement {
    const id = `${this.prefix}-${name}`;
    const hintId = options.hint ? `${id}-help` : null;
    const error = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
    const set = h(
      'fieldset',
      { class: `fieldset ${options.class ?? ''}`.trim(), id, 'aria-describedby': hintId },
      h('legend', {}, legend),
      ...children,
      hintId ? h('p', { class: 'hint', id: hintId }, options.hint ?? '') : null,
      error,
    );
    this.slots.set(name, {
      row: set,
      error,
      controls: [set],
      describedBy: hintId ?? '',
    });
    return set;
  }

  clearErrors(): void {
    this.formError.hidden = true;
    this.formError.replaceChildren();
    for (const slot of this.slots.values()) {
      slot.error.hidden = true;
      slot.error.replaceChildren();
      for (const control of slot.controls) {
        control.removeAttribute('aria-invalid');
        if (slot.describedBy) control.setAttribute('aria-describedby', slot.describedBy);
        else control.removeAttribute('aria-describedby');
      }
    }
  }

  /** Shows `error` next to the field it names, or on the form line; focuses the field. */
  showError(error: api.ApiError): void {
    const name = error.field === null ? null : (this.alias?.(error.field) ?? error.field);
    const slot = name === null ? undefined : this.slots.get(name);
    // A field that is not shown (or not here at all) cannot hold the message: the form does.
    if (!slot || !isShown(slot.row)) {
      this.formError.replaceChildren(error.message);
      this.formError.hidden = false;
      this.formError.scrollIntoView?.({ block: 'nearest' });
      return;
    }
    slot.error.replaceChildren(error.message);
    slot.error.hidden = false;
    for (const control of slot.controls) {
      control.setAttribute('aria-invalid', 'true');
      control.setAttribute('aria-describedby', [slot.error.id, slot.describedBy].filter(Boolean).join(' '));
    }
    const first = slot.controls[0];
    const focusable =
      first instanceof HTMLFieldSetElement
        ? first.querySelector<HTMLElement>('input:checked, input, select')
        : first;
    focusable?.focus();
  }
}

/**
 * Enter submits from selects and checkboxes too (in a text field it does natively); in a
 * multi-line note Enter is a new line, and Ctrl+Enter (Cmd+Enter) sends.
 */
function submitOnEnter(form: HTMLFormElement, submitButton: HTMLButtonElement): void {
  on(form, 'keydown', (event) => {
    if (event.key !== 'Enter' || event.isComposing || event.shiftKey || event.altKey) return;
    const target = event.target;
    const submitsHere =
      target instanceof HTMLSelectElement ||
      (target instanceof HTMLTextAreaElement && (event.ctrlKey || event.metaKey)) ||
      (target instanceof HTMLInputElement && (target.type === 'checkbox' || target.type === 'radio'));
    if (submitsHere) {
      event.preventDefault();
      submitButton.click();
    }
  });
}

/**
 * Runs `send` once at a time (a second Enter while the first save runs must not send twice),
 * with the form marked busy and the old errors cleared; a failure is shown by `fields`.
 */
function submitFlow(
  form: HTMLFormElement,
  fields: FormFields,
  send: () => Promise<(() => void) | void>,
  done: (after: (() => void) | void) => void,
): () => void {
  let busy = false;
  return () => {
    if (busy) return;
    busy = true;
    form.setAttribute('aria-busy', 'true');
    fields.clearErrors();
    send()
      .then(done, (error: unknown) => fields.showError(api.asApiError(error)))
      .finally(() => {
        busy = false;
        form.removeAttribute('aria-busy');
      });
  };
}

export class FormDialog {
  readonly dialog: HTMLDialogElement;
  readonly form: HTMLFormElement;
  readonly body: HTMLElement;
  private readonly fields: FormFields;
  private readonly submitButton: HTMLButtonElement;
  private readonly returnFocus: HTMLElement | null;
  private done = false;

  constructor(private readonly options: FormDialogOptions) {
    const titleId = `${options.id}-dialog-title`;
    this.fields = new FormFields(options.id, options.alias);
    this.body = h('div', { class: 'form-body' });
    this.submitButton = h(
      'button',
      { type: 'submit', class: options.danger ? 'btn btn-danger' : 'btn btn-primary' },
      h('span', {}, options.submitLabel),
    );
    const cancel = button(t('common.cancel'), () => this.close());
    this.form = h(
      'form',
      { class: 'form', novalidate: true },
      h('h2', { id: titleId, class: 'dialog-title' }, options.title),
      this.fields.formError,
      this.body,
      h('div', { class: 'form-actions' }, cancel, this.submitButton),
    );
    this.dialog = h(
      'dialog',
      { class: options.wide ? 'dialog dialog-wide' : 'dialog', 'aria-labelledby': titleId },
      this.form,
    );
    this.returnFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;

    on(this.dialog, 'close', () => {
      this.dialog.remove();
      // A finished form moves focus itself (to what changed); a cancelled one goes back.
      if (!this.done && this.returnFocus?.isConnected) this.returnFocus.focus();
    });
    submitOnEnter(this.form, this.submitButton);
    const submit = submitFlow(this.form, this.fields, () => this.options.submit(), (after) => {
      this.done = true;
      this.close();
      after?.();
    });
    on(this.form, 'submit', (event) => {
      event.preventDefault();
      submit();
    });
  }

  /** A labelled control with its error slot. The label holds only the catalogue text. */
  field(name: string, label: string, control: Control, options: FieldOptions = {}): HTMLElement {
    return this.fields.field(name, label, control, options);
  }

  /** A fieldset of checkboxes or radios under a legend, with one error slot. */
  fieldset(name: string, legend: string, children: Child[], options: { hint?: string; class?: string } = {}): HTMLFieldSetElement {
    return this.fields.fieldset(name, legend, children, options);
  }

  append(...nodes: Child[]): void {
    for (const node of nodes) if (node) this.body.append(node);
  }

  open(focus?: HTMLElement | null): void {
    document.body.append(this.dialog);
    this.dialog.showModal();
    (focus ?? this.body.querySelector<HTMLElement>('input, select, textarea') ?? this.submitButton).focus();
  }

  close(): void {
    this.dialog.close();
  }

  showError(error: api.ApiError): void {
    this.fields.showError(error);
  }
}

export interface InlineFormOptions {
  /** Prefix of every id in the form, as for dialogs. */
  id: string;
  submitLabel: string;
  alias?(field: string): string;
  /** Sends the form; resolves when saved (then the returned callback runs), rejects with the error to show. */
  submit(): Promise<(() => void) | void>;
}

/**
 * A form that lives in a page (a card) rather than a dialog: the same fields, error slots,
 * Enter handling and single-flight submit as FormDialog, and it keeps what was typed.
 */
export class InlineForm {
  readonly form: HTMLFormElement;
  readonly body: HTMLElement;
  readonly submitButton: HTMLButtonElement;
  private readonly fields: FormFields;
  /** Whether anything was changed since the form was filled or last saved. */
  dirty = false;

  constructor(options: InlineFormOptions) {
    this.fields = new FormFields(options.id, options.alias);
    this.body = h('div', { class: 'form-body' });
    this.submitButton = h('button', { type: 'submit', class: 'btn btn-primary' }, h('span', {}, options.submitLabel));
    this.form = h(
      'form',
      { class: 'inline-form', id: `${options.id}-form`, novalidate: true },
      this.fields.formError,
      this.body,
      h('div', { class: 'form-actions form-actions-start' }, this.submitButton),
    );
    const mark = () => (this.dirty = true);
    on(this.form, 'input', mark);
    on(this.form, 'change', mark);
    submitOnEnter(this.form, this.submitButton);
    const submit = submitFlow(this.form, this.fields, options.submit, (after) => {
      this.dirty = false;
      after?.();
    });
    on(this.form, 'submit', (event) => {
      event.preventDefault();
      submit();
    });
  }

  field(name: string, label: string, control: Control, options: FieldOptions = {}): HTMLElement {
    return this.fields.field(name, label, control, options);
  }

  fieldset(name: string, legend: string, children: Child[], options: { hint?: string; class?: string } = {}): HTMLFieldSetElement {
    return this.fields.fieldset(name, legend, children, options);
  }

  append(...nodes: Child[]): void {
    for (const node of nodes) if (node) this.body.append(node);
  }

  clearErrors(): void {
    this.fields.clearErrors();
  }
}

/**
 * Puts a settings card's `form` into its `body` once `load` answers, filled with what it
 * brought unless the manager already typed; the error in its place when it fails.
 */
export function showWhenLoaded<T>(body: HTMLElement, form: InlineForm, load: Promise<T>, fill: (value: T) => void): void {
  void load
    .then((value) => {
      if (!form.dirty) fill(value);
      body.replaceChildren(form.form);
    })
    .catch((error: unknown) => {
      body.replaceChildren(h('p', { class: 'field-error' }, api.asApiError(error).message));
    })
    .finally(() => body.removeAttribute('aria-busy'));
}

function isShown(el: HTMLElement): boolean {
  for (let node: HTMLElement | null = el; node; node = node.parentElement) {
    if (node.hidden) return false;
  }
  return true;
}

/** A yes/no question in a dialog; `action` runs on yes, and its error shows in the dialog. */
export function confirmDialog(options: {
  id: string;
  title: string;
  body: string;
  confirmLabel: string;
  danger?: boolean;
  action(): Promise<(() => void) | void>;
}): void {
  const dialog = new FormDialog({
    id: options.id,
    title: options.title,
    submitLabel: options.confirmLabel,
    danger: options.danger,
    submit: options.action,
  });
  dialog.append(h('p', { class: 'dialog-text' }, options.body));
  dialog.open(dialog.form.querySelector<HTMLElement>('button[type=submit]'));
}

/** A text input with the attributes every free-text field here wants. */
export function textInput(value = '', attrs: Record<string, string> = {}): HTMLInputElement {
  const input = h('input', { type: 'text', autocomplete: 'off', spellcheck: 'false', ...attrs });
  input.value = value;
  return input;
}

/** A whole-number input (digits only on touch keyboards; Rust still checks the range). */
export function numberInput(value: number | null, attrs: Record<string, string> = {}): HTMLInputElement {
  const input = h('input', { type: 'text', inputmode: 'numeric', autocomplete: 'off', class: 'input-number', ...attrs });
  input.value = value === null ? '' : String(value);
  return input;
}

/**
 * "YYYY-MM-DD" in a text field: typed the way Swedes write dates, read the same everywhere.
 * The placeholder is in the UI's language ("ÅÅÅÅ-MM-DD").
 */
export function dateInput(value: string): HTMLInputElement {
  return textInput(value, { inputmode: 'numeric', placeholder: t('form.date_placeholder'), class: 'input-date', maxlength: '10' });
}

/** "HH:MM" in a text field ("TT:MM" in Swedish). */
export function timeInput(value: string): HTMLInputElement {
  return textInput(value, { inputmode: 'numeric', placeholder: t('form.time_placeholder'), class: 'input-time', maxlength: '5' });
}

/**
 * The number typed into `input`, for Rust to judge: empty gives null, anything that is not a
 * whole number gives `bad`, and huge values are capped at `cap` so that they reach Rust's
 * range check (with its message) instead of failing as a malformed request.
 */
export function readNumber(input: HTMLInputElement, bad: number, cap: number): number | null {
  const text = input.value.trim();
  if (text === '') return null;
  if (!/^-?\d+$/.test(text)) return bad;
  const value = Number(text);
  return Math.max(bad, Math.min(cap, value));
}

/** Like readNumber, but empty is `bad` too: for fields that have no default. */
export function readRequiredNumber(input: HTMLInputElement, bad: number, cap: number): number {
  return readNumber(input, bad, cap) ?? bad;
}

/** The typed text, or null when it is only blanks. */
export function optionalText(value: string): string | null {
  return value.trim() === '' ? null : value;
}

/** A <select> with the given [value, label] options. */
export function select(options: [string, string][], value: string): HTMLSelectElement {
  const el = h('select', {}, ...options.map(([v, label]) => h('option', { value: v }, label)));
  el.value = value;
  return el;
}

/** A checkbox with its label beside it. */
export function checkRow(box: HTMLInputElement, label: string): HTMLElement {
  return h('div', { class: 'check' }, box, h('label', { for: box.id }, label));
}
