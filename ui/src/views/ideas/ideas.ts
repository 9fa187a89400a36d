/**
 * The Ideas view (Idéer): the team's suggestions for better remote work, each with its
 * status, who suggested it (or "anonymous"), when, and the manager's response; ideas that
 * have waited too long for an answer carry a "Report back" tag (Today's card of them is
 * parts/report-back.ts).
 */
import './ideas.css';
import * as api from '../../api';
import type { Idea, IdeaStatus, Person } from '../../api';
import { button, h, icon, pageHead } from '../../dom';
import { formatCalendarDate, t, type Key } from '../../i18n';
import { confirmDialog } from '../../lib/form';
import type { Ctx, Refresh } from '../../lib/frame';
import { rowSelect } from '../../lib/lists';
import { alertFailure, loader } from '../../lib/reload';
import { tag, type TagTone } from '../../lib/tags';
import { prose } from '../../lib/text';
import { openIdeaDialog, openResponseDialog } from './idea-dialog';

const IDEA_STATUSES: readonly IdeaStatus[] = api.IDEA_STATUSES;

const STATUS_KEY: Record<IdeaStatus, Key> = {
  new: 'idea.status.new',
  discussing: 'idea.status.discussing',
  trying: 'idea.status.trying',
  adopted: 'idea.status.adopted',
  declined: 'idea.status.declined',
};

const STATUS_TONE: Record<IdeaStatus, TagTone> = {
  new: 'accent',
  discussing: 'accent',
  trying: 'accent',
  adopted: 'accent',
  declined: 'muted',
};

function ideaSelector(id: Idea['id'], action?: string): string {
  const row = `[data-idea-id="${CSS.escape(String(id))}"]`;
  return action ? `${row} [data-action="${action}"]` : row;
}

