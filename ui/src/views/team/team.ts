/**
 * The Team view: the people the manager leads, active and archived, with add, edit,
 * archive and restore. Core sorts the list; this view only splits and renders it.
 */
import * as api from '../../api';
import type { Away, Group, Person, PersonId } from '../../api';
import { button, h, icon } from '../../dom';
import { formatCalendarDate, formatDate, t, tNodes, tp } from '../../i18n';
import { localToday } from '../../lib/dates';
import { control, row as rowOf } from '../../lib/focus';
import { confirmDialog } from '../../lib/form';
import type { Ctx, Refresh } from '../../lib/frame';
import { RowQueue } from '../../lib/lists';
import { personHref } from '../../lib/nav';
import { alertFailure, loader } from '../../lib/reload';
import { initials } from '../../lib/text';
import { openPersonDialog } from '../../parts/person-dialog';
import { groupsCard } from './groups';
import { startImport } from './import';

/** A person's row button, to focus after the list is redrawn. */
function personFocus(id: PersonId, action: 'edit' | 'archive' | 'restore'): string {
  return control(action, rowOf('data-person-id', id));
}

export function renderTeam(container: HTMLElement, ctx: Ctx): Refresh {
  const addButton = button(t('team.add'), () => openAdd(), { icon: 'plus', variant: 'primary' });
  const importButton = button(t('import.open'), () => void openImport(), { icon: 'folder' });
  importButton.dataset.action = 'import';
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
      h('div', { class: 'head-actions' }, importButton, addButton),
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

  async function openImport(): Promise<void> {
    await startImport(
      (summary) => {
        ctx.announce(tp('import.done', summary.added));
        const first = summary.ids[0];
        void reload(first === undefined ? undefined : personFocus(first, 'edit'));
      },
      (message) => ctx.alert(message),
    );
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
    fetch: () => Promise.all([api.listPeople(), api.listGroups(), api.sampleTeamLoaded(), api.currentAway()]),
    draw: ([people, groups, sample, away]) => {
      awayNow = away;
      lists.replaceChildren(...(sample ? [sampleBanner()] : []), ...renderLists(people, groups));
    },
    failed: alertFailure(ctx),
  });
  const reload = page.reload;

  /** While the sample team is loaded: say so, and remove it in one action. */
  function sampleBanner(): HTMLElement {
    const remove = button(t('team.sample_remove'), () => confirmRemoveSample(), {
      icon: 'trash',
      attrs: { class: 'btn btn-plain btn-small', 'data-action': 'remove-sample' },
    });
    return h(
      'div',
      { class: 'banner banner-sample', 'data-sample': '' },
      icon('team'),
      h('p', { class: 'banner-text' }, t('team.sample_loaded')),
      remove,
    );
  }

  function confirmRemoveSample(): void {
    confirmDialog({
      id: 'remove-sample',
      title: t('team.sample_remove_title'),
      body: t('team.sample_remove_body'),
      confirmLabel: t('team.sample_remove'),
      danger: true,
      async action() {
        const removed = await api.removeSampleTeam();
        return () => {
          ctx.announce(t('team.sample_removed', { people: removed.people, groups: removed.groups, rhythms: removed.rhythms }));
          void reload();
        };
      },
    });
  }

  /** Periods that have not ended, from the last load: "away until …" on the rows. */
  let awayNow: Away[] = [];

  function awayMeta(person: Person): HTMLElement | null {
    const today = localToday();
    const now = awayNow.find((a) => a.personId === person.id && a.from <= today && a.to >= today);
    return now ? h('span', { class: 'person-away', 'data-away': 'true' }, t('away.until', { date: formatCalendarDate(now.to) })) : null;
  }

  function renderLists(people: Person[], groups: Group[]): Node[] {
    const active = people.filter((p) => p.archivedAt === null);
    const archived = people.filter((p) => p.archivedAt !== null);
    // 500 people: the first rows at once, the rest once the list is on the screen.
    const queue = new RowQueue();

    const activeCard = card(
      t('team.active'),
      t('team.count_active', { count: active.length }),
      queue,
      active.map((p) => () => activeRow(p)),
      active.length
        ? null
        : h(
            'div',
            { class: 'empty' },
            h('p', {}, t('team.empty_active')),
            button(t('team.add'), () => openAdd(), { icon: 'plus', variant: 'primary' }),
          ),
    );
    // In page order: the queue puts rows in the order their lists are added.
    const groupCard = groupsCard(groups, people, { ctx, reload }, queue);
    const archivedCard = card(
      t('team.archived'),
      t('team.count_archived', { count: archived.length }),
      queue,
      archived.map((p) => () => archivedRow(p)),
      archived.length ? null : h('div', { class: 'empty' }, h('p', {}, t('team.empty_archived'))),
    );
    return [activeCard, groupCard, archivedCard];
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
        awayMeta(person),
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

function card(title: string, count: string, queue: RowQueue, rows: (() => HTMLElement)[], empty: HTMLElement | null): HTMLElement {
  const list = h('ul', { class: 'people', role: 'list', 'aria-label': title });
  queue.add(list, rows);
  return h(
    'section',
    { class: 'card' },
    h('div', { class: 'card-head' }, h('h2', {}, title), h('span', { class: 'count' }, count)),
    // The list is there (and visible, with no height) even when empty: tests and screen readers
    // find it by its label and hear "0 items" rather than nothing.
    // role=list: WebKit drops list semantics from a list styled without bullets.
    list,
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
