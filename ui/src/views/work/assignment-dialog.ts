/**
 * The assignment dialog: title, description, owners (a checkbox per active person), the
 * sounding board, and when editing the status; the last-discussed date in both. Rust judges
 * every value and names the field an error belongs to.
 */
import * as api from '../../api';
import type { AssignmentStatus, AssignmentView, Person } from '../../api';
import { h } from '../../dom';
import { t, type Key } from '../../i18n';
import { dateInput, FormDialog, optionalText, select, textInput } from '../../lib/form';

export const ASSIGNMENT_STATUSES: readonly AssignmentStatus[] = api.ASSIGNMENT_STATUSES;

export const STATUS_KEY: Record<AssignmentStatus, Key> = {
  active: 'assignment.status.active',
  paused: 'assignment.status.paused',
  done: 'assignment.status.done',
};

export interface AssignmentDialogOptions {
  assignment?: AssignmentView;
  people: Person[];
  onSaved(saved: AssignmentView, created: boolean): void;
}

/** Active people, and archived ones only where this assignment already names them. */
function offered(people: Person[], keep: readonly number[]): Person[] {
  return people.filter((p) => p.archivedAt === null || keep.includes(p.id));
}

export function openAssignmentDialog(options: AssignmentDialogOptions): void {
  const { assignment, people } = options;
  const editing = assignment !== undefined;

  const title = textInput(assignment?.title ?? '', { spellcheck: 'true' });
  const description = h('textarea', { rows: '3', spellcheck: 'true' });
  description.value = assignment?.description ?? '';

  const owners = offered(people, assignment?.ownerIds ?? []).map((person) => {
    const box = h('input', { type: 'checkbox', id: `assignment-owner-${person.id}`, value: String(person.id) });
    box.checked = assignment?.ownerIds.includes(person.id) ?? false;
    return { person, box };
  });

  const boardKeep = assignment?.soundingBoardId != null ? [assignment.soundingBoardId] : [];
  const board = select(
    [['', t('assignment.none')], ...offered(people, boardKeep).map((p): [string, string] => [String(p.id), p.name])],
    assignment?.soundingBoardId != null ? String(assignment.soundingBoardId) : '',
  );
  const status = select(
    ASSIGNMENT_STATUSES.map((s): [string, string] => [s, t(STATUS_KEY[s])]),
    assignment?.status ?? 'active',
  );
  const lastDiscussed = dateInput(assignment?.lastDiscussed ?? '');

  const dialog = new FormDialog({
    id: 'assignment',
    title: editing ? t('assignment.edit_title', { title: assignment.title }) : t('assignment.new'),
    submitLabel: t('common.save'),
    wide: true,
    async submit() {
      const draft = {
        title: title.value,
        description: optionalText(description.value),
        ownerIds: owners.filter(({ box }) => box.checked).map(({ person }) => person.id),
        soundingBoardId: board.value === '' ? null : Number(board.value),
        status: editing ? (status.value as AssignmentStatus) : null,
        lastDiscussed: optionalText(lastDiscussed.value.trim()),
      };
      const saved = editing
        ? await api.updateAssignment(assignment.id, draft)
        : await api.createAssignment(draft);
      return () => options.onSaved(saved, !editing);
    },
  });

  dialog.append(
    dialog.field('title', t('assignment.title'), title),
    dialog.field('description', t('assignment.description'), description, { optional: true }),
    dialog.fieldset(
      'ownerIds',
      t('assignment.owners'),
      [
        h(
          'div',
          { class: 'checks checks-people' },
          ...owners.map(({ person, box }) => h('div', { class: 'check' }, box, h('label', { for: box.id }, person.name))),
        ),
      ],
      { hint: t('assignment.owners_help') },
    ),
    dialog.field('soundingBoardId', t('assignment.sounding_board'), board, {
      hint: t('assignment.sounding_board_help'),
    }),
    editing ? dialog.field('status', t('assignment.status'), status) : null,
    dialog.field('lastDiscussed', t('assignment.last_discussed'), lastDiscussed, {
      optional: true,
      hint: t('assignment.last_discussed_help'),
    }),
  );
  dialog.open(title);
}
