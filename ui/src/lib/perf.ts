/**
 * How quickly a view is ready (issue 16), measured by the UI itself: a mark when a sidebar
 * link is clicked, and a measure from it to the first frame after every load that view
 * started (its own and those of the cards it draws) has drawn its data; the frame is waited
 * for so that style, layout and paint count too. The first view after start is measured
 * from the page's start (`timeOrigin`), and a first Today is told to the shell once
 * (`ui_ready`, for scripts/bench-app.sh).
 *
 * The last MEASURES_KEPT measures of each view stay in the Performance timeline as
 * `view:<id>` entries (`performance.getEntriesByType('measure')`), with what the wait was
 * made of in `detail`; the end-to-end tests and the UI benchmark read them there. A long
 * list puts its first rows in at once and the rest after the view is shown (RowQueue in
 * lib/lists.ts): a `view-complete:<id>` measure says when the last row was in (at the same
 * time as `view:<id>` when nothing waited). Nothing leaves the machine, and nothing is timed
 * unless a view is shown.
 */
import * as api from '../api';

/** Measures kept per view: enough for a benchmark's rounds, bounded for a long day. */
export const MEASURES_KEPT = 50;

/** What one measure's wait was made of, in milliseconds. */
export interface ViewTiming {
  /** From the click (or the page's start) to the view's first frame with its data. */
  total: number;
  /** The longest fetch among the view's own loads (not its cards'): IPC, Rust, JSON both ways. */
  fetch: number;
  /** Building and inserting the DOM: the synchronous render plus every load's draw. */
  dom: number;
  /** From the last draw to the frame after it: style, layout and paint. */
  frame: number;
  /** How many loads the view waited for. */
  loads: number;
  /** 'click' for a sidebar link, 'start' for the first view after start. */
  cause: 'click' | 'start';
}

interface Navigation {
  view: string;
  cause: ViewTiming['cause'];
  start: number;
  /** Loads started and not yet drawn. */
  open: number;
  loads: number;
  /** The shell's synchronous render has returned (loads started after it are the view's own cards). */
  rendered: boolean;
  finishing: boolean;
  fetch: number;
  dom: number;
  /** Lists whose rows are still being added (RowQueue). */
  deferred: number;
  /** The view's measure has been recorded; `view-complete` follows when `deferred` is 0. */
  recorded: boolean;
}

/** The navigation being timed; a newer click replaces it, and the older one is dropped. */
let current: Navigation | null = null;
/** The latest navigation, timed or being timed, whose rows may still be coming in. */
let last: Navigation | null = null;
const kept = new Map<string, { start: number; end: number; detail: ViewTiming | null }[]>();
let toldReady = false;
/** The page's own marks before its first Today, in ms from the page's start (see `ui_ready`). */
const startSteps = { script: 0, info: 0, shown: 0 };

/** A step of the start before the first view: the script runs, or `app_info` has answered. */
export function startStep(step: 'script' | 'info'): void {
  startSteps[step] = performance.now();
}

/** A sidebar link was clicked (or the app started, with `cause` 'start'): time `view` from now. */
export function navigationStarted(view: string, cause: ViewTiming['cause'] = 'click'): void {
  const start = cause === 'start' ? 0 : performance.now();
  if (cause === 'click') performance.mark(`nav:${view}`);
  current = {
    view,
    cause,
    start,
    open: 0,
    loads: 0,
    rendered: false,
    finishing: false,
    fetch: 0,
    dom: 0,
    deferred: 0,
    recorded: false,
  };
  last = current;
}

let renderFrom = 0;

/** The shell is about to draw `view` (a sidebar id, or a page's name): a navigation to another is dropped. */
export function renderStarting(view: string): void {
  if (current && current.view !== view) current = null;
  renderFrom = performance.now();
}

/** The shell's synchronous render of `view` has returned; its loads may still be under way. */
export function viewRendered(view: string): void {
  const nav = current;
  if (!nav || nav.view !== view || nav.rendered) return;
  nav.rendered = true;
  if (nav.cause === 'start') startSteps.shown = renderFrom;
  nav.dom += performance.now() - renderFrom;
  finishWhenDone(nav);
}

/** One load of a view: say when its data arrived and when it was drawn (or failed). */
export interface LoadTiming {
  fetched(): void;
  drawn(): void;
}

/**
 * A draw put off some of its rows (RowQueue); call the answer when the last is in. The
 * latest navigation's `view-complete` waits for it; a no-op for draws after that.
 */
export function rowsDeferred(): () => void {
  const nav = last;
  if (!nav || nav.recorded) return () => undefined;
  nav.deferred += 1;
  let done = false;
  return () => {
    if (done) return;
    done = true;
    nav.deferred -= 1;
    if (nav.deferred === 0 && nav.recorded) keep(`view-complete:${nav.view}`, nav.start, performance.now(), null);
  };
}

/** A loader starts a load that is not a quiet refresh; null when no view is being timed. */
export function loadStarted(): LoadTiming | null {
  const nav = current;
  if (!nav || nav.finishing) return null;
  nav.open += 1;
  nav.loads += 1;
  // A card's own load starts inside the view's draw and waits for that draw to end: only the
  // view's own loads say how long the data took.
  const own = !nav.rendered;
  const began = performance.now();
  let arrived: number | null = null;
  let done = false;
  return {
    fetched() {
      if (arrived !== null) return;
      arrived = performance.now();
      if (own) nav.fetch = Math.max(nav.fetch, arrived - began);
    },
    drawn() {
      if (done) return;
      done = true;
      if (arrived !== null) nav.dom += performance.now() - arrived;
      nav.open -= 1;
      finishWhenDone(nav);
    },
  };
}

function finishWhenDone(nav: Navigation): void {
  if (nav !== current || !nav.rendered || nav.open > 0 || nav.finishing) return;
  nav.finishing = true;
  const lastDraw = performance.now();
  // The animation frame runs before the browser lays out and paints; a task queued from it
  // runs after that frame is on the screen.
  requestAnimationFrame(() => {
    window.setTimeout(() => {
      if (nav !== current) return; // the user went on before this view was ready
      current = null;
      const end = performance.now();
      record(nav, end, end - lastDraw);
    }, 0);
  });
}

function record(nav: Navigation, end: number, frame: number): void {
  const detail: ViewTiming = {
    total: end - nav.start,
    fetch: nav.fetch,
    dom: nav.dom,
    frame,
    loads: nav.loads,
    cause: nav.cause,
  };
  nav.recorded = true;
  keep(`view:${nav.view}`, nav.start, end, detail);
  if (nav.deferred === 0) keep(`view-complete:${nav.view}`, nav.start, end, null);
  if (nav.cause === 'start' && nav.view === 'today' && !toldReady) {
    toldReady = true;
    const steps = { ...startSteps, fetch: detail.fetch, dom: detail.dom, frame: detail.frame };
    api.uiReady(detail.total, steps).catch((error: unknown) => console.error(api.asApiError(error).message));
  }
}

/** Adds a measure named `name`, keeping the newest MEASURES_KEPT of that name. */
function keep(name: string, start: number, end: number, detail: ViewTiming | null): void {
  const list = kept.get(name) ?? [];
  list.push({ start, end, detail });
  if (list.length > MEASURES_KEPT) {
    // The timeline keeps every measure until cleared: drop this name's and put back the newest.
    list.splice(0, list.length - MEASURES_KEPT);
    performance.clearMeasures(name);
    for (const m of list.slice(0, -1)) performance.measure(name, { start: m.start, end: m.end, detail: m.detail });
  }
  kept.set(name, list);
  performance.measure(name, { start, end, detail });
}
