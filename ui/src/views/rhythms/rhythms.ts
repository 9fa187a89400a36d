/**
 * Rhythms: the recurring series by kind, each in words ("Every Wednesday at 13:00 · 60 min"),
 * with edit, export to a calendar file and delete; new rhythms through the editor.
 */
import * as api from '../../api';
import type { Group, Person, Rhythm, RhythmId, RhythmKind } from '../../api';
import { button, h, pageHead } from '../../dom';
import { t, tp, type Key } from '../../i18n';
import { localToday } from '../../lib/dates';
import { control, row as rowOf } from '../../lib/focus';
import { confirmDialog, FormDialog } from '../../lib/form';
import type { Ctx, Refresh } from '../../lib/frame';
import { alertFailure, loader } from '../../lib/reload';
import { KINDS, openRhythmDialog } from './rhythm-dialog';
import { endText, remindersText, scheduleText } from './rhythm-text';

const KIND_TITLE: Record<RhythmKind, Key> = {
  group_meeting: 'rhythms.kind.group_meeting',
  office_hours: 'rhythms.kind.office_hours',
  social_break: 'rhythms.kind.social_break',
  one_on_one: 'rhythms.kind.one_on_one',
};
const KIND_EMPTY: Record<RhythmKind, Key> = {
  group_meeting: 'rhythms.empty.group_meeting',
  office_hours: 'rhythms.empty.office_hours',
  social_break: 'rhythms.empty.social_break',
  one_on_one: 'rhythms.empty.one_on_one',
};
const KIND_ADD: Record<RhythmKind, Key> = {
  group_meeting: 'rhythms.add.group_meeting',
  office_hours: 'rhythms.add.office_hours',
  social_break: 'rhythms.add.social_break',
  one_on_one: 'rhythms.add.one_on_one',
};

