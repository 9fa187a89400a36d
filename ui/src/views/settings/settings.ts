/**
 * The Settings view: the language (applied at once, without a reload), reminders (when,
 * on which days, what notifications say, pausing them, starting at login), where the data
 * lives, the version, and the keyboard shortcut for quitting.
 */
import * as api from '../../api';
import type { LanguageChoice } from '../../api';
import { h, icon, on } from '../../dom';
import { languageName, t, tNodes } from '../../i18n';
import type { Ctx, Refresh } from '../../lib/frame';
import { backupsCard } from './backup-settings';
import { ownPromptsCard } from './own-prompts';
import { remindersCard } from './reminder-settings';
import { retentionCard } from './retention-settings';
import { calendarCard } from './calendar-settings';
import { teamworkCard } from './teamwork-settings';
import { managerCard } from './manager-settings';

const SELECT_ID = 'settings-language';

export function renderSettings(container: HTMLElement, ctx: Ctx): Refresh {
  const { info } = ctx;
  const reminders = remindersCard(ctx);
  container.append(
    h('header', { class: 'page-head' }, h('div', {}, h('h1', { tabindex: '-1' }, t('settings.title')))),
    h(
      'div',
      { class: 'stack' },
      languageCard(ctx),
      managerCard(ctx),
      reminders.card,
      ownPromptsCard(ctx),
      calendarCard(ctx),
      teamworkCard(ctx),
      dataCard(info.dataDir, info.version),
      backupsCard(ctx),
      retentionCard(ctx),
      keyboardCard(info.quitShortcut),
    ),
  );
  return reminders.refresh;
}

function languageCard(ctx: Ctx): HTMLElement {
  const { info } = ctx;
  const helpId = `${SELECT_ID}-help`;
  const errorId = `${SELECT_ID}-error`;
  const options: [LanguageChoice, string][] = [
    ['system', t('settings.language_system', { lang: languageName(info.systemLanguage) })],
    ['sv', t('settings.language_sv')],
    ['en', t('settings.language_en')],
  ];
  const select = h(
    'select',
    { id: SELECT_ID, 'aria-describedby': helpId },
    ...options.map(([value, label]) =>
      h('option', { value, selected: value === info.languageChoice }, label),
    ),
  );
  // Each language's own name is in that language; say so, for screen readers' pronunciation.
  select.options[1]?.setAttribute('lang', 'sv');
  select.options[2]?.setAttribute('lang', 'en');
  const error = h('p', { class: 'field-error', id: errorId, hidden: true });

  on(select, 'change', () => {
    const code = select.value as LanguageChoice;
    select.disabled = true;
    api
      .setLanguage(code)
      .then((next) => ctx.replaceInfo(next))
      .then(() => {
        // The whole UI was rebuilt in the new language; put the user back where they were.
        document.getElementById(SELECT_ID)?.focus();
        ctx.announce(t('settings.saved'));
      })
      .catch((err: unknown) => {
        select.disabled = false;
        select.value = info.languageChoice;
        error.replaceChildren(err instanceof api.ApiError ? err.message : t('error.internal'));
        error.hidden = false;
        select.setAttribute('aria-invalid', 'true');
        select.setAttribute('aria-describedby', `${errorId} ${helpId}`);
        select.focus();
      });
  });

  // The label is the card's title: a heading saying the same word again would be noise.
  return h(
    'section',
    { class: 'card' },
    h(
      'div',
      { class: 'field' },
      h(
        'div',
        { class: 'card-head' },
        icon('language'),
        h('label', { for: SELECT_ID, class: 'card-label' }, t('settings.language')),
      ),
      select,
      error,
      h('p', { class: 'hint', id: helpId }, t('settings.language_help')),
    ),
  );
}

function dataCard(dataDir: string, version: string): HTMLElement {
  return h(
    'section',
    { class: 'card' },
    h('div', { class: 'card-head' }, h('h2', {}, icon('folder'), h('span', {}, t('settings.data_dir')))),
    h('p', { class: 'hint' }, t('settings.data_dir_help')),
    h('p', { class: 'path', translate: 'no' }, dataDir),
    h('p', { class: 'version' }, t('settings.version', { version })),
  );
}

function keyboardCard(shortcut: string): HTMLElement {
  return h(
    'section',
    { class: 'card' },
    h('div', { class: 'card-head' }, h('h2', {}, icon('keyboard'), h('span', {}, t('settings.shortcuts')))),
    h('p', {}, ...tNodes('settings.shortcut_quit', { keys: h('kbd', {}, shortcut) })),
  );
}
