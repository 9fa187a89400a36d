/**
 * The person page's "Data about {name}" card: *Export…* (everything about them as a page and
 * JSON, through the native save dialog Rust opens) and *Erase all data about {name}…*
 * (GDPR erasure). Erasing asks for the name typed, says plainly that it cannot be undone
 * and what happens to backups, asks what becomes of their ideas, then shows what was
 * removed and returns to Team.
 */
import './person-privacy.css';
import * as api from '../../api';
import type { ErasureReport, IdeaChoice, Person } from '../../api';
import { button, h, on } from '../../dom';
import { t, tp, type PluralKey } from '../../i18n';
import { FormDialog, textInput } from '../../lib/form';
import type { Ctx } from '../../lib/frame';
import { navigate } from '../../lib/nav';

/** The report's counts in the order they are listed, each with its counted text. */
const REPORT_LINES: [keyof ErasureReport, PluralKey][] = [
  ['checkins', 'privacy.erased.checkins'],
  ['pulses', 'privacy.erased.pulses'],
  ['promptsAsked', 'privacy.erased.prompts_asked'],
  ['followups', 'privacy.erased.followups'],
  ['drafts', 'privacy.erased.drafts'],
  ['rhythms', 'privacy.erased.rhythms'],
  ['occurrenceMarks', 'privacy.erased.occurrence_marks'],
  ['assignmentsOwned', 'privacy.erased.assignments_owned'],
  ['soundingBoards', 'privacy.erased.sounding_boards'],
  ['fikaPlaces', 'privacy.erased.fika_places'],
  ['fikaRoundsDeleted', 'privacy.erased.fika_rounds_deleted'],
  ['ideasAnonymised', 'privacy.erased.ideas_anonymised'],
  ['ideasErased', 'privacy.erased.ideas_erased'],
  ['groupMemberships', 'privacy.erased.group_memberships'],
  ['reminders', 'privacy.erased.reminders'],
  ['reminderTitles', 'privacy.erased.reminder_titles'],
  ['backupsRewritten', 'privacy.erased.backups_rewritten'],
  ['backupsDeleted', 'privacy.erased.backups_deleted'],
];

export function privacyCard(person: Person, ctx: Ctx): HTMLElement {
  const exportButton = button(t('person.export'), () => void exportPerson(person, exportButton, ctx), {
    icon: 'download',
    attrs: { class: 'btn btn-plain', 'data-action': 'export-person' },
  });
  const eraseButton = button(t('person.erase', { name: person.name }), () => openEraseDialog(person, ctx), {
    icon: 'trash',
    attrs: { class: 'btn btn-plain btn-danger-plain', 'data-action': 'erase-person' },
  });
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'person-privacy-title' },
    h('div', { class: 'card-head' }, h('h2', { id: 'person-privacy-title' }, t('privacy.card_title', { name: person.name }))),
    h('p', { class: 'dialog-text' }, t('privacy.card_text', { name: person.name })),
    h('div', { class: 'privacy-actions' }, exportButton, eraseButton),
  );
}

async function exportPerson(person: Person, trigger: HTMLButtonElement, ctx: Ctx): Promise<void> {
  trigger.disabled = true;
  try {
    const files = await api.exportPerson(person.id);
    if (files !== null) ctx.announce(t('privacy.exported', { html: files.html, json: files.json }));
  } catch (error) {
    ctx.alert(api.asApiError(error).message);
  } finally {
    trigger.disabled = false;
    trigger.focus();
  }
}

function openEraseDialog(person: Person, ctx: Ctx): void {
  const confirmName = textInput('', { 'data-action': 'confirm-name' });
  const radio = (value: IdeaChoice, label: string) => {
    const input = h('input', { type: 'radio', name: 'ideas', value, id: `erase-ideas-${value}` });
    return { input, row: h('div', { class: 'check' }, input, h('label', { for: input.id }, label)) };
  };
  const keep = radio('keep_anonymous', t('privacy.ideas_keep'));
  const erase = radio('erase', t('privacy.ideas_erase'));
  keep.input.checked = true;
  const dialog = new FormDialog({
    id: 'erase',
    title: t('privacy.erase_title', { name: person.name }),
    submitLabel: t('privacy.erase_submit'),
    danger: true,
    async submit() {
      const ideas: IdeaChoice = erase.input.checked ? 'erase' : 'keep_anonymous';
      const report = await api.erasePerson(person.id, confirmName.value, ideas);
      return () => showReport(person, report, ctx);
    },
  });
  dialog.append(
    h('p', { class: 'dialog-text' }, t('privacy.erase_what', { name: person.name })),
    h('p', { class: 'dialog-text erase-warning' }, h('strong', {}, t('privacy.erase_undo'))),
    h('p', { class: 'dialog-text' }, t('privacy.erase_backups', { name: person.name })),
    dialog.fieldset('ideas', t('privacy.ideas_legend', { name: person.name }), [keep.row, erase.row], { class: 'erase-ideas' }),
    dialog.field('confirmName', t('privacy.confirm_label', { name: person.name }), confirmName),
  );
  dialog.open(confirmName);
}

/** What went, in a dialog over the stale page; closing it in any way goes to Team. */
function showReport(person: Person, report: ErasureReport, ctx: Ctx): void {
  const lines = REPORT_LINES.filter(([field]) => Number(report[field]) > 0).map(([field, stem]) =>
    h('li', {}, tp(stem, Number(report[field]))),
  );
  const titleId = 'erased-dialog-title';
  const back = h('button', { type: 'submit', class: 'btn btn-primary' }, h('span', {}, t('privacy.back_to_team')));
  const dialog = h(
    'dialog',
    { class: 'dialog', 'aria-labelledby': titleId, id: 'erased-dialog' },
    h(
      'form',
      { class: 'form', method: 'dialog' },
      h('h2', { id: titleId, class: 'dialog-title' }, t('privacy.erased_title', { name: person.name })),
      h(
        'div',
        { class: 'form-body' },
        lines.length
          ? h('p', { class: 'dialog-text' }, t('privacy.erased_intro', { name: person.name }))
          : h('p', { class: 'dialog-text' }, t('privacy.erased_only_person', { name: person.name })),
        lines.length ? h('ul', { class: 'erased-list', 'aria-label': t('privacy.erased_title', { name: person.name }) }, ...lines) : null,
        report.logCleared ? null : h('p', { class: 'dialog-text' }, t('privacy.erased_log_busy')),
      ),
      h('div', { class: 'form-actions' }, back),
    ),
  );
  on(dialog, 'close', () => {
    dialog.remove();
    navigate(ctx, '#/team', t('privacy.erased_title', { name: person.name }));
  });
  document.body.append(dialog);
  dialog.showModal();
  back.focus();
}
