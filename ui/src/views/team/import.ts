/**
 * Importing people from a CSV file: the native open dialog (run by Rust), then a preview of
 * every row with its line number and problems, and *Import N people*, disabled while any
 * row has a problem. Core reads and checks the file; this only renders what it returns.
 */
import * as api from '../../api';
import type { ImportPreviewed, ImportSummary } from '../../api';
import type { ImportIssue } from '../../bindings/ImportIssue';
import type { ImportRow } from '../../bindings/ImportRow';
import { h } from '../../dom';
import { t, tp, type Key } from '../../i18n';
import { FormDialog } from '../../lib/form';
import './import.css';

/** Asks for a file and shows its preview; `onImported` runs after a confirmed import. */
export async function startImport(onImported: (summary: ImportSummary) => void, onError: (message: string) => void): Promise<void> {
  let previewed: ImportPreviewed | null;
  try {
    previewed = await api.previewImport();
  } catch (error) {
    onError(api.asApiError(error).message);
    return;
  }
  if (previewed) openImportDialog(previewed, onImported);
}

function issueText(issue: ImportIssue): string {
  return t(issue.key as Key, issue.args);
}

const FIELD_LABEL: Record<string, Key> = {
  name: 'person.name',
  email: 'person.email',
  role: 'person.role',
  cadenceDays: 'import.col_cadence',
};

function openImportDialog(previewed: ImportPreviewed, onImported: (summary: ImportSummary) => void): void {
  const { preview, token, fileName } = previewed;
  const bad = preview.rows.filter((row) => row.errors.length > 0);
  const count = preview.rows.length;
  const dialog = new FormDialog({
    id: 'import',
    title: t('import.title', { file: fileName }),
    submitLabel: tp('import.confirm', count),
    wide: true,
    async submit() {
      const summary = await api.confirmImport(token);
      return () => onImported(summary);
    },
  });
  dialog.dialog.classList.add('dialog-import');
  const submit = dialog.form.querySelector<HTMLButtonElement>('button[type=submit]');
  if (submit && bad.length > 0) submit.disabled = true;
  const title = t('import.table_label');
  dialog.append(
    h(
      'p',
      { class: bad.length ? 'import-summary is-bad' : 'import-summary', role: 'status' },
      bad.length
        ? tp('import.summary_bad', bad.length, { lines: bad.slice(0, 5).map((r) => r.line).join(', ') })
        : tp('import.summary_ok', count),
    ),
    preview.ignoredColumns.length
      ? h('p', { class: 'hint' }, t('import.ignored_columns', { columns: preview.ignoredColumns.join(', ') }))
      : null,
    h(
      'div',
      { class: 'table-scroll import-scroll' },
      h(
        'table',
        { class: 'import-table', 'data-table': 'import', 'aria-label': title },
        h('caption', { class: 'visually-hidden' }, title),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ...(['import.col_line', 'person.name', 'person.email', 'person.role', 'import.col_cadence', 'import.col_problems'] as Key[]).map(
              (key) => h('th', { scope: 'col' }, t(key)),
            ),
          ),
        ),
        h('tbody', {}, ...preview.rows.map(rowOf)),
      ),
    ),
  );
  dialog.open(bad.length ? dialog.form.querySelector<HTMLElement>('button[type=button]') : submit);
}

function rowOf(row: ImportRow): HTMLElement {
  const d = row.draft;
  const problems = row.errors.map((issue) => {
    const label = FIELD_LABEL[issue.field];
    return h('li', {}, label ? `${t(label)}: ${issueText(issue)}` : issueText(issue));
  });
  return h(
    'tr',
    { class: row.errors.length ? 'is-bad' : '', 'data-line': String(row.line) },
    h('td', { class: 'num' }, String(row.line)),
    h('th', { scope: 'row', class: 'import-name' }, d.name),
    h('td', {}, d.email ?? ''),
    h('td', {}, d.role ?? ''),
    h('td', { class: 'num' }, d.cadenceDays === null || d.cadenceDays === undefined ? '' : String(d.cadenceDays)),
    h('td', { class: 'import-problems-cell' }, problems.length ? h('ul', { class: 'import-problems' }, ...problems) : t('import.row_ok')),
  );
}
