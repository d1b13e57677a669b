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
