/**
 * A small segmented switch: one choice out of a few (this week / next week, 30 / 90 / 365
 * days), as a group of radio buttons so that arrow keys move between them and a screen
 * reader hears the group's name.
 */
import { h } from '../dom';

export function choiceSwitch<T extends string | number>(options: {
  /** The radio group's name, also the prefix of its ids. */
  name: string;
  /** Read out for the group; not shown. */
  legend: string;
  choices: readonly (readonly [T, string])[];
  value: T;
  onChange(value: T): void;
}): HTMLFieldSetElement {
  return h(
    'fieldset',
    { class: 'choice-switch', 'data-control': options.name },
    h('legend', { class: 'visually-hidden' }, options.legend),
    ...options.choices.map(([value, label]) => {
      const id = `${options.name}-${String(value)}`;
      const input = h('input', {
        type: 'radio',
        id,
        name: options.name,
        value: String(value),
        checked: value === options.value,
      });
      input.addEventListener('change', () => {
        if (input.checked) options.onChange(value);
      });
      return h('label', { for: id, class: 'choice-option' }, input, h('span', {}, label));
    }),
  );
}
