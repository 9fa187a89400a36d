/**
 * What a page gets from the window's frame (shell.ts) and what it gives back. It lives apart
 * from the frame so that pages need not import the frame that imports them.
 */
import type { AppInfo } from '../api';

/** What a view may use from the frame. */
export interface Ctx {
  readonly info: AppInfo;
  /**
   * Takes a new AppInfo (after a language change, a restore) and re-renders the whole UI in
   * place; resolves once it is drawn, in the new language's words.
   */
  replaceInfo(info: AppInfo): Promise<void>;
  /** A short success message, read out politely. */
  announce(message: string): void;
  /** An error not tied to a form field, read out at once. */
  alert(message: string): void;
}

/** Fetches the view's data again and redraws what changed, keeping typed input and focus. */
export type Refresh = () => Promise<void>;
