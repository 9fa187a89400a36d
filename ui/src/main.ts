/**
 * Entry point: asks Rust for the app's state, then shows either the startup error or the
 * app, and wires the quit shortcut.
 */
import './style.css';
import * as api from './api';
import { setLang } from './i18n';
import { flushActiveDraft } from './lib/drafts';
import * as perf from './lib/perf';
import { quitApp, startShell } from './shell';
import { renderRecovery, renderStartupError } from './views/startup/startup';

const isMac = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

// Ctrl+Q (Cmd+Q on macOS) quits from anywhere, the error screen included; Ctrl+W (Cmd+W)
// closes the window while Närvaro keeps running in the tray.
document.addEventListener('keydown', (event) => {
  const modifier = isMac ? event.metaKey && !event.ctrlKey : event.ctrlKey && !event.metaKey;
  if (!modifier || event.altKey || event.shiftKey) return;
  const key = event.key.toLowerCase();
  if (key === 'q') {
    event.preventDefault();
    void quitApp();
  } else if (key === 'w') {
    event.preventDefault();
    void flushActiveDraft()
      .catch(() => undefined)
      .then(() => api.closeWindow())
      .catch(() => undefined);
  }
});

async function start(root: HTMLElement): Promise<void> {
  try {
    await show(root);
  } finally {
    // The first view has asked for its data (its loads start as it is drawn), or the start
    // showed something else: answers asked for early and not taken are dropped now.
    api.endEarly();
  }
}

/** Asks for the app's state and draws what it calls for: the app, its recovery or why it cannot start. */
async function show(root: HTMLElement): Promise<void> {
  // Until app_info answers, and if it cannot, the webview's language is the best guess.
  setLang(navigator.language.toLowerCase().startsWith('sv') ? 'sv' : 'en');
  let info: api.AppInfo;
  try {
    info = await api.appInfo();
    perf.startStep('info');
  } catch (error) {
    renderStartupError(root, error instanceof api.ApiError ? error.message : String(error));
    return;
  }
  setLang(info.language);
  if (info.interfaceFont) useInterfaceFont(info.interfaceFont);
  if (info.recovery) {
    renderRecovery(root, info.recovery, (opened) => {
      setLang(opened.language);
      startShell(root, opened);
    });
    return;
  }
  if (info.startupError) {
    renderStartupError(root, info.startupError.message);
    return;
  }
  startShell(root, info);
}

/**
 * Draws the interface in `family`, the font the shell found for `system-ui` (style.css), as
 * a CSS string: quotes and backslashes escaped, line breaks as CSS escapes.
 */
function useInterfaceFont(family: string): void {
  const quoted = `"${family.replace(/["\\]/g, '\\$&').replace(/[\r\n\f]/g, '\\a ')}"`;
  document.documentElement.style.setProperty('--interface-font', quoted);
}

perf.startStep('script');
const root = document.getElementById('app');
if (root) void start(root);
