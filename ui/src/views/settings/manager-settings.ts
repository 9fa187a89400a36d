/**
 * Settings' "About you" card: the manager's own name and e-mail, which a booked check-in's
 * invitation is sent from (its organizer). Both optional; booking asks for the e-mail. Rust
 * checks the address as it checks a person's and names the field at fault.
 */
import * as api from '../../api';
import type { ManagerSettings } from '../../api';
import { h, icon } from '../../dom';
import { t } from '../../i18n';
import { InlineForm, showWhenLoaded, optionalText, textInput } from '../../lib/form';
import type { Ctx } from '../../lib/frame';

export function managerCard(ctx: Ctx): HTMLElement {
  const titleId = 'settings-manager-title';
  const name = textInput('', { maxlength: String(api.LIMITS.personNameMax), autocomplete: 'name' });
  const email = textInput('', { inputmode: 'email', autocapitalize: 'off', maxlength: String(api.LIMITS.personEmailMax) });
  const body = h('div', { class: 'card-body', 'aria-busy': 'true' });
  const card = h(
    'section',
    { class: 'card', id: 'settings-manager', 'aria-labelledby': titleId },
    h('div', { class: 'card-head' }, h('h2', { id: titleId }, icon('chat'), h('span', {}, t('settings.manager')))),
    h('p', { class: 'hint' }, t('settings.manager_help')),
    body,
  );

  function fill(settings: ManagerSettings): void {
    name.value = settings.name ?? '';
    email.value = settings.email ?? '';
    form.dirty = false;
  }

  const form = new InlineForm({
    id: 'manager',
    submitLabel: t('common.save'),
    async submit() {
      const saved = await api.setManagerSettings({ name: optionalText(name.value), email: optionalText(email.value) });
      return () => {
        fill(saved);
        ctx.announce(t('settings.saved'));
      };
    },
  });
  form.append(
    form.field('managerName', t('settings.manager_name'), name, { optional: true }),
    form.field('managerEmail', t('settings.manager_email'), email, { optional: true }),
  );

  showWhenLoaded(body, form, api.managerSettings(), fill);
  return card;
}
