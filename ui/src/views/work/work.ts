/**
 * The Work view (Uppdrag): who does what at a glance, the assignments with their flags
 * ("alone with it", "not discussed for N days") and what to do about them — suggest and
 * accept a sounding board, mark it discussed, change its status — and the fika pairing card.
 */
import './work.css';
import * as api from '../../api';
import type {
  AssignmentId,
  AssignmentStatus,
  AssignmentView,
  DivisionOfWork,
  Group,
  Person,
  PersonWork,
  Round,
  Suggestion,
  TeamworkSettings,
  WorkItem,
} from '../../api';
import { button, h, icon, pageHead } from '../../dom';
import { formatCalendarDate, formatList, t, tp } from '../../i18n';
import { focusFirst, type FocusTarget } from '../../lib/focus';
import { confirmDialog } from '../../lib/form';
import type { Ctx, Refresh } from '../../lib/frame';
import { RowQueue, rowSelect } from '../../lib/lists';
import { alertFailure, loader } from '../../lib/reload';
import { tag, type TagTone } from '../../lib/tags';
import { prose } from '../../lib/text';
import { ASSIGNMENT_STATUSES, openAssignmentDialog, STATUS_KEY } from './assignment-dialog';
import { fikaPairing } from './fika';

interface Data {
  assignments: AssignmentView[];
  division: DivisionOfWork;
  people: Person[];
  groups: Group[];
  rounds: Round[];
  settings: TeamworkSettings;
}

const STATUS_TONE: Record<AssignmentStatus, TagTone> = { active: 'accent', paused: 'warn', done: 'muted' };

function assignmentSelector(id: AssignmentId, action?: string): string {
  const row = `[data-assignment-id="${CSS.escape(String(id))}"]`;
  return action ? `${row} [data-action="${action}"]` : row;
}

