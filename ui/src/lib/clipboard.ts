/** Copying text for a chat or an e-mail, with the keys to press where the webview refuses. */
import { t } from '../i18n';

/** "Ctrl+C", or "⌘C" on a Mac: how to copy by hand. */
function copyKeys(): string {
  return /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent) ? '⌘C' : 'Ctrl+C';
}

/**
 * Copies the text of `area` to the clipboard; where the webview refuses, the text is selected
 * so that Ctrl+C copies it. Resolves to the message to announce.
 */
export async function copyFrom(area: HTMLTextAreaElement): Promise<{ copied: boolean; message: string }> {
  try {
    await navigator.clipboard.writeText(area.value);
    return { copied: true, message: t('pairing.copied') };
  } catch {
    area.focus();
    area.select();
    let copied = false;
    try {
      // The older way still works in some webviews where the Clipboard API is off.
      copied = document.execCommand('copy');
    } catch {
      copied = false;
    }
    return copied
      ? { copied: true, message: t('pairing.copied') }
      : { copied: false, message: t('pairing.copy_failed', { keys: copyKeys() }) };
  }
}
