/**
 * The check-in screen (#/checkin/<personId>), open while the conversation goes on: what is
 * still open from last time (tick it off or carry it forward), the last pulse, three
 * questions to ask; then the pulse, private notes and new follow-ups, and when, how long and
 * how it was held. "Finish check-in" records it all in one transaction and goes to the
 * person page; "Leave" keeps a draft. The draft is saved as the manager types (see
 * checkin-draft.ts) and restored when the screen opens again.
 */
import './checkin.css';
import * as api from '../../api';
import type { CheckInContext, FinishCheckIn, FollowUp, FollowUpOwner, PersonId, PersonWork, WorkItem } from '../../api';
import { button, h, on } from '../../dom';
import { formatCalendarDate, formatInstantTime, t, tp } from '../../i18n';
import { localToday, sinceText } from '../../lib/dates';
import { control, focusFirst } from '../../lib/focus';
import { confirmDialog, dateInput, InlineForm, numberInput, optionalText, readNumber, select, textInput } from '../../lib/form';
import type { Ctx, Refresh } from '../../lib/frame';
import { CHANNELS } from '../../lib/labels';
import { tag } from '../../lib/tags';
import { checkinHref, navigate, personHref, takeReturnTo } from '../../lib/nav';
import { FOLLOWUP_MAX, followupMeta, ownerOptions, ownerText } from '../../parts/followups';
import { EMPTY_PULSE, pulseChips, pulseFields, toPulseDraft } from '../../parts/pulse';
import { DraftKeeper, readDraft, type FollowUpInput, type ScreenState } from './checkin-draft';

/** The counter shows itself from NOTE_WARN characters on. */
const NOTE_MAX = api.LIMITS.noteMax;
const NOTE_WARN = 18_000;

