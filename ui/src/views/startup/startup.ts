/**
 * The full-window screens shown when the data could not be opened: what happened, and that
 * nothing was changed. When the file was damaged, Närvaro has moved it aside unchanged and
 * offers the newest good backup (or empty data); otherwise nothing is offered, so nothing
 * can touch the data.
 */
import * as api from '../../api';
import type { AppInfo, RecoveryOffer } from '../../api';
import { button, h, icon } from '../../dom';
import { formatMoment, t } from '../../i18n';

/** The whole window as one alert card: `title` and what follows it. */
function renderScreen(root: HTMLElement, title: string, ...body: (Node | null)[]): void {
  document.title = t('app.name');
  root.replaceChildren(
    h(
      'main',
      { class: 'startup' },
      h('section', { class: 'card startup-card', role: 'alert' }, icon('alert'), h('h1', {}, title), ...body),
    ),
  );
}

export function renderStartupError(root: HTMLElement, message: string): void {
  renderScreen(
    root,
    t('startup.title'),
    h('p', { class: 'startup-message' }, message),
    h('p', { class: 'hint' }, t('startup.help')),
  );
}

/**
 * The damaged-file screen: where the file went, the backup offered with its date, and the
 * way on. `recovered` gets the new AppInfo once the data opens.
 */
export function renderRecovery(
  root: HTMLElement,
  offer: RecoveryOffer,
  recovered: (info: AppInfo) => void,
): void {
  const error = h('p', { class: 'field-error', role: 'alert', hidden: true });
  const choose = (restore: boolean) => async (): Promise<void> => {
    for (const b of buttons) b.disabled = true;
    error.hidden = true;
    try {
      recovered(await api.recover(restore));
    } catch (err) {
      error.replaceChildren(err instanceof api.ApiError ? err.message : t('error.internal'));
      error.hidden = false;
      for (const b of buttons) b.disabled = false;
    }
  };
  const backup = offer.backup;
  const buttons = backup
    ? [
        button(t('startup.restore', { date: formatMoment(backup.takenAt) }), () => void choose(true)(), {
          icon: 'restore',
          variant: 'primary',
          attrs: { 'data-action': 'restore-offered' },
        }),
        button(t('startup.start_empty_instead'), () => void choose(false)(), {
          variant: 'quiet',
          attrs: { 'data-action': 'start-empty' },
        }),
      ]
    : [
        button(t('startup.start_empty'), () => void choose(false)(), {
          variant: 'primary',
          attrs: { 'data-action': 'start-empty' },
        }),
      ];
  renderScreen(
    root,
    t('startup.damaged_title'),
    h('p', { class: 'startup-message' }, t('startup.damaged', { folder: offer.setAside })),
    h('p', {}, backup ? t('startup.offer', { date: formatMoment(backup.takenAt) }) : t('startup.no_backup')),
    h('div', { class: 'actions' }, ...buttons),
    error,
  );
  buttons[0]?.focus();
}
