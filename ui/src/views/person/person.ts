/**
 * A person's page (#/person/<id>): who they are and how often you talk, "Start check-in",
 * the pulse over time, the follow-ups (open first), every held check-in with its pulse,
 * questions, private note and what was agreed, and the meetings they took part in lately.
 * Entries can be edited and deleted (with confirmation). Rows carry data-checkin-id,
 * data-followup-id and data-occurrence-id.
 */
import './person.css';
import * as api from '../../api';
import type { FollowUp, Person, Timeline, TimelineCheckIn, TimelineOccurrence } from '../../api';
import { button, h, icon } from '../../dom';
import { formatCalendarDate, formatDate, formatMoment, t, tp } from '../../i18n';
import { localToday, sinceText } from '../../lib/dates';
import { control, row } from '../../lib/focus';
import { confirmDialog, dateInput, FormDialog, numberInput, optionalText, readRequiredNumber, select } from '../../lib/form';
import type { Ctx, Refresh } from '../../lib/frame';
import { CHANNEL_LABEL, CHANNELS } from '../../lib/labels';
import { startCheckinButton } from '../../lib/nav';
import { bookButton } from '../../parts/booking';
import { alertFailure, loader } from '../../lib/reload';
import { initials } from '../../lib/text';
import { followupMeta, openFollowupDialog } from '../../parts/followups';
import { fromPulse, pulseChips, pulseFields, toPulseDraft } from '../../parts/pulse';
import { openPersonDialog } from '../../parts/person-dialog';
import { pulseChart } from './person-chart';
import { awayCard } from './person-away';
import { privacyCard } from './person-privacy';

/** A follow-up's control after a redraw. */
function followupFocus(id: number, action: 'done' | 'edit'): string {
  return control(action, row('data-followup-id', id));
}

