/**
 * Shared helpers for the replica pages: strict HTML escaping, a document shell, and the tiny runtime
 * the SPA-like pages use to build open shadow roots and to "mount" late, as the real single-page apps do.
 *
 * Rule of this folder: every value that comes from props goes through `escapeHtml` (text and attribute
 * values alike) or `urlPath` (URL path segments, then `escapeHtml`). Attribute *names* and tag names are
 * always literals written here. The inline scripts never receive data: they only move markup that the
 * server already escaped (from <template> elements) into shadow roots or into the page.
 */

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/** Escapes a value for use as HTML text or as a quoted attribute value. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"'`]/g, (ch) => HTML_ESCAPES[ch] ?? ch);
}

/** Short alias used inside templates. */
export const e = escapeHtml;

/** Percent-encodes one URL path segment (a login, a repo name, an issue key). */
export function seg(value: unknown): string {
  return encodeURIComponent(String(value ?? ''));
}

/** Percent-encodes a path that may legitimately contain slashes (a branch name), segment by segment. */
export function urlPath(value: unknown): string {
  return String(value ?? '')
    .split('/')
    .map((part) => encodeURIComponent(part))
    .join('/');
}

export type AttrValue = string | number | boolean | null | undefined;

/** Renders attributes; names are trusted literals, values are escaped; `true` → bare, false/null → omitted. */
export function attrs(map: Record<string, AttrValue>): string {
  let out = '';
  for (const [name, value] of Object.entries(map)) {
    if (value === false || value === null || value === undefined) continue;
    if (!/^[a-zA-Z_:][-a-zA-Z0-9_:.]*$/.test(name)) throw new Error(`bad attribute name: ${name}`);
    out += value === true ? ` ${name}` : ` ${name}="${escapeHtml(value)}"`;
  }
  return out;
}

/** Joins fragments, dropping empty ones (lets templates use `cond && '...'`). */
export function join(parts: Array<string | false | null | undefined>, sep = ''): string {
  return parts.filter((p): p is string => typeof p === 'string' && p.length > 0).join(sep);
}

/** An inline script. `code` must be a constant written in this folder, never data. */
export function inlineScript(code: string): string {
  if (/<\/script/i.test(code) || /<!--/.test(code))
    throw new Error('inline script must not contain </script or <!--');
  return `<script>${code}</script>`;
}

/**
 * Marks `html` as the content of an open shadow root of the element it is placed in (as its last child).
 * `HYDRATE_JS` moves it there at runtime; nested shadow roots work because the content is hydrated
 * recursively once it is inside its shadow root.
 */
export function shadowRoot(html: string): string {
  return `<template data-replica-shadowroot>${html}</template>`;
}

/**
 * Runtime for `shadowRoot()` and for late mounting. Defines `__replica.hydrate(root)` and
 * `__replica.mount(templateId, targetSelector, delayMs, done)`. The marker templates are removed
 * once used, so what remains in the DOM is only the page's own markup.
 */
export const HYDRATE_JS = `
window.__replica = window.__replica || (function () {
  function hydrate(root) {
    var tpls = Array.prototype.slice.call(root.querySelectorAll('template[data-replica-shadowroot]'));
    for (var i = 0; i < tpls.length; i++) {
      var tpl = tpls[i];
      var host = tpl.parentElement;
      if (!host || !tpl.isConnected) continue;
      tpl.remove();
      var sr = host.shadowRoot || host.attachShadow({ mode: 'open' });
      sr.appendChild(tpl.content.cloneNode(true));
      hydrate(sr);
    }
  }
  function mount(templateId, targetSelector, delayMs, done) {
    setTimeout(function () {
      var tpl = document.getElementById(templateId);
      var target = document.querySelector(targetSelector);
      if (!tpl || !target) return;
      tpl.remove();
      target.appendChild(tpl.content.cloneNode(true));
      hydrate(target);
      document.documentElement.setAttribute('data-replica-ready', '');
      if (done) done();
    }, delayMs);
  }
  return { hydrate: hydrate, mount: mount };
})();
`;

export interface DocumentOptions {
  title: string;
  lang?: string;
  htmlAttrs?: Record<string, AttrValue>;
  bodyAttrs?: Record<string, AttrValue>;
  /** Extra trusted head markup (meta tags built with `attrs`/`escapeHtml`). */
  head?: string;
  style?: string;
  body: string;
  /** Trusted constant scripts, appended at the end of <body>. */
  scripts?: string[];
}

/** A complete HTML document. The title is escaped here. */
export function htmlDocument(o: DocumentOptions): string {
  const style = o.style ? `<style>${o.style.replace(/<\//g, '<\\/')}</style>` : '';
  const scripts = (o.scripts ?? []).map(inlineScript).join('\n');
  return `<!DOCTYPE html>
<html${attrs({ lang: o.lang ?? 'en', ...o.htmlAttrs })}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width">
<title>${escapeHtml(o.title)}</title>
${o.head ?? ''}
${style}
</head>
<body${attrs(o.bodyAttrs ?? {})}>
${o.body}
${scripts}
</body>
</html>
`;
}

/** The replica's 404 page (plain, like a server's default; no site chrome). */
export function notFound(path?: string): string {
  return htmlDocument({
    title: 'Not Found',
    body: `<h1>Not Found</h1>\n<p>No replica page at <code>${escapeHtml(path ?? '')}</code>.</p>`,
  });
}

/** Formats an ISO timestamp the way the replica shows dates (stable, locale-free). */
export function shortDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${months[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()}`;
}

/** Renders user-supplied multi-line text as escaped paragraphs (never as markup). */
export function paragraphs(text: string): string {
  return String(text ?? '')
    .split(/\n{2,}/)
    .filter((p) => p.trim().length > 0)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('');
}