export function renderCheckin(container: HTMLElement, ctx: Ctx, personId: PersonId): Refresh {
  const heading = h('h1', { tabindex: '-1' }, t('checkin.page_title'));
  const lead = h('p', { class: 'lead' });
  // The region exists before its message, so that "Restored …" is read out.
  const restored = h('div', { class: 'banner banner-info', role: 'status', hidden: true });
  const body = h('div', { class: 'checkin' });
  container.append(h('header', { class: 'page-head' }, h('div', {}, heading, lead)), restored, body);

  let keeper: DraftKeeper | null = null;
  const flush = () => void keeper?.flush();
  const onVisibility = () => {
    if (document.visibilityState === 'hidden') flush();
  };
  const onHash = () => {
    flush();
    cleanup();
  };
  function cleanup(): void {
    window.removeEventListener('pagehide', flush);
    window.removeEventListener('blur', flush);
    window.removeEventListener('hashchange', onHash);
    document.removeEventListener('visibilitychange', onVisibility);
  }
  // The window hiding, closing or losing focus saves at once what the debounce still holds.
  window.addEventListener('pagehide', flush);
  window.addEventListener('blur', flush);
  window.addEventListener('hashchange', onHash);
  document.addEventListener('visibilitychange', onVisibility);

  async function load(): Promise<void> {
    let context: CheckInContext;
    let lastHeld: string | null;
    try {
      const [c, checkins] = await Promise.all([api.checkinContext(personId), api.listCheckins(personId)]);
      context = c;
      lastHeld = checkins.reduce<string | null>((max, ci) => (max === null || ci.heldOn > max ? ci.heldOn : max), null);
    } catch (error) {
      const message = api.asApiError(error).message;
      ctx.alert(message);
      body.replaceChildren(
        h('section', { class: 'card' }, h('p', {}, message), h('a', { class: 'btn btn-plain', href: '#/team' }, h('span', {}, t('nav.team')))),
      );
      cleanup();
      return;
    }
    if (!body.isConnected) return cleanup();
    const { person } = context;
    const title = t('checkin.screen_title', { name: person.name });
    heading.textContent = title;
    document.title = `${title} – ${t('app.name')}`;
    const today = localToday();
    lead.replaceChildren(
      ...[person.role, sinceText(lastHeld, person.createdAt, today, person.lastTalkedOn), tp('cadence.every', person.cadenceDays)]
        .filter((s): s is string => !!s)
        .map((s) => h('span', {}, s)),
    );
    lead.classList.add('lead-meta');
    build(context, today);
  }

  function build(context: CheckInContext, today: string): void {
    const { person } = context;
    const defaults: ScreenState = {
      v: 1,
      heldOn: today,
      minutes: String(person.checkinMinutes),
      channel: 'video',
      note: '',
      pulse: EMPTY_PULSE,
      done: [],
      followups: [],
      composer: { text: '', owner: 'manager', dueOn: '' },
    };
    const draft = context.draft === null || context.draft === undefined ? null : readDraft(context.draft, defaults);
    const start = draft ?? defaults;

    // ---- The form and its fields ----
    const form = new InlineForm({
      id: 'checkin',
      submitLabel: t('checkin.finish'),
      alias: (field) => (field === 'dueOn' ? 'newFollowups' : field),
      submit: finish,
    });
    form.form.classList.add('checkin-form');

    const date = dateInput(start.heldOn);
    const minutes = numberInput(null);
    minutes.value = start.minutes;
    const channel = select(CHANNELS.map(([v, key]) => [v, t(key)]), start.channel);
    if (!channel.value) channel.value = 'video';
    const note = h('textarea', { rows: '10', spellcheck: 'true', class: 'note-input' });
    note.value = start.note;
    const pulse = pulseFields(form, 'checkin-pulse', start.pulse);

    // ---- Prepared: questions, open follow-ups, last pulse ----
    const prompts = h(
      'section',
      { class: 'card card-prompts', 'aria-labelledby': 'checkin-prompts-title' },
      h('div', { class: 'card-head' }, h('h2', { id: 'checkin-prompts-title' }, t('checkin.prompts'))),
      h(
        'ol',
        { class: 'prompts', role: 'list', 'aria-label': t('checkin.prompts') },
        ...context.prompts.map((p) => h('li', { class: 'prompt', 'data-prompt-id': p.id }, p.text)),
      ),
      h('p', { class: 'hint' }, t('checkin.prompts_help')),
    );

    const doneBoxes = new Map<number, HTMLInputElement>();
    const openRows = context.openFollowups.map((f) => openFollowupRow(f, person.name, today, start.done.includes(f.id), doneBoxes));
    const openCard = h(
      'section',
      { class: 'card', 'aria-labelledby': 'checkin-open-title' },
      h('div', { class: 'card-head' }, h('h2', { id: 'checkin-open-title' }, t('checkin.followups_open'))),
      openRows.length ? h('p', { class: 'hint' }, t('checkin.followups_open_help')) : null,
      h('ul', { class: 'items followups-open', role: 'list', 'aria-label': t('checkin.followups_open') }, ...openRows),
      openRows.length ? null : h('p', { class: 'empty-line' }, t('checkin.followups_open_empty')),
    );

    const last = context.lastPulse;
    const lastCard = h(
      'section',
      { class: 'card', 'aria-labelledby': 'checkin-last-title' },
      h('div', { class: 'card-head' }, h('h2', { id: 'checkin-last-title' }, t('checkin.last_pulse'))),
      ...(last
        ? [
            pulseChips(last[1]) ?? h('p', { class: 'empty-line' }, t('checkin.last_pulse_none')),
            h('p', { class: 'hint' }, h('time', { datetime: last[0] }, t('checkin.last_pulse_when', { date: formatCalendarDate(last[0]) }))),
          ]
        : [h('p', { class: 'empty-line' }, t('checkin.last_pulse_none'))]),
    );

    const workCard = workSection(context.work);

    // ---- Recorded: pulse, notes, new follow-ups, the conversation ----
    const pulseCard = h(
      'section',
      { class: 'card', 'aria-labelledby': 'checkin-pulse-title' },
      h('div', { class: 'card-head' }, h('h2', { id: 'checkin-pulse-title' }, t('checkin.pulse'))),
      h('p', { class: 'hint' }, t('checkin.pulse_help')),
      h('div', { class: 'pulse-grid' }, ...pulse.sets),
    );

    const counter = h('p', { class: 'hint note-counter', 'aria-live': 'polite', hidden: true });
    const noteRow = form.field('note', t('checkin.notes'), note, { hint: t('checkin.notes_help') });
    noteRow.append(counter);
    const showCounter = () => {
      const length = Array.from(note.value).length; // characters, as Rust counts them
      const left = NOTE_MAX - length;
      counter.hidden = length < NOTE_WARN;
      counter.classList.toggle('is-over', left < 0);
      const text = left >= 0 ? tp('checkin.note_left', left) : tp('checkin.note_over', -left);
      if (counter.textContent !== text) counter.textContent = text;
    };
    on(note, 'input', showCounter);
    showCounter();
    const notesCard = h('section', { class: 'card card-notes' }, noteRow);

    const agreed: FollowUpInput[] = start.followups.map((f) => ({ ...f }));
    const newList = h('ul', { class: 'items followups-new', role: 'list', 'aria-label': t('checkin.followups_new') });
    const newEmpty = h('p', { class: 'empty-line' }, t('checkin.followups_new_empty'));
    const fuText = textInput(start.composer.text, { spellcheck: 'true', maxlength: String(FOLLOWUP_MAX) });
    const fuOwner = select(ownerOptions(person.name), start.composer.owner);
    if (!fuOwner.value) fuOwner.value = 'manager';
    const fuDue = dateInput(start.composer.dueOn);
    const addButton = button(t('followup.add'), () => addFollowup(), { icon: 'plus', attrs: { 'data-action': 'add-followup' } });
    const composer = h(
      'div',
      { class: 'composer' },
      form.field('followupText', t('followup.text'), fuText),
      form.field('followupOwner', t('followup.owner'), fuOwner),
      form.field('followupDue', t('followup.due'), fuDue, { optional: true }),
      h('div', { class: 'composer-add' }, addButton),
    );
    // Enter in these fields adds the follow-up; it must not finish the check-in.
    on(composer, 'keydown', (event) => {
      if (event.key !== 'Enter' || event.isComposing || event.shiftKey || event.altKey || event.ctrlKey || event.metaKey) return;
      event.preventDefault();
      event.stopPropagation();
      addFollowup();
    });
    // The legend is the card's heading; errors about the new follow-ups show under it.
    const newSet = form.fieldset(
      'newFollowups',
      t('checkin.followups_new'),
      [h('p', { class: 'hint' }, t('checkin.followups_new_help')), newList, newEmpty, composer],
      { class: 'fieldset-card' },
    );
    const newCard = h('section', { class: 'card' }, newSet);

    function drawAgreed(): void {
      newList.replaceChildren(...agreed.map((f, i) => agreedRow(f, i)));
      newEmpty.hidden = agreed.length > 0;
      // What Finish said about the new follow-ups is stale once they change.
      const error = newSet.querySelector<HTMLElement>(':scope > .field-error');
      if (error && !error.hidden) {
        error.hidden = true;
        error.replaceChildren();
        newSet.removeAttribute('aria-invalid');
        newSet.removeAttribute('aria-describedby');
      }
    }

    function agreedRow(f: FollowUpInput, index: number): HTMLLIElement {
      const textId = `checkin-new-${index}-text`;
      const edit = button(t('common.edit'), () => {
        // Back into the fields, to change and add again.
        agreed.splice(index, 1);
        fuText.value = f.text;
        fuOwner.value = f.owner === 'person' ? 'person' : 'manager';
        fuDue.value = f.dueOn;
        drawAgreed();
        fuText.focus();
        void keeper?.flush();
      }, { icon: 'edit', variant: 'quiet', attrs: { class: 'btn btn-quiet btn-small', 'aria-describedby': textId, 'data-action': 'edit' } });
      const remove = button(t('followup.remove'), () => {
        agreed.splice(index, 1);
        drawAgreed();
        focusFirst(newList, `li:nth-child(${Math.min(index + 1, agreed.length)}) ${control('remove')}`, () => fuText);
        void keeper?.flush();
      }, { icon: 'trash', variant: 'quiet', attrs: { class: 'btn btn-quiet btn-small', 'aria-describedby': textId, 'data-action': 'remove' } });
      const meta: HTMLElement[] = [h('span', {}, ownerText(f.owner === 'person' ? 'person' : 'manager', person.name))];
      if (f.dueOn.trim()) meta.push(h('span', {}, t('followup.due_on', { date: formatCalendarDate(f.dueOn.trim()) })));
      return h(
        'li',
        { class: 'item', 'data-new-followup': String(index) },
        h('div', { class: 'item-text' }, h('span', { class: 'item-title', id: textId }, f.text), h('span', { class: 'item-meta' }, ...meta)),
        h('div', { class: 'row-actions' }, edit, remove),
      );
    }

    function addFollowup(): void {
      showComposerError(null);
      if (!fuText.value.trim()) {
        // The words Rust would use; nothing goes to Rust until Finish.
        showComposerError(t('error.invalid.followup_empty'));
        return;
      }
      agreed.push({ text: fuText.value.trim(), owner: fuOwner.value, dueOn: fuDue.value.trim() });
      fuText.value = '';
      fuDue.value = '';
      drawAgreed();
      fuText.focus();
      void keeper?.flush();
    }

    /** Shows (or with null, takes away) a message under the follow-up text field. */
    function showComposerError(message: string | null): void {
      const error = composer.querySelector<HTMLElement>(`#${CSS.escape(fuText.id)}-error`);
      if (!error) return;
      error.textContent = message ?? '';
      error.hidden = message === null;
      if (message === null) {
        fuText.removeAttribute('aria-invalid');
        fuText.removeAttribute('aria-describedby');
        return;
      }
      fuText.setAttribute('aria-invalid', 'true');
      fuText.setAttribute('aria-describedby', error.id);
      fuText.focus();
    }

    drawAgreed();

    const detailsCard = h(
      'section',
      { class: 'card', 'aria-labelledby': 'checkin-details-title' },
      h('div', { class: 'card-head' }, h('h2', { id: 'checkin-details-title' }, t('checkin.details'))),
      h(
        'div',
        { class: 'field-pair' },
        form.field('heldOn', t('field.date'), date),
        form.field('minutes', t('checkin.minutes'), minutes),
        form.field('channel', t('checkin.channel'), channel),
      ),
    );

    form.append(
      prompts,
      h('div', { class: 'checkin-grid' }, openCard, lastCard),
      workCard,
      pulseCard,
      notesCard,
      newCard,
      detailsCard,
    );

    // ---- Finish, Leave, and the draft's state ----
    const draftStatus = h('p', { class: 'hint draft-status' });
    const leave = button(t('checkin.leave'), () => void leaveScreen(), { attrs: { 'data-action': 'leave' } });
    const actions = form.submitButton.parentElement;
    actions?.classList.add('checkin-actions');
    actions?.append(leave, draftStatus);
    form.form.append(h('p', { class: 'hint' }, t('checkin.leave_help')));

    // Enter on a radio, a checkbox or a select here is not "finish the conversation": a slip
    // of the key would end it midway. Text fields still send with Enter.
    on(form.body, 'keydown', (event) => {
      const target = event.target;
      if (event.key !== 'Enter') return;
      if (target instanceof HTMLSelectElement || (target instanceof HTMLInputElement && (target.type === 'radio' || target.type === 'checkbox'))) {
        event.preventDefault();
        event.stopPropagation();
      }
    });

    function collect(): ScreenState {
      return {
        v: 1,
        heldOn: date.value,
        minutes: minutes.value,
        channel: channel.value,
        note: note.value,
        pulse: pulse.read(),
        done: [...doneBoxes].filter(([, box]) => box.checked).map(([id]) => id),
        followups: agreed.map((f) => ({ ...f })),
        composer: { text: fuText.value, owner: fuOwner.value, dueOn: fuDue.value },
      };
    }

    keeper = new DraftKeeper(
      person.id,
      collect,
      (result) => {
        if ('error' in result) {
          draftStatus.textContent = result.error;
          draftStatus.classList.add('is-error');
        } else {
          draftStatus.textContent = t('checkin.draft_kept', { time: formatInstantTime(result.savedAt.toISOString()) });
          draftStatus.classList.remove('is-error');
        }
      },
      draft !== null,
    );
    const k = keeper;
    on(form.form, 'input', () => k.schedule());
    on(form.form, 'change', () => void k.flush());

    async function finish(): Promise<() => void> {
      await k.stop();
      const pending = [...agreed];
      if (fuText.value.trim() || fuDue.value.trim()) {
        pending.push({ text: fuText.value, owner: fuOwner.value, dueOn: fuDue.value });
      }
      const request: FinishCheckIn = {
        personId: person.id,
        heldOn: date.value.trim(),
        minutes: readNumber(minutes, 0, 100_000),
        channel: channel.value as api.Channel,
        note: optionalText(note.value),
        pulse: toPulseDraft(pulse.read()),
        prompts: context.prompts.map((p) => p.id),
        doneFollowups: collect().done,
        newFollowups: pending.map((f) => ({
          text: f.text,
          owner: (f.owner === 'person' ? 'person' : 'manager') as FollowUpOwner,
          dueOn: f.dueOn.trim() || null,
        })),
      };
      try {
        await api.finishCheckin(request);
      } catch (error) {
        k.resume();
        throw error;
      }
      return () => {
        cleanup();
        navigate(ctx, personHref(person.id), t('checkin.finished', { name: person.name }));
      };
    }

    async function leaveScreen(): Promise<void> {
      leave.disabled = true;
      await k.flush();
      leave.disabled = false;
      cleanup();
      const back = takeReturnTo();
      const target = back && back !== checkinHref(person.id) ? back : personHref(person.id);
      navigate(ctx, target, k.stored ? t('checkin.left', { name: person.name }) : null);
    }

    body.replaceChildren(form.form);

    if (draft) {
      const over = button(t('checkin.discard'), () => startOver(), { attrs: { class: 'btn btn-plain btn-small', 'data-action': 'discard' } });
      restored.replaceChildren(h('p', { class: 'banner-text' }, t('checkin.restored')), over);
      restored.hidden = false;
    }

    function startOver(): void {
      confirmDialog({
        id: 'discard',
        title: t('checkin.discard_title'),
        body: t('checkin.discard_body'),
        confirmLabel: t('checkin.discard'),
        danger: true,
        async action() {
          await k.stop();
          try {
            await api.discardCheckinDraft(person.id);
          } catch (error) {
            k.resume();
            throw error;
          }
          return () => {
            cleanup();
            container.replaceChildren();
            renderCheckin(container, ctx, personId);
            container.querySelector<HTMLElement>('h1')?.focus();
            ctx.announce(t('checkin.discarded'));
          };
        },
      });
    }
  }

  void load();
  // The window coming back must not redraw this screen: what is typed stays as it is.
  return async () => undefined;
}