export function renderPerson(container: HTMLElement, ctx: Ctx, personId: Person['id']): Refresh {
  const heading = h('h1', { tabindex: '-1' }, t('person.page_title'));
  const lead = h('p', { class: 'lead lead-meta' });
  const actions = h('div', { class: 'head-actions' });
  const body = h('div', { class: 'stack person-page' });
  container.append(
    h(
      'header',
      { class: 'page-head' },
      h('div', { class: 'person-head' }, h('span', { class: 'avatar avatar-large', 'aria-hidden': 'true' }), h('div', {}, heading, lead)),
      actions,
    ),
    body,
  );
  const avatar = container.querySelector<HTMLElement>('.avatar-large');
  const page = loader({
    root: body,
    focusRoot: container,
    fallback: () => heading,
    fetch: () => api.personTimeline(personId),
    draw: drawPage,
    failed(message, quiet) {
      alertFailure(ctx)(message, quiet);
      if (quiet) return;
      body.replaceChildren(
        h('section', { class: 'card' }, h('p', {}, message), h('a', { class: 'btn btn-plain', href: '#/team' }, h('span', {}, t('nav.team')))),
      );
    },
  });
  const reload = page.reload;

  function drawPage(timeline: Timeline): void {
    const { person } = timeline;
    const today = localToday();
    heading.textContent = person.name;
    document.title = `${person.name} – ${t('app.name')}`;
    if (avatar) avatar.textContent = initials(person.name);
    const lastHeld = timeline.checkins[0]?.checkin.heldOn ?? null;
    lead.replaceChildren(
      ...[
        person.role,
        tp('cadence.every', person.cadenceDays),
        sinceText(lastHeld, person.createdAt, today, person.lastTalkedOn),
        person.archivedAt ? t('person.archived_on', { date: formatDate(person.archivedAt) }) : null,
      ]
        .filter((s): s is string => !!s)
        .map((s) => h('span', {}, s)),
    );
    const edit = button(t('person.edit'), () => openPersonDialog({
      person,
      onSaved: (saved) => {
        ctx.announce(t('person.saved', { name: saved.name }));
        void reload(control('edit-person'));
      },
    }), { icon: 'edit', attrs: { 'data-action': 'edit-person' } });
    // Booking sends an invitation: only for someone still on the team.
    const book = person.archivedAt ? null : bookButton(person.id, person.name, { ctx, reload });
    actions.replaceChildren(...[startCheckinButton(person.id, { primary: true }), book, edit].filter((b): b is HTMLButtonElement => b !== null));

    body.replaceChildren(
      chartCard(timeline),
      followupsCard(timeline, today),
      awayCard(person, ctx),
      checkinsCard(timeline),
      occurrencesCard(timeline.occurrences, person.name),
      privacyCard(person, ctx),
    );
  }

  function chartCard(timeline: Timeline): HTMLElement {
    const title = t('person.pulse_chart');
    return h(
      'section',
      { class: 'card', 'aria-labelledby': 'person-chart-title' },
      h('div', { class: 'card-head' }, h('h2', { id: 'person-chart-title' }, title)),
      timeline.pulses.length ? pulseChart(timeline.pulses, timeline.pulsesBefore) : h('p', { class: 'empty-line' }, t('person.pulse_empty')),
    );
  }

  function followupsCard(timeline: Timeline, today: string): HTMLElement {
    const { person } = timeline;
    const title = t('person.followups');
    const add = button(t('followup.add'), () => openFollowupDialog({
      person,
      onSaved: (saved) => {
        ctx.announce(t('followup.added'));
        void reload(followupFocus(saved.id, 'edit'));
      },
    }), { icon: 'plus', attrs: { class: 'btn btn-plain btn-small', 'data-action': 'add-followup' } });
    const rows = timeline.followups.map((f) => followupRow(f, person, today));
    return h(
      'section',
      { class: 'card', 'aria-labelledby': 'person-followups-title' },
      h('div', { class: 'card-head' }, h('h2', { id: 'person-followups-title' }, title), h('span', { class: 'card-head-end' }, add)),
      h('ul', { class: 'items', role: 'list', 'aria-label': title }, ...rows),
      rows.length ? null : h('p', { class: 'empty-line' }, t('person.followups_empty')),
    );
  }

  function followupRow(f: FollowUp, person: Person, today: string): HTMLLIElement {
    const id = `person-followup-${f.id}`;
    const textId = `${id}-text`;
    const box = h('input', { type: 'checkbox', id: `${id}-done`, 'aria-describedby': textId, 'data-action': 'done' });
    box.checked = f.doneOn !== null;
    box.addEventListener('change', () => {
      box.disabled = true;
      api.setFollowupDone(f.id, box.checked).then(
        () => {
          ctx.announce(t(box.checked ? 'followup.marked_done' : 'followup.reopened', { text: f.text }));
          void reload(followupFocus(f.id, 'done'));
        },
        (error: unknown) => {
          ctx.alert(api.asApiError(error).message);
          void reload(followupFocus(f.id, 'done'));
        },
      );
    });
    const edit = button(t('common.edit'), () => openFollowupDialog({
      person,
      followup: f,
      onSaved: () => {
        ctx.announce(t('followup.saved'));
        void reload(followupFocus(f.id, 'edit'));
      },
    }), { icon: 'edit', variant: 'quiet', attrs: { class: 'btn btn-quiet btn-small', 'aria-describedby': textId, 'data-action': 'edit' } });
    const del = button(t('common.delete'), () => confirmDialog({
      id: 'followup-delete',
      title: t('followup.delete_title'),
      body: f.text,
      confirmLabel: t('common.delete'),
      danger: true,
      async action() {
        await api.deleteFollowup(f.id);
        return () => {
          ctx.announce(t('followup.deleted'));
          void reload(control('add-followup'));
        };
      },
    }), { icon: 'trash', variant: 'quiet', attrs: { class: 'btn btn-quiet btn-small', 'aria-describedby': textId, 'data-action': 'delete' } });
    return h(
      'li',
      { class: f.doneOn ? 'item followup is-done' : 'item followup', 'data-followup-id': String(f.id), 'data-done': f.doneOn ? 'true' : 'false' },
      h('div', { class: 'check' }, box, h('label', { for: box.id }, t('followup.done'))),
      h(
        'div',
        { class: 'item-text' },
        h('span', { class: 'item-title followup-text', id: textId }, f.text),
        h('span', { class: 'item-meta' }, ...followupMeta(f, person.name, today)),
      ),
      h('div', { class: 'row-actions' }, edit, del),
    );
  }

  function checkinsCard(timeline: Timeline): HTMLElement {
    const title = t('person.timeline');
    const rows = timeline.checkins.map((entry) => checkinEntry(entry, timeline.person));
    return h(
      'section',
      { class: 'card', 'aria-labelledby': 'person-checkins-title' },
      h(
        'div',
        { class: 'card-head' },
        h('h2', { id: 'person-checkins-title' }, title),
        rows.length ? h('span', { class: 'count' }, String(rows.length)) : null,
      ),
      h('ol', { class: 'timeline', role: 'list', 'aria-label': title }, ...rows),
      rows.length ? null : h('p', { class: 'empty-line' }, t('person.timeline_empty')),
    );
  }

  function checkinEntry(entry: TimelineCheckIn, person: Person): HTMLLIElement {
    const ci = entry.checkin;
    const dateId = `checkin-${ci.id}-date`;
    const date = formatCalendarDate(ci.heldOn);
    const edit = button(t('common.edit'), () => openEditCheckin(entry), {
      icon: 'edit',
      variant: 'quiet',
      attrs: { class: 'btn btn-quiet btn-small', 'aria-describedby': dateId, 'data-action': 'edit' },
    });
    const del = button(t('common.delete'), () => confirmDialog({
      id: 'checkin-delete',
      title: t('checkin.delete_title', { date }),
      body: t('checkin.delete_body'),
      confirmLabel: t('common.delete'),
      danger: true,
      async action() {
        await api.deleteCheckin(ci.id);
        return () => {
          ctx.announce(t('checkin.deleted', { date }));
          void reload().then(() => heading.focus());
        };
      },
    }), { icon: 'trash', variant: 'quiet', attrs: { class: 'btn btn-quiet btn-small', 'aria-describedby': dateId, 'data-action': 'delete' } });

    const sections: HTMLElement[] = [];
    const chips = pulseChips(ci.pulse);
    if (chips) sections.push(chips);
    if (entry.prompts.length) {
      sections.push(
        h(
          'div',
          { class: 'entry-section' },
          h('h4', {}, t('checkin.asked')),
          h('ul', { class: 'entry-list', role: 'list' }, ...entry.prompts.map((p) => h('li', { 'data-prompt-id': p.id }, p.text))),
        ),
      );
    }
    // The note is the manager's own text: text nodes only, line breaks kept by CSS.
    if (ci.note) sections.push(h('p', { class: 'note' }, ci.note));
    if (entry.followups.length) {
      sections.push(
        h(
          'div',
          { class: 'entry-section' },
          h('h4', {}, t('checkin.agreed')),
          h(
            'ul',
            { class: 'entry-list', role: 'list' },
            ...entry.followups.map((f) =>
              h(
                'li',
                { 'data-followup-id': String(f.id), class: f.doneOn ? 'is-done' : null },
                h('span', {}, f.text),
                h('span', { class: 'item-meta entry-meta' }, ...followupMeta(f, person.name, localToday())),
              ),
            ),
          ),
        ),
      );
    }

    return h(
      'li',
      { class: 'timeline-entry', 'data-checkin-id': String(ci.id) },
      h(
        'div',
        { class: 'entry-head' },
        h(
          'div',
          { class: 'item-text' },
          h('h3', { class: 'entry-date', id: dateId }, h('time', { datetime: ci.heldOn }, date)),
          h(
            'span',
            { class: 'item-meta' },
            h('span', {}, t(CHANNEL_LABEL[ci.channel])),
            h('span', {}, t('checkin.length', { count: ci.minutes })),
          ),
        ),
        h('div', { class: 'row-actions' }, edit, del),
      ),
      ...sections,
    );
  }

  function openEditCheckin(entry: TimelineCheckIn): void {
    const ci = entry.checkin;
    const date = dateInput(ci.heldOn);
    const minutes = numberInput(ci.minutes);
    const channel = select(CHANNELS.map(([v, key]) => [v, t(key)]), ci.channel);
    const note = h('textarea', { rows: '6', spellcheck: 'true', class: 'note-input' });
    note.value = ci.note ?? '';
    const dialog = new FormDialog({
      id: 'checkin-edit',
      title: t('checkin.edit_title', { date: formatCalendarDate(ci.heldOn) }),
      submitLabel: t('common.save'),
      wide: true,
      async submit() {
        const saved = await api.editCheckin(ci.id, {
          heldOn: date.value.trim(),
          minutes: readRequiredNumber(minutes, 0, 100_000),
          channel: channel.value as api.Channel,
          note: optionalText(note.value),
          pulse: toPulseDraft(pulse.read()),
        });
        return () => {
          ctx.announce(t('checkin.edited', { date: formatCalendarDate(saved.heldOn) }));
          void reload(control('edit', row('data-checkin-id', saved.id)));
        };
      },
    });
    const pulse = pulseFields(dialog, 'checkin-edit-pulse', fromPulse(ci.pulse));
    dialog.append(
      h(
        'div',
        { class: 'field-pair' },
        dialog.field('heldOn', t('field.date'), date),
        dialog.field('minutes', t('checkin.minutes'), minutes),
        dialog.field('channel', t('checkin.channel'), channel),
      ),
      h('div', { class: 'pulse-grid' }, ...pulse.sets),
      dialog.field('note', t('checkin.notes'), note, { optional: true }),
    );
    dialog.open(date);
  }

  function occurrencesCard(occurrences: TimelineOccurrence[], name: string): HTMLElement {
    const title = t('person.occurrences');
    const rows = occurrences.map((o) =>
      h(
        'li',
        { class: `item occurrence status-${o.status}`, 'data-occurrence-id': o.id, 'data-status': o.status },
        h('time', { class: 'item-time', datetime: o.start }, formatMoment(o.start)),
        h(
          'div',
          { class: 'item-text' },
          h('span', { class: 'item-head' }, h('span', { class: 'item-title' }, o.title), statusTag(o.status)),
        ),
      ),
    );
    return h(
      'section',
      { class: 'card', 'aria-labelledby': 'person-occurrences-title' },
      h('div', { class: 'card-head' }, h('h2', { id: 'person-occurrences-title' }, title)),
      h('ul', { class: 'items', role: 'list', 'aria-label': title }, ...rows),
      rows.length ? null : h('p', { class: 'empty-line' }, t('person.occurrences_empty', { name })),
    );
  }

  void page.reload();
  return page.refresh;
}

/** The meetings of the last 90 days have all begun: one neither held nor skipped is not marked. */
function statusTag(status: api.MarkStatus): HTMLElement {
  if (status === 'held') return h('span', { class: 'tag tag-held' }, icon('check'), t('agenda.status_held'));
  if (status === 'skipped') return h('span', { class: 'tag tag-skipped' }, t('agenda.status_skipped'));
  return h('span', { class: 'tag' }, t('person.occurrence_unmarked'));
}
