/**
 * Copying the brief. The async Clipboard API is there in both browsers for a user's click on a secure page
 * (Chromium; Firefox 127+ for `write` with `ClipboardItem`), but a page's permissions policy can deny it; the
 * fallback is the `copy` event, fired by `document.execCommand('copy')` inside the same click, whose
 * `clipboardData` takes every format at once (https://w3c.github.io/clipboard-apis/#override-copy).
 */

export interface ClipboardFormats {
  'text/plain': string;
  'text/html'?: string;
}

/** Copies the formats given; resolves to whether the browser took them. */
export async function copyFormats(formats: ClipboardFormats): Promise<boolean> {
  try {
    const html = formats['text/html'];
    if (html !== undefined && typeof ClipboardItem === 'function' && navigator.clipboard?.write) {
      await navigator.clipboard.write([
        new ClipboardItem({
          'text/html': new Blob([html], { type: 'text/html' }),
          'text/plain': new Blob([formats['text/plain']], { type: 'text/plain' }),
        }),
      ]);
      return true;
    }
    if (html === undefined && navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(formats['text/plain']);
      return true;
    }
  } catch {
    // Denied (permissions policy, no user activation left): the copy event below still can.
  }
  return copyByEvent(formats);
}

function copyByEvent(formats: ClipboardFormats): boolean {
  let done = false;
  const onCopy = (event: ClipboardEvent) => {
    if (!event.clipboardData) return;
    for (const [type, data] of Object.entries(formats))
      if (data !== undefined) event.clipboardData.setData(type, data);
    event.preventDefault();
    done = true;
  };
  document.addEventListener('copy', onCopy, { capture: true, once: true });
  try {
    document.execCommand('copy');
  } catch {
    // No clipboard at all: the caller says so.
  } finally {
    document.removeEventListener('copy', onCopy, { capture: true });
  }
  return done;
}