/** A follow-up from earlier, with its "Done" box. */
function openFollowupRow(f: FollowUp, name: string, today: string, done: boolean, boxes: Map<number, HTMLInputElement>): HTMLLIElement {
  const id = `checkin-done-${f.id}`;
  const textId = `${id}-text`;
  const box = h('input', { type: 'checkbox', id, 'aria-describedby': textId });
  box.checked = done;
  boxes.set(f.id, box);
  return h(
    'li',
    { class: 'item followup', 'data-followup-id': String(f.id) },
    h(
      'div',
      { class: 'item-text' },
      h('span', { class: 'item-title', id: textId }, f.text),
      h('span', { class: 'item-meta' }, ...followupMeta(f, name, today)),
    ),
    h('div', { class: 'check' }, box, h('label', { for: id }, t('followup.done'))),
  );
}

/**
 * "Who does what" (the guide's "vem som gör vad"): the person's active assignments as owner
 * and as sounding board, one they are alone on flagged, so it comes up in the conversation.
 */
function workSection(work: PersonWork): HTMLElement {
  const item = (w: WorkItem, role: 'owner' | 'board') =>
    h(
      'li',
      { class: 'work-item', 'data-assignment-id': String(w.assignmentId), 'data-role': role, 'data-alone': w.alone ? 'true' : null },
      h('span', { class: 'item-title' }, w.title),
      w.alone ? tag(t('checkin.work_alone'), 'warn', { 'data-flag': 'alone' }, 'alert') : null,
    );
  const group = (label: string, items: WorkItem[], role: 'owner' | 'board') =>
    items.length
      ? h(
          'div',
          { class: 'work-group' },
          h('h3', {}, label),
          h('ul', { class: 'work-items', role: 'list', 'aria-label': label }, ...items.map((w) => item(w, role))),
        )
      : null;
  const none = work.owns.length === 0 && work.soundingBoardFor.length === 0;
  return h(
    'section',
    { class: 'card card-work', 'aria-labelledby': 'checkin-work-title', 'data-card': 'work' },
    h('div', { class: 'card-head' }, h('h2', { id: 'checkin-work-title' }, t('checkin.work'))),
    h('p', { class: 'hint' }, t('checkin.work_help')),
    group(t('checkin.work_owns'), work.owns, 'owner'),
    group(t('checkin.work_board'), work.soundingBoardFor, 'board'),
    none ? h('p', { class: 'empty-line' }, t('checkin.work_none')) : null,
  );
}
