/**
 * The Team view: the people the manager leads, active and archived, with add, edit,
 * archive and restore. Core sorts the list; this view only splits and renders it.
 */
import * as api from '../../api';
import type { Group, Person, PersonId } from '../../api';
import { button, h } from '../../dom';
import { formatDate, t, tNodes, tp } from '../../i18n';
import { control, row as rowOf } from '../../lib/focus';
import type { Ctx, Refresh } from '../../lib/frame';
import { personHref } from '../../lib/nav';
import { alertFailure, loader } from '../../lib/reload';
import { initials } from '../../lib/text';
import { openPersonDialog } from '../../parts/person-dialog';
import { groupsCard } from './groups';

/** A person's row button, to focus after the list is redrawn. */
function personFocus(id: PersonId, action: 'edit' | 'archive' | 'restore'): string {
  return control(action, rowOf('data-person-id', id));
}

export function renderTeam(container: HTMLElement, ctx: Ctx): Refresh {
  const addButton = button(t('team.add'), () => openAdd(), { icon: 'plus', variant: 'primary' });
  const lists = h('div', { class: 'stack' });

  container.append(
    h(
      'header',
      { class: 'page-head' },
      h(
        'div',
        {},
        h('h1', { tabindex: '-1' }, t('team.title')),
        h('p', { class: 'lead' }, t('team.intro')),
      ),
      addButton,
    ),
    lists,
  );

  function openAdd(): void {
    openPersonDialog({
      onSaved: (person) => {
        ctx.announce(t('person.added', { name: person.name }));
        void reload(personFocus(person.id, 'edit'));
      },
    });
  }

  function openEdit(person: Person): void {
    openPersonDialog({
      person,
      onSaved: (saved) => {
        ctx.announce(t('person.saved', { name: saved.name }));
        void reload(personFocus(saved.id, 'edit'));
      },
    });
  }

  async function change(person: Person, action: 'archive' | 'restore'): Promise<void> {
    try {
      const archiving = action === 'archive';
      const changed = archiving
        ? await api.archivePerson(person.id)
        : await api.restorePerson(person.id);
      ctx.announce(t(archiving ? 'person.archived' : 'person.restored', { name: changed.name }));
      // Focus follows the person to the other list, where the opposite action undoes a slip.
      await reload(personFocus(changed.id, archiving ? 'restore' : 'archive'));
    } catch (error) {
      ctx.alert(api.asApiError(error).message);
      // The list may be stale (someone else's change, a removed row): show what is true now.
      await reload();
    }
  }

  const page = loader({
    root: lists,
    fallback: () => container.querySelector('h1'),
    fetch: () => Promise.all([api.listPeople(), api.listGroups()]),
    draw: ([people, groups]) => lists.replaceChildren(...renderLists(people, groups)),
    failed: alertFailure(ctx),
  });
  const reload = page.reload;

  function renderLists(people: Person[], groups: Group[]): Node[] {
    const active = people.filter((p) => p.archivedAt === null);
    const archived = people.filter((p) => p.archivedAt !== null);

    const activeCard = card(
      t('team.active'),
      t('team.count_active', { count: active.length }),
      active.map(activeRow),
      active.length
        ? null
        : h(
            'div',
            { class: 'empty' },
            h('p', {}, t('team.empty_active')),
            button(t('team.add'), () => openAdd(), { icon: 'plus', variant: 'primary' }),
          ),
    );
    const archivedCard = card(
      t('team.archived'),
      t('team.count_archived', { count: archived.length }),
      archived.map(archivedRow),
      archived.length ? null : h('div', { class: 'empty' }, h('p', {}, t('team.empty_archived'))),
    );
    return [activeCard, groupsCard(groups, people, { ctx, reload }), archivedCard];
  }

  function activeRow(person: Person): HTMLElement {
    const nameId = `person-${String(person.id)}-name`;
    // The visible label stays exactly the catalogue word; the row's name describes it.
    const rowAttrs = { attrs: { 'aria-describedby': nameId } };
    const edit = button(t('person.edit'), () => openEdit(person), {
      icon: 'edit',
      variant: 'quiet',
      ...rowAttrs,
    });
    const archive = button(t('person.archive'), () => void change(person, 'archive'), {
      icon: 'archive',
      variant: 'quiet',
      ...rowAttrs,
    });
    edit.dataset.action = 'edit';
    archive.dataset.action = 'archive';
    return row(
      person,
      nameId,
      [
        person.role ? h('span', { class: 'person-role' }, person.role) : null,
        person.email ? h('span', { class: 'person-email' }, person.email) : null,
        h('span', { class: 'person-cadence' }, tp('cadence.every', person.cadenceDays)),
      ],
      [edit, archive],
    );
  }

  function archivedRow(person: Person): HTMLElement {
    const nameId = `person-${String(person.id)}-name`;
    const restore = button(t('person.restore'), () => void change(person, 'restore'), {
      icon: 'restore',
      variant: 'quiet',
      attrs: { 'aria-describedby': nameId },
    });
    restore.dataset.action = 'restore';
    const date = person.archivedAt ?? '';
    return row(
      person,
      nameId,
      [
        h(
          'span',
          { class: 'person-archived' },
          ...tNodes('person.archived_on', { date: h('time', { datetime: date }, formatDate(date)) }),
        ),
      ],
      [restore],
    );
  }

  void page.reload();
  return page.refresh;
}

function card(title: string, count: string, rows: HTMLElement[], empty: HTMLElement | null): HTMLElement {
  return h(
    'section',
    { class: 'card' },
    h('div', { class: 'card-head' }, h('h2', {}, title), h('span', { class: 'count' }, count)),
    // The list is there (and visible, with no height) even when empty: tests and screen readers
    // find it by its label and hear "0 items" rather than nothing.
    // role=list: WebKit drops list semantics from a list styled without bullets.
    h('ul', { class: 'people', role: 'list', 'aria-label': title }, ...rows),
    empty,
  );
}

function row(
  person: Person,
  nameId: string,
  meta: (HTMLElement | null)[],
  actions: HTMLElement[],
): HTMLElement {
  return h(
    'li',
    { class: person.archivedAt ? 'person is-archived' : 'person', 'data-person-id': String(person.id) },
    h('span', { class: 'avatar', 'aria-hidden': 'true' }, initials(person.name)),
    h(
      'div',
      { class: 'person-text' },
      h('a', { class: 'person-name person-link', id: nameId, href: personHref(person.id) }, person.name),
      h('span', { class: 'person-meta' }, ...meta),
    ),
    h('div', { class: 'row-actions' }, ...actions),
  );
}
