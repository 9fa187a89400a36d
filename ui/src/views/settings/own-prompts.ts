/**
 * Settings' "Your own questions" card: the manager's own prompts (DESIGN §3: samtalsfråga),
 * offered in check-ins next to the guide's. Add, edit, retire and use again; a retired one
 * is no longer offered but stays in the check-ins where it was asked. Rows carry
 * data-prompt-id.
 */
import './own-prompts.css';
import * as api from '../../api';
import type { OwnPrompt } from '../../api';
import { button, h, icon } from '../../dom';
import { t, type Key } from '../../i18n';
import { control, row as rowOf, type FocusTarget } from '../../lib/focus';
import { FormDialog, textInput } from '../../lib/form';
import type { Ctx } from '../../lib/frame';
import { alertFailure, loader } from '../../lib/reload';

const PROMPT_MAX = api.LIMITS.promptMax;

/** The guide's questions, in the order core offers them first. */
const BUILTIN: Key[] = [
  'prompt.how_are_you',
  'prompt.working_from_home',
  'prompt.moving',
  'prompt.work_life',
  'prompt.division_of_work',
  'prompt.sounding_board',
  'prompt.worries',
];

/** A question's control after the list is redrawn. */
function promptFocus(id: OwnPrompt['id'], action: 'edit' | 'retire' | 'restore'): FocusTarget {
  return control(action, rowOf('data-prompt-id', id));
}

export function ownPromptsCard(ctx: Ctx): HTMLElement {
  const title = t('own_prompts.title');
  const list = h('ul', { class: 'items', role: 'list', 'aria-label': title });
  const empty = h('p', { class: 'empty-line', hidden: true }, t('own_prompts.empty'));
  const add = button(t('own_prompts.add'), () => openDialog(null), {
    icon: 'plus',
    attrs: { class: 'btn btn-plain btn-small', 'data-action': 'add' },
  });
  const card = h(
    'section',
    { class: 'card card-prompts-own', 'aria-labelledby': 'own-prompts-title' },
    h(
      'div',
      { class: 'card-head' },
      h('h2', { id: 'own-prompts-title' }, icon('chat'), h('span', {}, title)),
      h('span', { class: 'card-head-end' }, add),
    ),
    h('p', { class: 'hint' }, t('own_prompts.help')),
    list,
    empty,
    h(
      'details',
      { class: 'builtin-prompts' },
      h('summary', {}, t('own_prompts.builtin')),
      h('ul', { class: 'entry-list', role: 'list' }, ...BUILTIN.map((key) => h('li', {}, t(key)))),
    ),
  );

  const prompts = loader({
    root: card,
    fallback: () => add,
    fetch: () => api.listPrompts(),
    draw(all) {
      // Active first, then retired; each in the order they were added.
      const sorted = [...all].sort((a, b) => Number(a.retiredAt !== null) - Number(b.retiredAt !== null));
      list.replaceChildren(...sorted.map(row));
      empty.hidden = all.length > 0;
    },
    failed: alertFailure(ctx),
  });

  function row(prompt: OwnPrompt): HTMLLIElement {
    const textId = `own-prompt-${prompt.id}-text`;
    const retired = prompt.retiredAt !== null;
    const small = (label: string, iconName: 'edit' | 'archive' | 'restore', action: string, run: () => void) => {
      const el = button(label, run, {
        icon: iconName,
        variant: 'quiet',
        attrs: { class: 'btn btn-quiet btn-small', 'aria-describedby': textId },
      });
      el.dataset.action = action;
      return el;
    };
    const edit = small(t('common.edit'), 'edit', 'edit', () => openDialog(prompt));
    const toggle = retired
      ? small(t('own_prompts.restore'), 'restore', 'restore', () => void retire(prompt, false))
      : small(t('own_prompts.retire'), 'archive', 'retire', () => void retire(prompt, true));
    return h(
      'li',
      { class: retired ? 'item own-prompt is-retired' : 'item own-prompt', 'data-prompt-id': String(prompt.id) },
      h(
        'div',
        { class: 'item-text' },
        h(
          'span',
          { class: 'item-head' },
          h('span', { class: 'item-title', id: textId }, prompt.text),
          retired ? h('span', { class: 'tag' }, t('own_prompts.retired_tag')) : null,
        ),
      ),
      h('div', { class: 'row-actions' }, edit, toggle),
    );
  }

  async function retire(prompt: OwnPrompt, retired: boolean): Promise<void> {
    try {
      await api.retirePrompt(prompt.id, retired);
      ctx.announce(t(retired ? 'own_prompts.retired' : 'own_prompts.restored'));
      // Focus follows the question to its new place, where the opposite action undoes a slip.
      await prompts.reload(promptFocus(prompt.id, retired ? 'restore' : 'retire'));
    } catch (error) {
      ctx.alert(api.asApiError(error).message);
      await prompts.reload();
    }
  }

  function openDialog(prompt: OwnPrompt | null): void {
    const text = textInput(prompt?.text ?? '', { spellcheck: 'true', maxlength: String(PROMPT_MAX) });
    const dialog = new FormDialog({
      id: 'own-prompt',
      title: t(prompt ? 'own_prompts.edit_title' : 'own_prompts.add_title'),
      submitLabel: t('common.save'),
      async submit() {
        const saved = prompt ? await api.editPrompt(prompt.id, text.value) : await api.addPrompt(text.value);
        return () => {
          ctx.announce(t(prompt ? 'own_prompts.saved' : 'own_prompts.added'));
          void prompts.reload(promptFocus(saved.id, 'edit'));
        };
      },
    });
    dialog.append(dialog.field('text', t('own_prompts.text'), text));
    dialog.open(text);
  }

  void prompts.reload();
  return card;
}
