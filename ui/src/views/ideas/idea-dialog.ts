/**
 * The idea dialogs: a new or changed idea (title, description, who suggested it — a person
 * or anonymous, with the honest note that anonymity is weak in a small team — and when), and
 * the manager's response (empty withdraws it).
 */
import * as api from '../../api';
import type { Idea, Person } from '../../api';
import { h } from '../../dom';
import { t } from '../../i18n';
import { localToday } from '../../lib/dates';
import { dateInput, FormDialog, optionalText, select, textInput } from '../../lib/form';

export function openIdeaDialog(options: {
  idea?: Idea;
  people: Person[];
  onSaved(saved: Idea, created: boolean): void;
}): void {
  const { idea, people } = options;
  const editing = idea !== undefined;
  const title = textInput(idea?.title ?? '', { spellcheck: 'true' });
  const description = h('textarea', { rows: '4', spellcheck: 'true' });
  description.value = idea?.description ?? '';
  // Active people, and an archived suggester of this idea so that an edit keeps them.
  const offered = people.filter((p) => p.archivedAt === null || p.id === idea?.suggestedBy);
  const by = select(
    [['', t('idea.anonymous')], ...offered.map((p): [string, string] => [String(p.id), p.name])],
    idea?.suggestedBy != null ? String(idea.suggestedBy) : '',
  );
  const on = dateInput(idea?.suggestedOn ?? localToday());

  const dialog = new FormDialog({
    id: 'idea',
    title: editing ? t('idea.edit_title', { title: idea.title }) : t('idea.new'),
    submitLabel: t('common.save'),
    wide: true,
    async submit() {
      const draft = {
        title: title.value,
        description: optionalText(description.value),
        suggestedBy: by.value === '' ? null : Number(by.value),
        suggestedOn: optionalText(on.value.trim()),
        status: null,
      };
      const saved = editing ? await api.updateIdea(idea.id, draft) : await api.addIdea(draft);
      return () => options.onSaved(saved, !editing);
    },
  });
  dialog.append(
    dialog.field('title', t('idea.title'), title),
    dialog.field('description', t('idea.description'), description, { optional: true }),
    // The note is always there, not only when "Anonymous" is chosen: it is what to tell the
    // team when asking for ideas.
    dialog.field('suggestedBy', t('idea.suggested_by'), by, { hint: t('idea.anonymity_note') }),
    dialog.field('suggestedOn', t('idea.suggested_on'), on, { hint: t('idea.suggested_on_help') }),
  );
  dialog.open(title);
}

export function openResponseDialog(options: { idea: Idea; onSaved(saved: Idea, withdrawn: boolean): void }): void {
  const { idea } = options;
  const response = h('textarea', { rows: '5', spellcheck: 'true' });
  response.value = idea.response ?? '';
  const dialog = new FormDialog({
    id: 'response',
    title: t('idea.respond_title', { title: idea.title }),
    submitLabel: t('common.save'),
    wide: true,
    async submit() {
      const saved = await api.respondToIdea(idea.id, response.value);
      return () => options.onSaved(saved, idea.response !== null && saved.response === null);
    },
  });
  dialog.append(dialog.field('response', t('idea.response'), response, { hint: t('idea.response_help') }));
  dialog.open(response);
}
