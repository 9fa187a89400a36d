/**
 * The window's frame: sidebar navigation, the content area, the live regions for status
 * messages, re-rendering everything when the language changes, and bringing the current
 * view up to date when the window comes back.
 */
import * as api from './api';
import type { AppInfo } from './api';
import { button, h, icon, type IconName } from './dom';
import { setLang, t, type Key } from './i18n';
import type { Ctx, Refresh } from './lib/frame';
import * as perf from './lib/perf';
import { flushActiveDraft, renderCheckin } from './views/checkin/checkin';
import { renderIdeas } from './views/ideas/ideas';
import { renderInsights } from './views/insights/insights';
import { renderPerson } from './views/person/person';
import { renderRhythms } from './views/rhythms/rhythms';
import { renderSettings } from './views/settings/settings';
import { renderTeam } from './views/team/team';
import { renderToday } from './views/today/today';
import { renderWeek } from './views/week/week';
import { renderWork } from './views/work/work';

type ViewId = 'today' | 'week' | 'team' | 'rhythms' | 'work' | 'ideas' | 'insights' | 'settings';

interface View {
  title: Key;
  icon: IconName;
  /** Draws the view; returns how to bring it up to date without drawing it anew. */
  render(container: HTMLElement, ctx: Ctx): Refresh | void;
}

// In sidebar order.
const VIEWS: Record<ViewId, View> = {
  today: { title: 'nav.today', icon: 'today', render: renderToday },
  week: { title: 'nav.week', icon: 'week', render: renderWeek },
  team: { title: 'nav.team', icon: 'team', render: renderTeam },
  rhythms: { title: 'nav.rhythms', icon: 'rhythms', render: renderRhythms },
  work: { title: 'nav.work', icon: 'folder', render: renderWork },
  ideas: { title: 'nav.ideas', icon: 'chat', render: renderIdeas },
  insights: { title: 'nav.insights', icon: 'chart', render: renderInsights },
  settings: { title: 'nav.settings', icon: 'settings', render: renderSettings },
};
const START_VIEW: ViewId = 'today';