export function renderWork(container: HTMLElement, ctx: Ctx): Refresh {
  const heading = h('h1', { tabindex: '-1' }, t('nav.work'));
  const add = button(t('assignment.new'), () => openEditor(undefined), {
    icon: 'plus',
    variant: 'primary',
    attrs: { 'data-action': 'new-assignment' },
  });
  const body = h('div', { class: 'stack' });
  container.append(
    pageHead(heading, t('work.intro'), add),
    body,
  );

  let data: Data | null = null;
  /** Suggestions being shown, by assignment; they stay until accepted or closed. */
  const suggestions = new Map<AssignmentId, Suggestion[]>();
  const fika = fikaPairing({ ctx, reload: (focus) => reload(focus) });
  const page = loader<Data>({
    root: body,
    focusRoot: container,
    fallback: () => heading,
    async fetch() {
      const [assignments, division, people, groups, rounds, settings] = await Promise.all([
        api.listAssignments(),
        api.divisionOfWork(),
        api.listPeople(),
        api.listGroups(),
        api.listRounds(),
        api.teamworkSettings(),
      ]);
      return { assignments, division, people, groups, rounds, settings };
    },
    draw(next) {
      data = next;
      draw();
    },
    failed: alertFailure(ctx),
  });
  const reload = (focus: FocusTarget) => page.reload(focus);

  /** The latest draw's long lists: the first rows at once, the rest once Work is shown. */
  let queue = new RowQueue();

  function draw(): void {
    if (!data) return;
    queue = new RowQueue();
    const active = data.people.filter((p) => p.archivedAt === null);
    add.disabled = active.length === 0;
    body.replaceChildren(
      ...(data.division.activeCount > 0 ? [divisionCard(data.division)] : []),
      assignmentsCard(data),
      fika.card({ rounds: data.rounds, people: data.people, groups: data.groups, historyRounds: data.settings.historyRounds }, queue),
    );
  }

  /** Draws again from what was fetched last (suggestions opened or closed), then focuses. */
  function redraw(focus: string): void {
    draw();
    focusFirst(container, focus, () => heading);
  }

  // ---------- Who does what ----------

  function divisionCard(division: DivisionOfWork): HTMLElement {
    const title = t('work.division');
    // Those with nothing share one line at the end, so the split shows at a glance; an
    // archived person who still holds work always gets a row of their own.
    const isFree = (p: PersonWork) => p.active && p.ownerCount === 0 && p.boardCount === 0;
    const busy = division.people.filter((p) => !isFree(p));
    const free = division.people.filter(isFree);
    const list = h('ul', { class: 'items tw-division', role: 'list', 'aria-label': title });
    queue.add(list, [
      ...busy.map((p) => () => personRow(p)),
      () =>
        free.length
          ? h(
              'li',
              { class: 'item tw-free', 'data-free': free.map((p) => p.personId).join(',') },
              h('span', { class: 'tw-free-label' }, t('work.nothing')),
              h('span', { class: 'tw-free-names' }, formatList(free.map((p) => p.name))),
            )
          : null,
    ]);
    return h(
      'section',
      { class: 'card', id: 'division', 'aria-labelledby': 'division-title' },
      h(
        'div',
        { class: 'card-head' },
        h('h2', { id: 'division-title' }, icon('team'), h('span', {}, title)),
        h(
          'span',
          { class: 'tw-counts' },
          h('span', { class: 'count' }, tp('assignment.load', division.activeCount)),
          division.aloneCount ? tag(tp('work.alone_count', division.aloneCount), 'warn') : null,
          division.staleCount ? tag(tp('work.stale_count', division.staleCount), 'warn', {}, 'clock') : null,
        ),
      ),
      h('p', { class: 'hint' }, t('work.division_help')),
      list,
    );
  }

  function personRow(work: PersonWork): HTMLElement {
    const nothing = work.ownerCount === 0 && work.boardCount === 0;
    return h(
      'li',
      {
        class: 'item tw-person',
        'data-person-id': String(work.personId),
        'data-owns': String(work.ownerCount),
        'data-boards': String(work.boardCount),
      },
      h(
        'div',
        { class: 'tw-person-name' },
        h('span', { class: 'item-title' }, work.name),
        h(
          'span',
          { class: 'item-meta' },
          nothing ? h('span', {}, t('work.nothing')) : null,
          work.ownerCount ? h('span', {}, tp('work.owner_count', work.ownerCount)) : null,
          work.boardCount ? h('span', {}, tp('work.board_count', work.boardCount)) : null,
        ),
        work.active ? null : tag(t('work.archived'), 'warn'),
      ),
      nothing
        ? null
        : h(
            'div',
            { class: 'tw-person-work' },
            work.owns.length ? chipLine(t('work.owns'), work.owns) : null,
            work.soundingBoardFor.length ? chipLine(t('work.board_for'), work.soundingBoardFor) : null,
          ),
    );
  }

  function chipLine(label: string, items: WorkItem[]): HTMLElement {
    return h(
      'div',
      { class: 'tw-chip-line' },
      h('span', { class: 'tw-chip-label' }, label),
      h(
        'span',
        { class: 'tw-chips' },
        ...items.map((item) => {
          const flags = [item.alone ? t('assignment.flag.alone') : null, item.stale ? t('assignment.flag.stale_short') : null];
          const flagged = item.alone || item.stale;
          return h(
            'span',
            {
              class: `tw-chip${flagged ? ' tw-chip-flagged' : ''}`,
              'data-assignment': String(item.assignmentId),
            },
            flagged ? icon('alert') : null,
            h('span', {}, item.title),
            flagged
              ? h('span', { class: 'tw-vh' }, ` (${flags.filter((f): f is string => f !== null).join(', ')})`)
              : null,
          );
        }),
      ),
    );
  }

  // ---------- Assignments ----------

  function assignmentsCard(d: Data): HTMLElement {
    const title = t('work.assignments');
    const active = d.people.filter((p) => p.archivedAt === null);
    let empty: HTMLElement | null = null;
    if (d.assignments.length === 0) {
      empty = active.length
        ? h(
            'div',
            { class: 'empty' },
            h('p', {}, t('work.empty')),
            button(t('assignment.new'), () => openEditor(undefined), { icon: 'plus', variant: 'quiet' }),
          )
        : h(
            'div',
            { class: 'empty' },
            h('p', {}, t('work.no_people')),
            h('a', { class: 'btn btn-plain', href: '#/team' }, h('span', {}, t('team.add'))),
          );
    }
    const assignmentList = h('ul', { class: 'items tw-assignments', role: 'list', 'aria-label': title });
    queue.add(assignmentList, d.assignments.map((a) => () => assignmentRow(a, d)));
    return h(
      'section',
      { class: 'card', id: 'assignments', 'aria-labelledby': 'assignments-title' },
      h(
        'div',
        { class: 'card-head' },
        h('h2', { id: 'assignments-title' }, icon('folder'), h('span', {}, title)),
        d.assignments.length ? h('span', { class: 'count' }, String(d.assignments.length)) : null,
      ),
      assignmentList,
      empty,
    );
  }

  function nameOf(id: number, people: Person[]): string {
    return people.find((p) => p.id === id)?.name ?? '';
  }

  function assignmentRow(a: AssignmentView, d: Data): HTMLElement {
    const titleId = `assignment-${a.id}-title`;
    const aloneHelpId = `assignment-${a.id}-alone-help`;
    const flags = [a.alone ? 'alone' : null, a.stale ? 'stale' : null].filter((f): f is string => f !== null);
    const owners = a.ownerIds.map((id) => nameOf(id, d.people)).filter(Boolean);
    const quiet = (action: string) => ({ 'aria-describedby': titleId, 'data-action': action, class: 'btn btn-quiet btn-small' });
    const open = suggestions.get(a.id);

    const actions: (HTMLElement | null)[] = [
      flags.length && !open
        ? button(t('assignment.suggest'), () => void suggest(a), {
            icon: 'group',
            attrs: { 'aria-describedby': titleId, 'data-action': 'suggest', class: 'btn btn-plain btn-small' },
          })
        : null,
      a.status === 'active'
        ? button(t('assignment.discussed_today'), () => void discussed(a), { icon: 'check', variant: 'quiet', attrs: quiet('discussed') })
        : null,
      rowSelect(
        `assignment-${a.id}-status`,
        t('assignment.status'),
        ASSIGNMENT_STATUSES.map((s): [string, string] => [s, t(STATUS_KEY[s])]),
        a.status,
        titleId,
        (value, control) => void changeStatus(a, value as AssignmentStatus, control),
      ),
      button(t('common.edit'), () => openEditor(a), { icon: 'edit', variant: 'quiet', attrs: quiet('edit') }),
      button(t('common.delete'), () => confirmDelete(a), { icon: 'trash', variant: 'quiet', attrs: quiet('delete') }),
    ];

    return h(
      'li',
      {
        class: `item tw-assignment tw-status-${a.status}`,
        'data-assignment-id': String(a.id),
        'data-flags': flags.join(' '),
        'data-status': a.status,
      },
      h(
        'div',
        { class: 'item-text' },
        h(
          'span',
          { class: 'item-head' },
          h('span', { class: 'item-title', id: titleId }, a.title),
          tag(t(STATUS_KEY[a.status]), STATUS_TONE[a.status]),
          a.alone ? tag(t('assignment.flag.alone'), 'warn', { 'aria-describedby': aloneHelpId, 'data-flag': 'alone' }) : null,
          a.stale
            ? tag(t('assignment.flag.stale', { days: a.daysSinceDiscussed }), 'warn', { 'data-flag': 'stale' }, 'clock')
            : null,
        ),
        a.description ? prose(a.description, { class: 'tw-prose item-desc' }) : null,
        h(
          'span',
          { class: 'item-meta' },
          owners.length ? h('span', {}, tp('assignment.owned_by', owners.length, { names: formatList(owners) })) : null,
          a.soundingBoardId !== null
            ? h('span', {}, t('assignment.board', { name: nameOf(a.soundingBoardId, d.people) }))
            : null,
          h(
            'span',
            {},
            a.lastDiscussed
              ? t('assignment.discussed_on', { date: formatCalendarDate(a.lastDiscussed) })
              : t('assignment.never_discussed'),
          ),
        ),
        a.alone ? h('p', { class: 'hint', id: aloneHelpId }, t('assignment.flag.alone_help')) : null,
        open ? suggestionPanel(a, open) : null,
      ),
      h('div', { class: 'actions tw-row-actions' }, ...actions),
    );
  }

  function suggestionPanel(a: AssignmentView, list: Suggestion[]): HTMLElement {
    const label = t('assignment.suggestions');
    const close = button(
      t('common.close'),
      () => {
        suggestions.delete(a.id);
        redraw(assignmentSelector(a.id, 'suggest'));
      },
      { variant: 'quiet', attrs: { class: 'btn btn-quiet btn-small', 'data-action': 'close-suggestions' } },
    );
    return h(
      'div',
      { class: 'tw-suggestions', role: 'group', 'aria-label': label },
      h('h3', { class: 'section-title' }, icon('group'), h('span', {}, label)),
      list.length
        ? h(
            'ul',
            { class: 'items items-compact', role: 'list', 'aria-label': `${label}: ${a.title}` },
            ...list.map((s) => {
              const nameId = `suggestion-${a.id}-${s.personId}`;
              return h(
                'li',
                { class: 'item tw-suggestion', 'data-suggestion': String(s.personId) },
                h(
                  'div',
                  { class: 'item-text' },
                  h('span', { class: 'item-title', id: nameId }, s.name),
                  h(
                    'span',
                    { class: 'item-meta' },
                    h('span', {}, tp('assignment.load', s.activeAssignments)),
                    h('span', {}, t(s.recentWithOwners > 0 ? 'assignment.suggestion.recent' : 'assignment.suggestion.fresh')),
                  ),
                ),
                button(t('assignment.accept'), () => void accept(a, s), {
                  icon: 'check',
                  attrs: { 'aria-describedby': nameId, 'data-action': 'accept', class: 'btn btn-plain btn-small' },
                }),
              );
            }),
          )
        : h('p', { class: 'empty-line' }, t('assignment.suggestions_none')),
      h('div', { class: 'actions' }, close),
    );
  }

  // ---------- Actions ----------

  async function suggest(a: AssignmentView): Promise<void> {
    let list: Suggestion[];
    try {
      list = await api.suggestSoundingBoard(a.id);
    } catch (error) {
      ctx.alert(api.asApiError(error).message);
      await reload(assignmentSelector(a.id));
      return;
    }
    suggestions.set(a.id, list);
    const row = assignmentSelector(a.id);
    redraw(list.length ? `${row} [data-action="accept"]` : `${row} [data-action="close-suggestions"]`);
  }

  async function accept(a: AssignmentView, s: Suggestion): Promise<void> {
    try {
      const saved = await api.acceptSuggestion(a.id, s.personId);
      suggestions.delete(a.id);
      ctx.announce(t('assignment.accepted', { name: s.name, title: saved.title }));
    } catch (error) {
      ctx.alert(api.asApiError(error).message);
    }
    await reload(assignmentSelector(a.id, 'edit'));
  }

  async function discussed(a: AssignmentView): Promise<void> {
    try {
      const saved = await api.markAssignmentDiscussed(a.id);
      ctx.announce(t('assignment.discussed', { title: saved.title }));
    } catch (error) {
      ctx.alert(api.asApiError(error).message);
    }
    await reload(assignmentSelector(a.id, 'discussed'));
  }

  async function changeStatus(a: AssignmentView, status: AssignmentStatus, control: HTMLSelectElement): Promise<void> {
    control.disabled = true;
    try {
      const saved = await api.setAssignmentStatus(a.id, status);
      ctx.announce(t('assignment.status_saved', { title: saved.title, status: t(STATUS_KEY[saved.status]) }));
    } catch (error) {
      ctx.alert(api.asApiError(error).message);
    }
    await reload(assignmentSelector(a.id, 'status'));
  }

  function openEditor(a: AssignmentView | undefined): void {
    openAssignmentDialog({
      assignment: a,
      people: data?.people ?? [],
      onSaved(saved, created) {
        ctx.announce(t(created ? 'assignment.created' : 'assignment.saved', { title: saved.title }));
        void reload(assignmentSelector(saved.id, 'edit'));
      },
    });
  }

  function confirmDelete(a: AssignmentView): void {
    confirmDialog({
      id: 'assignment-delete',
      title: t('assignment.delete_title', { title: a.title }),
      body: t('assignment.delete_body'),
      confirmLabel: t('common.delete'),
      danger: true,
      async action() {
        await api.deleteAssignment(a.id);
        return () => {
          suggestions.delete(a.id);
          ctx.announce(t('assignment.deleted', { title: a.title }));
          void reload('[data-action="new-assignment"]');
        };
      },
    });
  }

  void page.reload();
  return page.refresh;
}