export function renderIdeas(container: HTMLElement, ctx: Ctx): Refresh {
  const heading = h('h1', { tabindex: '-1' }, t('nav.ideas'));
  const add = button(t('idea.new'), () => openEditor(undefined), {
    icon: 'plus',
    variant: 'primary',
    attrs: { 'data-action': 'new-idea' },
  });
  const body = h('div', { class: 'stack' });
  container.append(
    pageHead(heading, t('ideas.intro'), add),
    body,
  );

  let people: Person[] = [];
  const page = loader({
    root: body,
    fallback: () => heading,
    fetch: () => Promise.all([api.listIdeas(), api.listPeople(), api.reportBackDue()]),
    draw([ideas, shownPeople, due]) {
      people = shownPeople;
      body.replaceChildren(ideasCard(ideas, new Set(due.map((d) => d.ideaId))));
    },
    failed: alertFailure(ctx),
  });
  const reload = (focus: string) => page.reload(focus);

  function ideasCard(ideas: Idea[], due: Set<Idea['id']>): HTMLElement {
    const title = t('nav.ideas');
    return h(
      'section',
      { class: 'card', id: 'ideas', 'aria-labelledby': 'ideas-title' },
      h(
        'div',
        { class: 'card-head' },
        h('h2', { id: 'ideas-title' }, icon('chat'), h('span', {}, title)),
        ideas.length ? h('span', { class: 'count' }, String(ideas.length)) : null,
        due.size ? tag(`${t('idea.report_back_tag')}: ${due.size}`, 'warn', {}, 'bell') : null,
      ),
      h('ul', { class: 'items tw-ideas', role: 'list', 'aria-label': title }, ...ideas.map((idea) => ideaRow(idea, due.has(idea.id)))),
      ideas.length
        ? null
        : h(
            'div',
            { class: 'empty' },
            h('p', {}, t('ideas.empty')),
            button(t('idea.new'), () => openEditor(undefined), { icon: 'plus', variant: 'quiet' }),
          ),
    );
  }

  function ideaRow(idea: Idea, reportBack: boolean): HTMLElement {
    const titleId = `idea-${idea.id}-title`;
    const quiet = (action: string) => ({ 'aria-describedby': titleId, 'data-action': action, class: 'btn btn-quiet btn-small' });
    const by =
      idea.suggestedBy === null
        ? t('idea.anonymous')
        : t('idea.by', { name: people.find((p) => p.id === idea.suggestedBy)?.name ?? '' });
    return h(
      'li',
      {
        class: `item tw-idea tw-idea-${idea.status}`,
        'data-idea-id': String(idea.id),
        'data-status': idea.status,
        'data-report-back': reportBack ? 'due' : null,
      },
      h(
        'div',
        { class: 'item-text' },
        h(
          'span',
          { class: 'item-head' },
          h('span', { class: 'item-title', id: titleId }, idea.title),
          tag(t(STATUS_KEY[idea.status]), STATUS_TONE[idea.status], {}, idea.status === 'adopted' ? 'check' : undefined),
          reportBack ? tag(t('idea.report_back_tag'), 'warn', { 'data-flag': 'report-back' }, 'bell') : null,
        ),
        idea.description ? prose(idea.description, { class: 'tw-prose item-desc' }) : null,
        h(
          'span',
          { class: 'item-meta' },
          h('span', {}, by),
          h('time', { datetime: idea.suggestedOn }, formatCalendarDate(idea.suggestedOn)),
        ),
        idea.response !== null
          ? h(
              'div',
              { class: 'tw-response' },
              h(
                'span',
                { class: 'tw-response-head' },
                t('idea.your_response', { date: idea.respondedOn ? formatCalendarDate(idea.respondedOn) : '' }),
              ),
              prose(idea.response),
            )
          : h('span', { class: 'item-meta' }, h('span', {}, t('idea.no_response'))),
      ),
      h(
        'div',
        { class: 'actions tw-row-actions' },
        rowSelect(
          `idea-${idea.id}-status`,
          t('idea.status'),
          IDEA_STATUSES.map((s): [string, string] => [s, t(STATUS_KEY[s])]),
          idea.status,
          titleId,
          (value, control) => void changeStatus(idea, value as IdeaStatus, control),
        ),
        button(t('idea.respond'), () => respond(idea), {
          icon: 'chat',
          attrs: { 'aria-describedby': titleId, 'data-action': 'respond', class: reportBack ? 'btn btn-primary btn-small' : 'btn btn-plain btn-small' },
        }),
        button(t('common.edit'), () => openEditor(idea), { icon: 'edit', variant: 'quiet', attrs: quiet('edit') }),
        button(t('common.delete'), () => confirmDelete(idea), { icon: 'trash', variant: 'quiet', attrs: quiet('delete') }),
      ),
    );
  }

  async function changeStatus(idea: Idea, status: IdeaStatus, control: HTMLSelectElement): Promise<void> {
    control.disabled = true;
    try {
      const saved = await api.setIdeaStatus(idea.id, status);
      ctx.announce(t('idea.status_saved', { title: saved.title, status: t(STATUS_KEY[saved.status]) }));
    } catch (error) {
      ctx.alert(api.asApiError(error).message);
    }
    await reload(ideaSelector(idea.id, 'status'));
  }

  function respond(idea: Idea): void {
    openResponseDialog({
      idea,
      onSaved(saved, withdrawn) {
        ctx.announce(t(withdrawn ? 'idea.response_withdrawn' : 'idea.responded', { title: saved.title }));
        void reload(ideaSelector(saved.id, 'respond'));
      },
    });
  }

  function openEditor(idea: Idea | undefined): void {
    openIdeaDialog({
      idea,
      people,
      onSaved(saved, created) {
        ctx.announce(t(created ? 'idea.added' : 'idea.saved', { title: saved.title }));
        void reload(ideaSelector(saved.id, created ? 'respond' : 'edit'));
      },
    });
  }

  function confirmDelete(idea: Idea): void {
    confirmDialog({
      id: 'idea-delete',
      title: t('idea.delete_title', { title: idea.title }),
      body: t('idea.delete_body'),
      confirmLabel: t('common.delete'),
      danger: true,
      async action() {
        await api.deleteIdea(idea.id);
        return () => {
          ctx.announce(t('idea.deleted', { title: idea.title }));
          void reload('[data-action="new-idea"]');
        };
      },
    });
  }

  void page.reload();
  return page.refresh;
}
