/**
 * The Fika pairing card on the Work view: choose the whole team or a work group, mark who
 * sits this round out, make pairs (a trio when the count is odd), look the draft over and draw
 * again, confirm, and copy a confirmed round as text for a chat or an e-mail.
 *
 * A draft is drawn again rather than piling up: while the chosen people have one, "Make pairs"
 * becomes "New pairs" on that draft. What the manager chose survives redraws of the view.
 */
import './fika.css';
import * as api from '../../api';
import type { Group, Person, PersonId, Round, RoundId } from '../../api';
import { button, h, icon } from '../../dom';
import { formatCalendarDate, formatList, t, tp } from '../../i18n';
import { copyFrom } from '../../lib/clipboard';
import type { FocusTarget } from '../../lib/focus';
import { checkRow, confirmDialog, InlineForm, select } from '../../lib/form';
import type { Ctx } from '../../lib/frame';
import type { RowQueue } from '../../lib/lists';
import { tag } from '../../lib/tags';

/** Confirmed rounds shown before "Show all". */
const RECENT_ROUNDS = 5;

export interface FikaHooks {
  ctx: Ctx;
  /** Fetches the Work view again and redraws it, then focuses `focus`. */
  reload(focus: FocusTarget): Promise<void>;
}

export interface FikaData {
  rounds: Round[];
  people: Person[];
  groups: Group[];
  historyRounds: number;
}

export function roundSelector(id: RoundId, action?: string): string {
  const row = `[data-round-id="${CSS.escape(String(id))}"]`;
  return action ? `${row} [data-action="${action}"]` : row;
}

/** "Anna & Bo", "Cecilia, David & Eva": as the exported text writes a pair. */
function pairNames(names: string[]): string {
  if (names.length < 2) return names.join('');
  return `${names.slice(0, -1).join(', ')} & ${names[names.length - 1]}`;
}

