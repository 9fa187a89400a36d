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
import { flushActiveDraft } from './lib/drafts';
import { renderToday } from './views/today/today';

type ViewId = 'today' | 'week' | 'team' | 'rhythms' | 'work' | 'ideas' | 'insights' | 'settings';

/** Draws a view into `container`; returns how to bring it up to date without drawing it anew. */
type Draw = (container: HTMLElement, ctx: Ctx) => Refresh | void;

/**
 * A view's code. Today's is part of the start; every other view's is its own file of the
 * build, fetched and run on the first visit, so the window parses only what its first Today
 * needs (issue 16).
 */
class Code<T> {
  private value: T | null = null;
  private loading: Promise<T> | null = null;

  private constructor(private readonly load: () => Promise<T>) {}

  /** Code fetched on first use. */
  static later<T>(load: () => Promise<T>): Code<T> {
    return new Code(load);
  }

  /** Code in the start bundle. */
  static now<T>(value: T): Code<T> {
    const code = new Code<T>(() => Promise.resolve(value));
    code.value = value;
    return code;
  }

  /** The code if it is here already. */
  now(): T | null {
    return this.value;
  }

  /** The code, fetched once; a failed fetch is tried again on the next visit. */
  get(): Promise<T> {
    this.loading ??= this.load().then(
      (value) => (this.value = value),
      (error: unknown) => {
        this.loading = null;
        throw error;
      },
    );
    return this.loading;
  }
}

interface View {
  title: Key;
  icon: IconName;
  code: Code<Draw>;
}

// In sidebar order.
const VIEWS: Record<ViewId, View> = {
  today: { title: 'nav.today', icon: 'today', code: Code.now<Draw>(renderToday) },
  week: { title: 'nav.week', icon: 'week', code: Code.later(async () => (await import('./views/week/week')).renderWeek) },
  team: { title: 'nav.team', icon: 'team', code: Code.later(async () => (await import('./views/team/team')).renderTeam) },
  rhythms: {
    title: 'nav.rhythms',
    icon: 'rhythms',
    code: Code.later(async () => (await import('./views/rhythms/rhythms')).renderRhythms),
  },
  work: { title: 'nav.work', icon: 'folder', code: Code.later(async () => (await import('./views/work/work')).renderWork) },
  ideas: { title: 'nav.ideas', icon: 'chat', code: Code.later(async () => (await import('./views/ideas/ideas')).renderIdeas) },
  insights: {
    title: 'nav.insights',
    icon: 'chart',
    code: Code.later(async () => (await import('./views/insights/insights')).renderInsights),
  },
  settings: {
    title: 'nav.settings',
    icon: 'settings',
    code: Code.later(async () => (await import('./views/settings/settings')).renderSettings),
  },
};
const START_VIEW: ViewId = 'today';

function currentView(): ViewId {
  const id = location.hash.replace(/^#\/?/, '');
  return id in VIEWS ? (id as ViewId) : START_VIEW;
}

/** A page that a view leads to, outside the sidebar: "#/person/12", "#/checkin/12". */
type PageDraw = (container: HTMLElement, ctx: Ctx, id: number) => Refresh | void;

interface Page {
  title: Key;
  /** The sidebar entry it is shown under. */
  section: ViewId;
  code: Code<PageDraw>;
}

const PAGES = new Map<string, Page>([
  [
    'person',
    {
      title: 'person.page_title',
      section: 'team',
      code: Code.later(async () => (await import('./views/person/person')).renderPerson),
    },
  ],
  [
    'checkin',
    {
      title: 'checkin.page_title',
      section: 'today',
      code: Code.later(async () => (await import('./views/checkin/checkin')).renderCheckin),
    },
  ],
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
    async replaceInfo(next) {
      setLang(next.language);
      info = next;
      await render();
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
  /** Counts draws: a view whose code arrives after the user has gone on is not drawn. */
  let draws = 0;
  /** Views whose code is being fetched: the window's return need not draw them again. */
  let fetching = 0;

  /**
   * Draws the view or page at the address. Resolves true once it is drawn: at once when its
   * code is here, after fetching it on a first visit; false when another draw took its place
   * or its code could not be fetched.
   */
  async function render(): Promise<boolean> {
    const ticket = ++draws;
    const page = currentPage();
    const id = page ? page.page.section : currentView();
    const view = VIEWS[id];
    const title = page ? page.page.title : view.title;
    document.title = `${t(title)} – ${t('app.name')}`;
    const timed = page ? `page:${location.hash}` : id;
    perf.renderStarting(timed);
    sidebar.replaceChildren(...renderSidebar(id, ctx));
    main.replaceChildren();
    refreshView = null;
    let draw = page ? pageDraw(page.page, page.id) : (view.code.now() ?? view.code.get());
    if (draw instanceof Promise) {
      fetching += 1;
      try {
        draw = await draw;
      } catch (error) {
        console.error(error);
        if (ticket === draws) {
          main.replaceChildren(h('header', { class: 'page-head' }, h('h1', { tabindex: '-1' }, t(title))));
          ctx.alert(t('nav.view_failed'));
        }
        return false;
      } finally {
        fetching -= 1;
      }
      if (ticket !== draws) return false;
      perf.renderStarting(timed);
    }
    refreshView = draw(main, ctx) ?? null;
    perf.viewRendered(timed);
    return true;
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
      else if (fetching === 0) await render();
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
    void render().then((drawn) => {
      // Moving focus to the new heading tells a screen-reader user where they landed.
      if (drawn) main.querySelector<HTMLElement>('h1')?.focus();
    });
  });

  // A click on a sidebar link starts the clock of the view it leads to (lib/perf.ts); the
  // link already shown changes nothing and is not timed.
  sidebar.addEventListener('click', (event) => {
    const link = event.target instanceof Element ? event.target.closest<HTMLAnchorElement>('a.nav-link') : null;
    const target = link?.getAttribute('href');
    if (target && target !== location.hash) perf.navigationStarted(target.replace(/^#\/?/, ''));
  });

  if (!currentPage()) perf.navigationStarted(currentView(), 'start');
  void render();
}

/** A page's draw for `id`: at once when its code is here, else once it is fetched. */
function pageDraw(page: Page, id: number): Draw | Promise<Draw> {
  const bind =
    (draw: PageDraw): Draw =>
    (container, ctx) =>
      draw(container, ctx, id);
  const now = page.code.now();
  return now ? bind(now) : page.code.get().then(bind);
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
