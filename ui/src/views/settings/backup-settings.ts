/**
 * Settings' Backups card: where the automatic backups are and which are kept, *Back up now*,
 * and restoring one — from the list or from a file chosen in the native dialog. Rust backs
 * up the current data before any restore; afterwards the whole UI is rebuilt on the
 * restored data.
 */
import * as api from '../../api';
import type { BackupFile, Backups } from '../../api';
import { button, h, icon } from '../../dom';
import { formatMoment, t } from '../../i18n';
import { confirmDialog } from '../../lib/form';
import type { Ctx } from '../../lib/frame';

const TITLE_ID = 'settings-backups-title';

/** "412 kB", "3.1 MB": a file's size as a person reads it. */
function size(bytes: number): string {
  const format = (n: number, digits: number): string =>
    new Intl.NumberFormat(document.documentElement.lang || 'en', { maximumFractionDigits: digits }).format(n);
  if (bytes < 1_000_000) return t('size.kb', { size: format(Math.max(1, Math.round(bytes / 1000)), 0) });
  return t('size.mb', { size: format(bytes / 1_000_000, 1) });
}

function fileName(file: BackupFile): string {
  return file.path.split(/[\\/]/).pop() ?? file.path;
}

export function backupsCard(ctx: Ctx): HTMLElement {
  const help = h('p', { class: 'hint' });
  const list = h('div', { class: 'card-body', 'aria-busy': 'true' });
  const error = h('p', { class: 'field-error', role: 'alert', hidden: true });
  const backUp = button(t('settings.back_up_now'), () => void run(() => api.backUpNow(), t('settings.backed_up')), {
    icon: 'download',
    attrs: { 'data-action': 'back-up-now' },
  });
  const fromFile = button(t('settings.restore_file'), () => askForFile(), {
    icon: 'restore',
    variant: 'quiet',
    attrs: { 'data-action': 'restore-from-file' },
  });
  const card = h(
    'section',
    { class: 'card', id: 'settings-backups', 'aria-labelledby': TITLE_ID },
    h('div', { class: 'card-head' }, h('h2', { id: TITLE_ID }, icon('archive'), h('span', {}, t('settings.backups')))),
    help,
    h('div', { class: 'actions' }, backUp, fromFile),
    error,
    list,
  );

  function draw(backups: Backups): void {
    help.replaceChildren(t('settings.backups_help', { dir: backups.dir }));
    list.removeAttribute('aria-busy');
    if (!backups.files.length) {
      list.replaceChildren(h('p', { class: 'empty' }, t('settings.backups_none')));
      return;
    }
    list.replaceChildren(
      h('h3', { class: 'section-title' }, h('span', {}, t('settings.backups_list'))),
      h(
        'ul',
        { class: 'items', role: 'list', 'aria-label': t('settings.backups_list') },
        ...backups.files.map((file) =>
          h(
            'li',
            { class: 'item', 'data-backup': fileName(file) },
            h(
              'span',
              { class: 'item-text' },
              h('span', { class: 'item-title' }, formatMoment(file.takenAt)),
              h(
                'span',
                { class: 'item-meta' },
                h('span', {}, size(file.bytes)),
                file.kind === 'beforeRestore' ? h('span', {}, t('settings.backup_before_restore')) : null,
              ),
            ),
            button(t('settings.backup_restore'), () => confirmRestore(file), {
              icon: 'restore',
              variant: 'quiet',
              attrs: { 'data-action': 'restore-backup', 'aria-label': `${t('settings.backup_restore')}: ${formatMoment(file.takenAt)}` },
            }),
          ),
        ),
      ),
    );
  }

  function showError(err: unknown): void {
    error.replaceChildren(err instanceof api.ApiError ? err.message : t('error.internal'));
    error.hidden = false;
  }

  async function run(action: () => Promise<Backups>, done: string): Promise<void> {
    error.hidden = true;
    backUp.disabled = true;
    try {
      draw(await action());
      ctx.announce(done);
    } catch (err) {
      showError(err);
    } finally {
      backUp.disabled = false;
    }
  }

  /** After a restore every view must show the restored data: rebuild the UI from scratch. */
  async function restored(message: string): Promise<void> {
    const info = await api.appInfo();
    await ctx.replaceInfo(info);
    ctx.announce(message);
  }

  function confirmRestore(file: BackupFile): void {
    confirmDialog({
      id: 'restore-backup',
      title: t('settings.restore_title'),
      body: t('settings.restore_body', { date: formatMoment(file.takenAt) }),
      confirmLabel: t('settings.restore_confirm'),
      danger: true,
      async action() {
        await api.restoreBackup(fileName(file));
        return () => void restored(t('settings.restored', { date: formatMoment(file.takenAt) }));
      },
    });
  }

  function askForFile(): void {
    confirmDialog({
      id: 'restore-file',
      title: t('settings.restore_title'),
      body: t('settings.restore_file_body'),
      confirmLabel: t('settings.restore_file_confirm'),
      danger: true,
      async action() {
        const done = await api.restoreFromFile();
        if (!done) return;
        return () => void restored(t('settings.restored_file'));
      },
    });
  }

  void api
    .listBackups()
    .then(draw)
    .catch((err: unknown) => {
      list.removeAttribute('aria-busy');
      showError(err);
    });
  return card;
}