export function renderRhythms(container: HTMLElement, ctx: Ctx): Refresh {
  const heading = h('h1', { tabindex: '-1' }, t('nav.rhythms'));
  const exportAll = button(t('rhythms.export_all'), () => chooseExportAll(), {
    icon: 'download',
    attrs: { 'data-action': 'export-all' },
  });
  const add = button(t('rhythms.new'), () => openEditor(undefined, undefined), { icon: 'plus', variant: 'primary' });
  const body = h('div', { class: 'stack' });
  container.append(
    pageHead(heading, t('rhythms.intro'), exportAll, add),
    body,
  );

  let groups: Group[] = [];
  let people: Person[] = [];
  let shown: Rhythm[] = [];

  const page = loader({
    root: body,
    fallback: () => heading,
    fetch: () => Promise.all([api.listRhythms(), api.listGroups(), api.listPeople()]),
    draw([rhythms, shownGroups, shownPeople]) {
      shown = rhythms;
      groups = shownGroups;
      people = shownPeople;
      body.replaceChildren(...KINDS.map((kind) => kindCard(kind, rhythms.filter((r) => r.kind === kind))));
    },
    failed: alertFailure(ctx),
  });

  function kindCard(kind: RhythmKind, rhythms: Rhythm[]): HTMLElement {
    const title = t(KIND_TITLE[kind]);
    return h(
      'section',
      { class: 'card', 'data-kind': kind },
      h(
        'div',
        { class: 'card-head' },
        h('h2', {}, h('span', {}, title)),
        rhythms.length ? h('span', { class: 'count' }, tp('rhythms.count', rhythms.length)) : null,
      ),
      h('ul', { class: 'items', role: 'list', 'aria-label': title }, ...rhythms.map(row)),
      rhythms.length
        ? null
        : h(
            'div',
            { class: 'empty empty-inline' },
            h('p', {}, t(KIND_EMPTY[kind])),
            button(t(KIND_ADD[kind]), () => openEditor(undefined, kind), { icon: 'plus', variant: 'quiet' }),
          ),
    );
  }

  function withName(rhythm: Rhythm): string {
    if (rhythm.groupId !== null) return groups.find((g) => g.id === rhythm.groupId)?.name ?? '';
    if (rhythm.personId !== null) return people.find((p) => p.id === rhythm.personId)?.name ?? '';
    return t('occ.everyone');
  }

  function row(rhythm: Rhythm): HTMLElement {
    const titleId = `rhythm-${rhythm.id}-title`;
    const attrs = { 'aria-describedby': titleId };
    const edit = button(t('common.edit'), () => openEditor(rhythm, undefined), {
      icon: 'edit',
      variant: 'quiet',
      attrs: { ...attrs, class: 'btn btn-quiet btn-small', 'data-action': 'edit' },
    });
    const exp = button(t('rhythms.export'), () => void exportIcs(rhythm.id, exp), {
      icon: 'download',
      variant: 'quiet',
      attrs: { ...attrs, class: 'btn btn-quiet btn-small', 'data-action': 'export' },
    });
    const del = button(t('common.delete'), () => confirmDelete(rhythm), {
      icon: 'trash',
      variant: 'quiet',
      attrs: { ...attrs, class: 'btn btn-quiet btn-small', 'data-action': 'delete' },
    });
    const when = [scheduleText(rhythm), t('sum.minutes', { count: rhythm.durationMinutes })];
    const details = [
      endText(rhythm.recurrence),
      rhythm.timezone !== ctx.info.timezone ? t('sum.zone', { zone: rhythm.timezone }) : null,
      remindersText(rhythm.leadMinutes),
    ];
    const name = withName(rhythm);
    return h(
      'li',
      { class: 'item rhythm', 'data-rhythm-id': String(rhythm.id) },
      h(
        'div',
        { class: 'item-text' },
        h('span', { class: 'item-title', id: titleId }, rhythm.title),
        h('span', { class: 'item-meta' }, ...when.filter(Boolean).map((text) => h('span', {}, text ?? ''))),
        h(
          'span',
          { class: 'item-meta' },
          name ? h('span', {}, name) : null,
          ...details.filter(Boolean).map((text) => h('span', {}, text ?? '')),
        ),
      ),
      h('div', { class: 'row-actions' }, edit, exp, del),
    );
  }

  function openEditor(rhythm: Rhythm | undefined, kind: RhythmKind | undefined): void {
    openRhythmDialog({
      rhythm,
      kind,
      groups,
      people,
      systemZone: ctx.info.timezone,
      today: localToday(),
      onSaved(saved, created) {
        ctx.announce(t(created ? 'rhythms.created' : 'rhythms.saved', { title: saved.title }));
        void page.reload(control('edit', rowOf('data-rhythm-id', saved.id)));
      },
    });
  }

  /**
   * "Export all" is the team's calendar, meant to be published: 1:1 series name the person,
   * so they are left out unless the manager ticks them in this dialog.
   */
  function chooseExportAll(): void {
    if (!shown.some((r) => r.kind === 'one_on_one')) {
      void exportIcs(null, exportAll, false);
      return;
    }
    const box = h('input', { type: 'checkbox', id: 'export-one-on-ones', name: 'withOneOnOnes' });
    const dialog = new FormDialog({
      id: 'export-all',
      title: t('rhythms.export_all_title'),
      submitLabel: t('rhythms.export_all_confirm'),
      async submit() {
        const withOneOnOnes = box.checked;
        return () => void exportIcs(null, exportAll, withOneOnOnes);
      },
    });
    dialog.append(
      h('p', { class: 'dialog-text' }, t('rhythms.export_all_body')),
      h(
        'div',
        { class: 'check' },
        box,
        h('label', { for: 'export-one-on-ones' }, t('rhythms.export_with_one_on_ones')),
      ),
    );
    dialog.open(box);
  }

  async function exportIcs(id: RhythmId | null, trigger: HTMLButtonElement, withOneOnOnes = false): Promise<void> {
    trigger.disabled = true;
    try {
      const path = await api.exportCalendar(id, withOneOnOnes);
      if (path !== null) ctx.announce(t('export.saved', { path }));
    } catch (error) {
      ctx.alert(api.asApiError(error).message);
    } finally {
      trigger.disabled = false;
      trigger.focus();
    }
  }

  function confirmDelete(rhythm: Rhythm): void {
    confirmDialog({
      id: 'rhythm-delete',
      title: t('rhythms.delete_title', { title: rhythm.title }),
      body: t('rhythms.delete_body'),
      confirmLabel: t('common.delete'),
      danger: true,
      async action() {
        await api.deleteRhythm(rhythm.id);
        return () => {
          ctx.announce(t('rhythms.deleted', { title: rhythm.title }));
          void page.reload(`${rowOf('data-kind', rhythm.kind)} button`);
        };
      },
    });
  }

  void page.reload();
  return page.refresh;
}
