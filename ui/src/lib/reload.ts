/**
 * The one way a view brings itself up to date. After a change it made, `reload(focus)`
 * fetches, draws, and puts focus on what changed. When the window comes back (see shell.ts),
 * `refresh()` fetches quietly and redraws only when what it would show has changed, keeping
 * focus where it was; a refresh while a load is under way is not needed and is skipped.
 */
import * as api from '../api';
import { localToday } from './dates';
import { focusFirst, keepFocus, type FocusTarget } from './focus';
import type { Ctx, Refresh } from './frame';
import { loadStarted } from './perf';

/** What a view last drew, as text; a refresh that would draw the same leaves the DOM alone. */
export class Snapshot {
  private last: string | null = null;

  /** Records `parts` (and today's date, which changes relative texts) and says whether they differ. */
  changed(...parts: unknown[]): boolean {
    const next = JSON.stringify([localToday(), ...parts]);
    if (next === this.last) return false;
    this.last = next;
    return true;
  }
}

export interface LoaderOptions<T> {
  /** What the view draws into; once it has left the document (the user went on), nothing is drawn. */
  root: HTMLElement;
  /** Where focus targets are looked for, when wider than `root` (a page header's buttons). */
  focusRoot?: HTMLElement;
  /** Where focus goes when its target is gone: the page heading. */
  fallback(): HTMLElement | null;
  /** Fetches everything the view shows. */
  fetch(): Promise<T>;
  /** What a quiet refresh compares with the last draw; the data itself when absent. */
  compare?(data: T): unknown[];
  /** Draws `data`, replacing what is inside `root`. */
  draw(data: T): void;
  /** A fetch failed: say so (see alertFailure); `quiet` for a refresh the user did not ask for. */
  failed(message: string, quiet: boolean): void;
}

export interface Loader {
  /** Fetches and draws, then puts focus on `focus` (null or absent: focus is left alone). */
  reload(focus?: FocusTarget): Promise<void>;
  /** The window came back: draws only when something changed, focus kept. */
  refresh: Refresh;
}

/** The usual failure: an alert, unless the refresh was quiet (the page still shows what it had). */
export function alertFailure(ctx: Ctx): (message: string, quiet: boolean) => void {
  return (message, quiet) => {
    if (!quiet) ctx.alert(message);
  };
}

export function loader<T>(options: LoaderOptions<T>): Loader {
  const shown = new Snapshot();
  let loading = 0;

  async function load(focus: FocusTarget, quiet: boolean): Promise<void> {
    // A load under way (the first, or after an action) is as fresh as a refresh would be.
    if (quiet && loading > 0) return;
    loading += 1;
    // A load the user asked for (a view shown, an action) counts toward the view's time.
    const timing = quiet ? null : loadStarted();
    let data: T;
    try {
      data = await options.fetch();
    } catch (error) {
      options.failed(api.asApiError(error).message, quiet);
      timing?.drawn();
      return;
    } finally {
      loading -= 1;
    }
    timing?.fetched();
    try {
      if (!options.root.isConnected) return; // the user navigated away meanwhile
      const changed = shown.changed(...(options.compare ? options.compare(data) : [data]));
      if (quiet) {
        if (changed) keepFocus(options.root, options.fallback, () => options.draw(data));
        return;
      }
      options.draw(data);
      focusFirst(options.focusRoot ?? options.root, focus, options.fallback);
    } finally {
      timing?.drawn();
    }
  }

  return {
    reload: (focus = null) => load(focus, false),
    refresh: () => load(null, true),
  };
}
