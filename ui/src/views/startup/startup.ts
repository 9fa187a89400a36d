/**
 * The full-window screen shown when the data could not be opened: what happened, and that
 * nothing was changed. Nothing else is offered, so nothing can touch the data.
 */
import { h, icon } from '../../dom';
import { t } from '../../i18n';

export function renderStartupError(root: HTMLElement, message: string): void {
  document.title = t('app.name');
  root.replaceChildren(
    h(
      'main',
      { class: 'startup' },
      h(
        'section',
        { class: 'card startup-card', role: 'alert' },
        icon('alert'),
        h('h1', {}, t('startup.title')),
        h('p', { class: 'startup-message' }, message),
        h('p', { class: 'hint' }, t('startup.help')),
      ),
    ),
  );
}
