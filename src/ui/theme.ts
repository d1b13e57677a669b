/**
 * Follows the host page's own theme, whatever the site: the luminance of the page's background colour decides.
 * GitHub's `data-color-mode="auto"` and sites without a background fall back to prefers-color-scheme.
 */
export function pageTheme(doc: Document = document): 'light' | 'dark' {
  for (const el of [doc.body, doc.documentElement]) {
    if (!el) continue;
    const rgb = /rgba?\((\d+),\s*(\d+),\s*(\d+)(?:,\s*([\d.]+))?\)/.exec(
      getComputedStyle(el).backgroundColor,
    );
    if (!rgb || rgb[4] === '0') continue;
    const [r, g, b] = [rgb[1], rgb[2], rgb[3]].map((c) => Number(c) / 255) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.4 ? 'dark' : 'light';
  }
  return doc.defaultView?.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/**
 * Calls `onChange` whenever the page's theme changes: an attribute of `<html>` or `<body>` (GitHub's
 * `data-color-mode`, a `dark` class, an inline style), a replaced `<body>`, or the OS switching
 * `prefers-color-scheme` (which restyles pages that follow it, such as GitHub's `auto` mode). Stops with `signal`.
 */
export function watchTheme(
  onChange: (theme: 'light' | 'dark') => void,
  signal: AbortSignal,
  doc: Document = document,
): void {
  const win = doc.defaultView;
  if (!win || signal.aborted) return;
  let last = pageTheme(doc);
  const check = () => {
    const now = pageTheme(doc);
    if (now === last) return;
    last = now;
    onChange(now);
  };
  let body: HTMLElement | null = null;
  const observer = new win.MutationObserver(() => {
    if (doc.body !== body) observeBody();
    check();
  });
  const observeBody = () => {
    body = doc.body;
    if (body) observer.observe(body, { attributes: true });
  };
  observer.observe(doc.documentElement, { attributes: true, childList: true });
  observeBody();
  const media = win.matchMedia?.('(prefers-color-scheme: dark)');
  media?.addEventListener('change', check, { signal });
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
}