export function fikaPairing(hooks: FikaHooks): { card(data: FikaData, queue?: RowQueue): HTMLElement } {
  const { ctx } = hooks;
  /** The chosen scope: '' for the whole team, else a group's id. */
  let scope = '';
  /** The scope whose draft last filled `skips`, so a new draft's choices are taken once. */
  let skipsFrom: string | null = null;
  let skips = new Set<PersonId>();
  /** Export texts being shown, by round. */
  const texts = new Map<RoundId, string>();
  let showAll = false;

  function scopeName(groupId: number | null, groups: Group[]): string {
    if (groupId === null) return t('pairing.whole_team');
    return groups.find((g) => g.id === groupId)?.name ?? t('pairing.whole_team');
  }

  function participants(data: FikaData): Person[] {
    const active = data.people.filter((p) => p.archivedAt === null);
    if (scope === '') return active;
    const group = data.groups.find((g) => String(g.id) === scope);
    return group ? active.filter((p) => group.memberIds.includes(p.id)) : [];
  }

  function draftFor(data: FikaData): Round | undefined {
    return data.rounds.find((r) => r.status === 'draft' && (r.groupId === null ? '' : String(r.groupId)) === scope);
  }

  function card(data: FikaData, queue?: RowQueue): HTMLElement {
    // A group that is gone leaves the whole team chosen.
    if (scope !== '' && !data.groups.some((g) => String(g.id) === scope)) scope = '';
    const draft = draftFor(data);
    // The draft's sitting-out list is what the form shows for it, until the manager changes it.
    if (draft && skipsFrom !== `${scope}#${draft.id}`) {
      skips = new Set(draft.skipped.map((m) => m.personId));
      skipsFrom = `${scope}#${draft.id}`;
    }
    const titleId = 'fika-title';
    const drafts = data.rounds.filter((r) => r.status === 'draft');
    const confirmed = data.rounds.filter((r) => r.status === 'confirmed');
    const shownConfirmed = showAll ? confirmed : confirmed.slice(0, RECENT_ROUNDS);

    return h(
      'section',
      { class: 'card', id: 'fika', 'aria-labelledby': titleId },
      h('div', { class: 'card-head' }, h('h2', { id: titleId }, icon('group'), h('span', {}, t('pairing.title')))),
      h('p', { class: 'hint' }, t('pairing.intro', { rounds: data.historyRounds })),
      setupForm(data, draft, queue),
      ...drafts.map((round) => roundBlock(round, data)),
      h(
        'div',
        { class: 'card-section', id: 'fika-history' },
        h('h3', { class: 'section-title' }, h('span', {}, t('pairing.history'))),
        confirmed.length
          ? h('div', { class: 'tw-rounds' }, ...shownConfirmed.map((round) => roundBlock(round, data)))
          : h('p', { class: 'empty-line' }, t('pairing.history_empty')),
        confirmed.length > shownConfirmed.length
          ? button(
              t('pairing.show_all', { count: confirmed.length }),
              () => {
                showAll = true;
                void hooks.reload(roundSelector(confirmed[RECENT_ROUNDS]?.id ?? 0, 'copy'));
              },
              { variant: 'quiet', attrs: { class: 'btn btn-quiet btn-small', 'data-action': 'show-all' } },
            )
          : null,
      ),
    );
  }

  function setupForm(data: FikaData, draft: Round | undefined, queue: RowQueue | undefined): HTMLElement {
    const who = select(
      [['', t('pairing.whole_team')], ...data.groups.map((g): [string, string] => [String(g.id), g.name])],
      scope,
    );
    const people = participants(data);
    // One checkbox per person: 500 of them wait for the queue (what is ticked lives in `skips`).
    const boxes = people.map((person) => () => {
      const box = h('input', { type: 'checkbox', id: `fika-skip-${person.id}`, value: String(person.id) });
      box.checked = skips.has(person.id);
      box.addEventListener('change', () => {
        if (box.checked) skips.add(person.id);
        else skips.delete(person.id);
      });
      return checkRow(box, person.name);
    });
    const checks = h('div', { class: 'checks checks-people' });
    if (queue) queue.add(checks, boxes);
    else checks.append(...boxes.map((make) => make()));

    const form = new InlineForm({
      id: 'pairing',
      submitLabel: t(draft ? 'pairing.new_pairs' : 'pairing.make'),
      async submit() {
        const skipIds = people.filter((p) => skips.has(p.id)).map((p) => p.id);
        const round = draft
          ? await api.regenerateRound(draft.id, skipIds)
          : await api.createRound({ groupId: scope === '' ? null : Number(scope), skipIds });
        return () => {
          ctx.announce(t('pairing.created'));
          void hooks.reload(roundSelector(round.id, 'confirm'));
        };
      },
    });
    form.submitButton.setAttribute('data-action', 'make');
    // With a draft for these people, its own "New pairs" draws again (with who sits out
    // here); Enter in the form does the same.
    form.submitButton.hidden = draft !== undefined;

    who.addEventListener('change', () => {
      scope = who.value;
      skipsFrom = null;
      // People who are not part of the new choice cannot sit it out.
      const now = new Set(participants(data).map((p) => p.id));
      skips = new Set([...skips].filter((id) => now.has(id)));
      void hooks.reload('#pairing-groupId');
    });

    form.append(
      form.field('groupId', t('pairing.who'), who, {
        hint: draft ? t('pairing.draft_exists') : undefined,
      }),
      people.length
        ? form.fieldset('skipIds', t('pairing.skip'), [checks])
        : h('p', { class: 'empty-line' }, t('pairing.no_participants')),
    );
    return form.form;
  }

  function roundBlock(round: Round, data: FikaData): HTMLElement {
    const name = scopeName(round.groupId, data.groups);
    const isDraft = round.status === 'draft';
    const headId = `round-${round.id}-title`;
    const date = round.confirmedOn ? formatCalendarDate(round.confirmedOn) : '';
    const listLabel = isDraft
      ? t('pairing.draft_pairs', { scope: name })
      : t('pairing.confirmed_pairs', { scope: name, date });
    const attrs = (action: string) => ({ 'aria-describedby': headId, 'data-action': action, class: 'btn btn-quiet btn-small' });

    const warning =
      isDraft && round.repeatedPairs > 0
        ? h(
            'p',
            { class: 'tw-warning', 'data-repeats': String(round.repeatedPairs) },
            icon('alert'),
            h(
              'span',
              {},
              round.bestPossible
                ? tp('pairing.repeat_warning', round.repeatedPairs, { rounds: round.historyRounds })
                : t('pairing.repeat_try_again', { count: round.repeatedPairs, rounds: round.historyRounds }),
            ),
          )
        : null;

    const actions = isDraft
      ? [
          button(t('pairing.new_pairs'), () => void regenerate(round, data), { icon: 'rhythms', variant: 'quiet', attrs: attrs('regenerate') }),
          button(t('pairing.confirm'), () => void confirm(round), {
            icon: 'check',
            variant: 'primary',
            attrs: { 'aria-describedby': headId, 'data-action': 'confirm', class: 'btn btn-primary btn-small' },
          }),
          button(t('common.delete'), () => void remove(round), { icon: 'trash', variant: 'quiet', attrs: attrs('delete') }),
        ]
      : [
          button(t('pairing.copy_text'), () => void showText(round), { icon: 'chat', variant: 'quiet', attrs: attrs('copy') }),
          button(t('common.delete'), () => confirmRemove(round), { icon: 'trash', variant: 'quiet', attrs: attrs('delete') }),
        ];

    return h(
      'div',
      {
        class: `tw-round tw-round-${round.status}`,
        'data-round-id': String(round.id),
        'data-status': round.status,
        role: 'group',
        'aria-labelledby': headId,
      },
      h(
        'div',
        { class: 'tw-round-head' },
        h('h3', { class: 'tw-round-title', id: headId }, name),
        isDraft
          ? tag(t('pairing.status.draft'), 'warn', {}, 'edit')
          : tag(t('pairing.confirmed_on', { date }), 'accent', {}, 'check'),
      ),
      warning,
      h(
        'ul',
        { class: 'tw-pairs', role: 'list', 'aria-label': listLabel },
        ...round.pairs.map((pair) =>
          h(
            'li',
            {
              class: 'tw-pair',
              'data-pair': pair.members.map((m) => m.personId).join(','),
              'data-repeats': String(pair.repeatedPairs),
            },
            h('span', { class: 'tw-pair-names' }, pairNames(pair.members.map((m) => m.name))),
            pair.members.length === 3 ? tag(t('pairing.trio'), 'muted') : null,
            isDraft && pair.repeatedPairs > 0 ? tag(t('pairing.met_recently'), 'warn') : null,
          ),
        ),
      ),
      round.skipped.length
        ? h('p', { class: 'hint' }, t('pairing.skipped', { names: formatList(round.skipped.map((m) => m.name)) }))
        : null,
      h('div', { class: 'actions' }, ...actions),
      texts.has(round.id) ? textPanel(round, texts.get(round.id) ?? '') : null,
    );
  }

  function textPanel(round: Round, text: string): HTMLElement {
    const id = `round-${round.id}-text`;
    const area = h('textarea', {
      id,
      class: 'tw-export',
      readonly: true,
      rows: String(Math.min(12, text.split('\n').length + 1)),
      spellcheck: 'false',
    });
    area.value = text;
    const copy = button(
      t('pairing.copy'),
      () =>
        void copyFrom(area).then(({ copied, message }) => {
          if (copied) ctx.announce(message);
          else ctx.alert(message);
        }),
      { variant: 'primary', attrs: { class: 'btn btn-primary btn-small', 'data-action': 'copy-now' } },
    );
    const close = button(
      t('common.close'),
      () => {
        texts.delete(round.id);
        void hooks.reload(roundSelector(round.id, 'copy'));
      },
      { variant: 'quiet', attrs: { class: 'btn btn-quiet btn-small', 'data-action': 'close-text' } },
    );
    return h(
      'div',
      { class: 'field tw-export-panel' },
      h('div', { class: 'field-head' }, h('label', { for: id }, t('pairing.text'))),
      area,
      h('div', { class: 'actions' }, copy, close),
    );
  }

  async function act(work: () => Promise<unknown>, message: string, focus: FocusTarget): Promise<void> {
    try {
      await work();
      ctx.announce(message);
    } catch (error) {
      ctx.alert(api.asApiError(error).message);
    }
    await hooks.reload(focus);
  }

  /**
   * Draws a draft again. For the people chosen in the form, who sits out is what the form
   * shows; for another draft, the same people as before.
   */
  function regenerate(round: Round, data: FikaData): Promise<void> {
    const here = (round.groupId === null ? '' : String(round.groupId)) === scope;
    const keep = here
      ? participants(data).filter((p) => skips.has(p.id)).map((p) => p.id)
      : round.skipped.map((m) => m.personId);
    return act(() => api.regenerateRound(round.id, keep), t('pairing.created'), roundSelector(round.id, 'regenerate'));
  }

  /** Who sat out this round says nothing about the next: the form starts afresh. */
  function forget(round: Round): void {
    if ((round.groupId === null ? '' : String(round.groupId)) !== scope) return;
    skips = new Set();
    skipsFrom = null;
  }

  function confirm(round: Round): Promise<void> {
    return act(
      async () => {
        await api.confirmRound(round.id);
        forget(round);
      },
      t('pairing.confirmed'),
      roundSelector(round.id, 'copy'),
    );
  }

  /** A draft goes at once: nothing is lost that "Make pairs" cannot draw again. */
  function remove(round: Round): Promise<void> {
    return act(() => api.deleteRound(round.id), t('pairing.deleted'), '#pairing-groupId');
  }

  function confirmRemove(round: Round): void {
    confirmDialog({
      id: 'round-delete',
      title: t('pairing.delete_title'),
      body: t('pairing.delete_body'),
      confirmLabel: t('common.delete'),
      danger: true,
      async action() {
        await api.deleteRound(round.id);
        return () => {
          texts.delete(round.id);
          ctx.announce(t('pairing.deleted'));
          void hooks.reload('#pairing-groupId');
        };
      },
    });
  }

  async function showText(round: Round): Promise<void> {
    try {
      texts.set(round.id, await api.roundText(round.id));
    } catch (error) {
      ctx.alert(api.asApiError(error).message);
      return;
    }
    await hooks.reload(`#round-${round.id}-text`);
  }

  return { card };
}
