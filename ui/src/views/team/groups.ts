/**
 * The Work groups card on the Team view: each group with its members, and new, rename,
 * delete and a members dialog (a checkbox per active person).
 */
import * as api from '../../api';
import type { Group, GroupId, Person } from '../../api';
import { button, h } from '../../dom';
import { formatList, t, tp } from '../../i18n';
import { control, row, type FocusTarget } from '../../lib/focus';
import { confirmDialog, FormDialog, textInput } from '../../lib/form';
import type { Ctx } from '../../lib/frame';
import type { RowQueue } from '../../lib/lists';

export interface GroupHooks {
  ctx: Ctx;
  reload(focus: FocusTarget): Promise<void>;
}

/** "New group", where focus goes when a group is gone. */
const ADD = control('add-group');

/** A group's row button after the card is redrawn. */
function groupFocus(id: GroupId, action: 'rename' | 'members'): FocusTarget {
  return [control(action, row('data-group-id', id)), ADD];
}

export function groupsCard(groups: Group[], people: Person[], hooks: GroupHooks, queue?: RowQueue): HTMLElement {
  const title = t('groups.title');
  const add = button(t('groups.add'), () => openGroupDialog(undefined, hooks), {
    icon: 'plus',
    variant: 'quiet',
    attrs: { 'data-action': 'add-group' },
  });
  const names = new Map(people.map((p) => [p.id, p.name]));
  const list = h('ul', { class: 'items', role: 'list', 'aria-label': title });
  const rows = groups.map((g) => () => groupRow(g, names, people, hooks));
  if (queue) queue.add(list, rows);
  else list.append(...rows.map((make) => make()));
  return h(
    'section',
    { class: 'card', id: 'work-groups' },
    h(
      'div',
      { class: 'card-head' },
      h('h2', {}, h('span', {}, title)),
      h('span', { class: 'count' }, tp('groups.count', groups.length)),
      add,
    ),
    list,
    groups.length ? null : h('div', { class: 'empty' }, h('p', {}, t('groups.empty'))),
  );
}

function groupRow(group: Group, nameOf: Map<number, string>, people: Person[], hooks: GroupHooks): HTMLElement {
  const nameId = `group-${group.id}-name`;
  const names = group.memberIds
    .map((id) => nameOf.get(id))
    .filter((name): name is string => name !== undefined);
  const attrs = (action: string) => ({ 'aria-describedby': nameId, 'data-action': action, class: 'btn btn-quiet btn-small' });
  return h(
    'li',
    { class: 'item group', 'data-group-id': String(group.id) },
    h(
      'div',
      { class: 'item-text' },
      h(
        'span',
        { class: 'item-head' },
        h('span', { class: 'item-title', id: nameId }, group.name),
        names.length ? h('span', { class: 'tag' }, tp('groups.member_count', names.length)) : null,
      ),
      h('span', { class: 'item-meta' }, h('span', {}, names.length ? formatList(names) : t('groups.no_members'))),
    ),
    h(
      'div',
      { class: 'row-actions' },
      button(t('groups.members'), () => openMembersDialog(group, people, hooks), {
        icon: 'group',
        variant: 'quiet',
        attrs: attrs('members'),
      }),
      button(t('groups.rename'), () => openGroupDialog(group, hooks), { icon: 'edit', variant: 'quiet', attrs: attrs('rename') }),
      button(t('common.delete'), () => confirmDelete(group, hooks), { icon: 'trash', variant: 'quiet', attrs: attrs('delete') }),
    ),
  );
}

function openGroupDialog(group: Group | undefined, hooks: GroupHooks): void {
  const name = textInput(group?.name ?? '', { spellcheck: 'true' });
  const dialog = new FormDialog({
    id: 'group',
    title: group ? t('groups.rename_title', { name: group.name }) : t('groups.new_title'),
    submitLabel: t('common.save'),
    async submit() {
      const saved = group
        ? await api.renameGroup(group.id, { name: name.value })
        : await api.createGroup({ name: name.value });
      return () => {
        hooks.ctx.announce(t(group ? 'groups.renamed' : 'groups.created', { name: saved.name }));
        void hooks.reload(groupFocus(saved.id, group ? 'rename' : 'members'));
      };
    },
  });
  dialog.append(dialog.field('name', t('groups.name'), name));
  dialog.open(name);
}

function openMembersDialog(group: Group, people: Person[], hooks: GroupHooks): void {
  // Archived members stay listed (and can be removed); archived others are not offered.
  const shown = people.filter((p) => p.archivedAt === null || group.memberIds.includes(p.id));
  const boxes = shown.map((person) => {
    const box = h('input', { type: 'checkbox', id: `members-${person.id}`, value: String(person.id) });
    box.checked = group.memberIds.includes(person.id);
    return { person, box };
  });
  let members = new Set(group.memberIds);
  const dialog = new FormDialog({
    id: 'members',
    title: t('groups.members_title', { name: group.name }),
    submitLabel: t('common.save'),
    async submit() {
      for (const { person, box } of boxes) {
        // What is stored now, so that a retry after a failure does not repeat what succeeded.
        const member = members.has(person.id);
        let changed: Group | null = null;
        if (box.checked && !member) changed = await api.addGroupMember(group.id, person.id);
        if (!box.checked && member) changed = await api.removeGroupMember(group.id, person.id);
        if (changed) members = new Set(changed.memberIds);
      }
      return () => {
        hooks.ctx.announce(t('groups.members_saved', { name: group.name }));
        void hooks.reload(groupFocus(group.id, 'members'));
      };
    },
  });
  dialog.append(
    boxes.length
      ? dialog.fieldset('personId', t('groups.members'), [
          h(
            'div',
            { class: 'checks checks-people' },
            ...boxes.map(({ person, box }) =>
              h('div', { class: 'check' }, box, h('label', { for: box.id }, person.name)),
            ),
          ),
        ])
      : h('p', { class: 'dialog-text' }, t('groups.no_people')),
  );
  dialog.open();
}

function confirmDelete(group: Group, hooks: GroupHooks): void {
  confirmDialog({
    id: 'group-delete',
    title: t('groups.delete_title', { name: group.name }),
    body: t('groups.delete_body'),
    confirmLabel: t('common.delete'),
    danger: true,
    async action() {
      await api.deleteGroup(group.id);
      return () => {
        hooks.ctx.announce(t('groups.deleted', { name: group.name }));
        void hooks.reload(ADD);
      };
    },
  });
}
