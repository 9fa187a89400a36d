/**
 * The draft an open screen holds and has not saved yet (the check-in screen's): quitting and
 * closing the window save it first (main.ts, shell.ts). The screen's keeper registers itself
 * here, so the frame can ask without loading the screen's code.
 */
interface Keeper {
  /** Saves what the screen holds now; resolves when the save has landed. */
  flush(): Promise<void>;
}

let active: Keeper | null = null;

/** `keeper` holds the draft of the screen that is open now. */
export function keepActiveDraft(keeper: Keeper): void {
  active = keeper;
}

/** `keeper` has stopped saving; nothing is done if another has taken its place. */
export function dropActiveDraft(keeper: Keeper): void {
  if (active === keeper) active = null;
}

/**
 * Saves what the open screen holds right now: quitting or closing the window must not lose
 * the last words typed inside the debounce.
 */
export function flushActiveDraft(): Promise<void> {
  return active ? active.flush() : Promise.resolve();
}