function currentView(): ViewId {
  const id = location.hash.replace(/^#\/?/, '');
  return id in VIEWS ? (id as ViewId) : START_VIEW;
}

/** A page that a view leads to, outside the sidebar: "#/person/12", "#/checkin/12". */
interface Page {
  title: Key;
  /** The sidebar entry it is shown under. */
  section: ViewId;
  render(container: HTMLElement, ctx: Ctx, id: number): Refresh | void;
}

const PAGES = new Map<string, Page>([
  ['person', { title: 'person.page_title', section: 'team', render: renderPerson }],
  ['checkin', { title: 'checkin.page_title', section: 'today', render: renderCheckin }],
]);

function currentPage(): { page: Page; id: number } | null {
  const match = /^#\/(\w+)\/(\d+)$/.exec(location.hash);
  const page = match ? PAGES.get(match[1] ?? '') : undefined;
  return page && match ? { page, id: Number(match[2]) } : null;
}

const STATUS_MS = 6000;

export function startShell(root: HTMLElement, initial: AppInfo): void {
  let info = initial;
  const sidebar = h('aside', { class: 'sidebar' });
  const main = h('main', { class: 'content', id: 'main' });
  // The live regions exist before anything is announced and survive re-renders; a region
  // created together with its message is often not read out.
  const status = h('div', { class: 'toast', role: 'status', 'aria-live': 'polite' });
  const alertRegion = h('div', { class: 'toast toast-error', role: 'alert' });
  root.replaceChildren(h('div', { class: 'layout' }, sidebar, main), status, alertRegion);

  let statusTimer: number | undefined;
  const ctx: Ctx = {
    get info() {
      return info;
    },
    replaceInfo(next) {
      info = next;
      setLang(next.language);
      render();
    },
    announce(message) {
      alertRegion.replaceChildren();
      status.replaceChildren(h('span', {}, message));
      window.clearTimeout(statusTimer);
      statusTimer = window.setTimeout(() => status.replaceChildren(), STATUS_MS);
    },
    alert(message) {
      status.replaceChildren();
      alertRegion.replaceChildren(icon('alert'), h('span', {}, message));
    },
  };

  let refreshView: Refresh | null = null;

  function render(): void {
    const page = currentPage();
    const id = page ? page.page.section : currentView();
    const view = VIEWS[id];
    document.title = `${t(page ? page.page.title : view.title)} – ${t('app.name')}`;
    const timed = page ? `page:${location.hash}` : id;
    perf.renderStarting(timed);
    sidebar.replaceChildren(...renderSidebar(id, ctx));
    main.replaceChildren();
    refreshView = (page ? page.page.render(main, ctx, page.id) : view.render(main, ctx)) ?? null;
    perf.viewRendered(timed);
  }

  // Reminders are acted on from the desktop (a notification's Done, the tray's pause) while
  // the window is away; when it comes back, the view shows what is true now. The window's
  // return is the signal: reminders are timed in Rust alone, and the webview polls nothing.
  let refreshing = false;
  async function refresh(): Promise<void> {
    if (document.visibilityState === 'hidden' || refreshing) return;
    // A dialog holds typed input that a redraw would lose; the next return refreshes.
    if (document.querySelector('dialog[open]')) return;
    refreshing = true; // focus and visibilitychange usually come together
    try {
      if (refreshView) await refreshView();
      else render();
    } finally {
      refreshing = false;
    }
  }
  window.addEventListener('focus', () => void refresh());
  document.addEventListener('visibilitychange', () => void refresh());

  window.addEventListener('hashchange', () => {
    // Messages belong to the view they came from.
    window.clearTimeout(statusTimer);
    status.replaceChildren();
    alertRegion.replaceChildren();
    render();
    // Moving focus to the new heading tells a screen-reader user where they landed.
    main.querySelector<HTMLElement>('h1')?.focus();
  });

  // A click on a sidebar link starts the clock of the view it leads to (lib/perf.ts); the
  // link already shown changes nothing and is not timed.
  sidebar.addEventListener('click', (event) => {
    const link = event.target instanceof Element ? event.target.closest<HTMLAnchorElement>('a.nav-link') : null;
    const target = link?.getAttribute('href');
    if (target && target !== location.hash) perf.navigationStarted(target.replace(/^#\/?/, ''));
  });

  if (!currentPage()) perf.navigationStarted(currentView(), 'start');
  render();
}

function renderSidebar(active: ViewId, ctx: Ctx): Node[] {
  const links = (Object.keys(VIEWS) as ViewId[]).map((id) => {
    const view = VIEWS[id];
    return h(
      'li',
      {},
      h(
        'a',
        {
          href: `#/${id}`,
          class: 'nav-link',
          'aria-current': id === active ? 'page' : null,
        },
        icon(view.icon),
        h('span', {}, t(view.title)),
      ),
    );
  });

  const quit = button(t('nav.quit'), () => void quitApp(ctx), {
    icon: 'quit',
    variant: 'quiet',
    attrs: { class: 'btn btn-quiet nav-quit', 'aria-keyshortcuts': ariaShortcut(ctx.info.quitShortcut) },
  });

  return [
    h(
      'div',
      { class: 'brand' },
      h('span', { class: 'brand-name' }, t('app.name')),
      h('span', { class: 'brand-tagline' }, t('app.tagline')),
    ),
    h('nav', { 'aria-label': t('nav.main') }, h('ul', { class: 'nav-list' }, ...links)),
    // The shortcut sits beside the button, not in it: the button's text stays exactly "Quit".
    h(
      'div',
      { class: 'sidebar-foot' },
      quit,
      h('kbd', { class: 'shortcut', 'aria-hidden': 'true' }, ctx.info.quitShortcut),
    ),
  ];
}

/** "Ctrl+Q" → "Control+Q", "Cmd+Q" → "Meta+Q": the names aria-keyshortcuts expects. */
function ariaShortcut(shortcut: string): string {
  return shortcut.replace(/\bCtrl\b/, 'Control').replace(/\b(Cmd|Command)\b/, 'Meta');
}

export async function quitApp(ctx?: Ctx): Promise<void> {
  try {
    await flushActiveDraft().catch(() => undefined);
    await api.quitApp();
  } catch (error) {
    if (ctx && error instanceof api.ApiError) ctx.alert(error.message);
    else console.error(error);
  }
}
