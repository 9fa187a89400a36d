/**
 * The first Today's calls, asked before the app's script has loaded (issue 16). The page's
 * script takes some 30 ms to arrive and compile; the calls below are sent by a small inline
 * script at the top of index.html (written from this list by vite.config.ts), so that their
 * answers are waiting when the script starts and the first Today is built with no round trip
 * to wait for.
 *
 * `call` (api/index.ts) takes each answer once, for the same command and arguments; the start
 * ends the early answers (`endEarly`) once the first view has asked for its data, so that no
 * later call is answered from the start. Without the inline script (the Vite dev server, a
 * webview that refused it) nothing is taken and every call goes to the shell as usual.
 */
import type { Command } from '../bindings/commands';

/** How many days Today's agenda shows: today and the seven after it. */
export const TODAY_AGENDA_DAYS = 8;

/** A call asked early: the command, its arguments as `call` passes them, and whether only a start at Today makes it. */
type EarlyCall = readonly [cmd: Command, args: Record<string, unknown>, todayOnly: boolean];

/** What a start asks for first: `app_info` always; Today's own loads and its cards' when Today is the view started at. */
export const EARLY_CALLS: readonly EarlyCall[] = [
  ['app_info', {}, false],
  ['agenda', { days: TODAY_AGENDA_DAYS }, true],
  ['reminder_preferences', {}, true],
  ['missed_reminders', {}, true],
  ['reminder_trouble', {}, true],
  ['followups_due', {}, true],
  ['report_back_due', {}, true],
];

/** Where the inline script leaves the answers: key (`keyOf`, which the script spells out too) → the IPC call's promise. */
const GLOBAL = '__narvaroEarly';

function keyOf(cmd: string, args: Record<string, unknown>): string {
  return cmd + JSON.stringify(args);
}

/**
 * The inline script's text. Today is the view for no route, `#/today` and `#/`; a start at
 * another route (a notification's check-in) asks only for `app_info`. A failed call is not
 * reported here: whoever takes it reports it, as for any call.
 */
export function earlyScript(): string {
  return `(() => {
  const ipc = window.__TAURI_INTERNALS__;
  if (!ipc) return;
  const route = location.hash.replace(/^#\\/?/, '');
  const today = route === '' || route === 'today';
  const early = new Map();
  for (const [cmd, args, todayOnly] of ${JSON.stringify(EARLY_CALLS)}) {
    if (todayOnly && !today) continue;
    const answer = ipc.invoke(cmd, args);
    answer.catch(() => undefined);
    early.set(cmd + JSON.stringify(args), answer);
  }
  window.${GLOBAL} = early;
})();`;
}

type Early = Map<string, Promise<unknown>>;

function pending(): Early | undefined {
  const held = (window as unknown as Record<string, unknown>)[GLOBAL];
  return held instanceof Map ? (held as Early) : undefined;
}

let taken = 0;

/** The early answer to `cmd` with `args`, once; undefined when none was asked for or it was taken. */
export function takeEarly<T>(cmd: Command, args: Record<string, unknown> | undefined): Promise<T> | undefined {
  const early = pending();
  if (!early) return undefined;
  const key = keyOf(cmd, args ?? {});
  const answer = early.get(key);
  if (!answer) return undefined;
  early.delete(key);
  taken += 1;
  return answer as Promise<T>;
}

/**
 * The start has asked for what it needed: answers not taken are dropped, and an `early-calls`
 * mark says how many were taken and which were not (the end-to-end tests read it).
 */
export function endEarly(): void {
  const early = pending();
  if (!early) return;
  performance.mark('early-calls', { detail: { taken, unused: [...early.keys()] } });
  early.clear();
  (window as unknown as Record<string, unknown>)[GLOBAL] = undefined;
}
