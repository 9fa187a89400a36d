/**
 * The pulse (DESIGN §3: mood, workload, work–life balance on 1–5, and "gets out and moves"),
 * shared by the check-in screen and the person page's edit dialog: four radio groups under
 * their legends, each with a "No answer" option, and the pulse as short text.
 */
import './pulse.css';
import type { Pulse, PulseDraft } from '../api';
import { h } from '../dom';
import { t, type Key } from '../i18n';

export type Scale = 'mood' | 'workload' | 'balance';

export const SCALES: [Scale, Key, Key][] = [
  ['mood', 'pulse.mood', 'pulse.mood_help'],
  ['workload', 'pulse.workload', 'pulse.workload_help'],
  ['balance', 'pulse.balance', 'pulse.balance_help'],
];

/** What the radio groups hold, as typed: "" is "No answer". */
export interface PulseInput {
  mood: string;
  workload: string;
  balance: string;
  /** "yes", "no" or "". */
  moves: string;
}

export const EMPTY_PULSE: PulseInput = { mood: '', workload: '', balance: '', moves: '' };

/** Anything that can make a fieldset with an error slot: a FormDialog or an InlineForm. */
interface Fieldsets {
  fieldset(name: string, legend: string, children: HTMLElement[], options?: { hint?: string; class?: string }): HTMLFieldSetElement;
}

export interface PulseFields {
  /** The four fieldsets, in order: mood, workload, balance, moves. */
  readonly sets: HTMLFieldSetElement[];
  read(): PulseInput;
  write(value: PulseInput): void;
}

/** One choice; the whole pill is its label, so a click anywhere on it chooses it. */
function radio(prefix: string, group: string, value: string, label: string): HTMLElement {
  const id = `${prefix}-${group}-${value || 'none'}`;
  const input = h('input', { type: 'radio', id, name: `${prefix}-${group}`, value });
  return h('label', { for: id, class: value === '' ? 'scale-option scale-none' : 'scale-option' }, input, h('span', {}, label));
}

/** Builds the four groups; ids and radio names start with `prefix`. */
export function pulseFields(form: Fieldsets, prefix: string, value: PulseInput): PulseFields {
  const sets: HTMLFieldSetElement[] = SCALES.map(([name, legend, help]) =>
    form.fieldset(
      name,
      t(legend),
      [
        h(
          'div',
          { class: 'scale' },
          ...['1', '2', '3', '4', '5'].map((v) => radio(prefix, name, v, v)),
          radio(prefix, name, '', t('pulse.none')),
        ),
      ],
      { hint: t(help), class: 'pulse-set' },
    ),
  );
  sets.push(
    form.fieldset(
      'moves',
      t('pulse.moves'),
      [
        h(
          'div',
          { class: 'scale' },
          radio(prefix, 'moves', 'yes', t('pulse.yes')),
          radio(prefix, 'moves', 'no', t('pulse.no')),
          radio(prefix, 'moves', '', t('pulse.none')),
        ),
      ],
      { class: 'pulse-set' },
    ),
  );

  const checked = (set: HTMLFieldSetElement) =>
    set.querySelector<HTMLInputElement>('input[type=radio]:checked')?.value ?? '';
  const fields: PulseFields = {
    sets,
    read() {
      const [mood, workload, balance, moves] = sets.map(checked);
      return { mood: mood ?? '', workload: workload ?? '', balance: balance ?? '', moves: moves ?? '' };
    },
    write(next) {
      const values = [next.mood, next.workload, next.balance, next.moves];
      sets.forEach((set, i) => {
        const wanted = values[i] ?? '';
        for (const input of set.querySelectorAll<HTMLInputElement>('input[type=radio]')) {
          input.checked = input.value === wanted;
        }
      });
    },
  };
  fields.write(value);
  return fields;
}

/** The typed pulse as Rust takes it; Rust checks the range. */
export function toPulseDraft(input: PulseInput): PulseDraft {
  const scale = (v: string) => (v === '' ? null : Number(v));
  return {
    mood: scale(input.mood),
    workload: scale(input.workload),
    balance: scale(input.balance),
    moves: input.moves === 'yes' ? true : input.moves === 'no' ? false : null,
  };
}

/** A recorded pulse as the radio groups show it. */
export function fromPulse(pulse: Pulse | PulseDraft): PulseInput {
  const scale = (v: number | null) => (v === null ? '' : String(v));
  return {
    mood: scale(pulse.mood),
    workload: scale(pulse.workload),
    balance: scale(pulse.balance),
    moves: pulse.moves === null ? '' : pulse.moves ? 'yes' : 'no',
  };
}

export function hasPulse(pulse: Pulse): boolean {
  return pulse.mood !== null || pulse.workload !== null || pulse.balance !== null || pulse.moves !== null;
}

/** "Mood: 4", "Gets out and moves: Yes", … for the values that were recorded. */
export function pulseTexts(pulse: Pulse): string[] {
  const out: string[] = [];
  for (const [name, label] of SCALES) {
    const value = pulse[name];
    if (value !== null) out.push(t('pulse.value', { label: t(label), value }));
  }
  if (pulse.moves !== null) {
    out.push(t('pulse.value', { label: t('pulse.moves'), value: t(pulse.moves ? 'pulse.yes' : 'pulse.no') }));
  }
  return out;
}

/** The recorded values as small chips; nothing when none was recorded. */
export function pulseChips(pulse: Pulse): HTMLElement | null {
  const texts = pulseTexts(pulse);
  if (!texts.length) return null;
  return h('ul', { class: 'chips', role: 'list' }, ...texts.map((text) => h('li', { class: 'chip' }, text)));
}
