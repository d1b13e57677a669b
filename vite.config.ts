import { fileURLToPath } from 'node:url';
import { crx } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig, type Plugin } from 'vite';
import manifest from './manifest.json' with { type: 'json' };

/**
 * Fewer, larger chunks for the content script (issue 15): gzip costs a few hundred bytes per file, and an enhanced
 * page loaded 21 of them. What every matched page runs statically from the entry (src/content/index.ts: the sites'
 * URL checks, the references' shapes) is one chunk, `entry-deps`; what the content script proper
 * (src/content/main.ts) adds statically is one chunk, `page`, with what the panels share. Each site's reader, each
 * panel, the list badges, the drawer, the hovercard and the write client and preview stay chunks of their own,
 * loaded on demand. The entry itself is never captured: its top-level code starts the content script;
 * src/content/main.ts is, as loading it does nothing (the entry calls its `run`).
 * Trade-off: the background, the popup and the options page load these chunks too when they share a module with
 * them (the references' grammar, Preact, item kinds): the background's worker parses the page's UI code (about
 * 50 KB) it does not run, rather than every enhanced page paying for one more file (about 450 B gzip). Nothing in
 * them runs at load but src/systems/ref-grammars.ts, which registers only systems not registered yet, and none of
 * it touches the DOM at load (the worker has none).
 */
const contentRoots = {
  'entry-deps': fileURLToPath(new URL('./src/content/index.ts', import.meta.url)),
  page: fileURLToPath(new URL('./src/content/main.ts', import.meta.url)),
};
const BACKGROUND = fileURLToPath(new URL('./src/background/index.ts', import.meta.url));
const PANEL_REGISTRY = fileURLToPath(new URL('./src/ui/panels/registry.ts', import.meta.url));
type ModuleGraph = {
  getModuleInfo(
    id: string,
  ): { importedIds: readonly string[]; dynamicallyImportedIds: readonly string[] } | null;
};

/** What `root` imports statically, directly or not, itself and `skip` left out. */
function staticImports(graph: ModuleGraph, root: string, skip: ReadonlySet<string>): Set<string> {
  const found = new Set<string>();
  const queue = [...(graph.getModuleInfo(root)?.importedIds ?? [])];
  while (queue.length > 0 && found.size < 5000) {
    const next = queue.shift() as string;
    if (found.has(next) || next === root || skip.has(next) || next === contentRoots['entry-deps']) continue;
    found.add(next);
    queue.push(...(graph.getModuleInfo(next)?.importedIds ?? []));
  }
  return found;
}

/** Found once per build (reset by `freshChunkGroups` when a build starts, e.g. in watch mode). */
let groups: Map<string, string> | undefined;
const freshChunkGroups: Plugin = {
  name: 'liaison:fresh-chunk-groups',
  buildStart() {
    groups = undefined;
  },
};
/** The content-script chunk a module goes to, or null (the bundler's own splitting). */
function contentChunk(id: string, graph: ModuleGraph): string | null {
  if (!groups) {
    const entry = staticImports(graph, contentRoots['entry-deps'], new Set());
    // The content script proper's own module too: loading it does nothing (./src/content/index.ts calls its `run`).
    const page = new Set([contentRoots.page, ...staticImports(graph, contentRoots.page, entry)]);
    const worker = staticImports(graph, BACKGROUND, new Set());
    // What the panels share (SafeLink, SourceErrors, the write button) goes with the page rather than in small chunks
    // of its own: what every panel uses, and the UI two or more use (core logic the background also imports, such
    // as the bug chains, stays with the panels that show it).
    const panels = graph.getModuleInfo(PANEL_REGISTRY)?.dynamicallyImportedIds ?? [];
    const uses = new Map<string, number>();
    for (const panel of panels)
      for (const m of staticImports(graph, panel, new Set([...entry, ...page])))
        uses.set(m, (uses.get(m) ?? 0) + 1);
    for (const [m, n] of uses) if (n === panels.length || (n >= 2 && !worker.has(m))) page.add(m);
    groups = new Map([
      ...[...entry].map((m) => [m, 'entry-deps'] as const),
      ...[...page].map((m) => [m, 'page'] as const),
    ]);
  }
  return groups.get(id) ?? null;
}

/**
 * Vite wraps every dynamic import in a helper that preloads the imported chunk's CSS and dependencies with <link>
 * tags (1.8 KB, loaded by every enhanced page): with `modulePreload: false` and no CSS imported by a lazily loaded
 * module (popup and options import theirs statically), all it does is call the import. This helper does only that.
 */
const PRELOAD_HELPER = '\0vite/preload-helper.js';
const plainDynamicImports: Plugin = {
  name: 'liaison:plain-dynamic-imports',
  enforce: 'pre',
  resolveId: (id) => (id === PRELOAD_HELPER ? id : undefined),
  load: (id) => (id === PRELOAD_HELPER ? 'export const __vitePreload = (load) => load();' : undefined),
};

/**
 * The styles the content script puts in its shadow roots are CSS in template literals (`const panelStyles = \`…\``),
 * which the JS minifier leaves as written: comments, indentation, line breaks. This takes them out at build time
 * (comments; runs of whitespace to one space; the space around braces and semicolons). `${…}` holes are kept.
 */
const STYLES_LITERAL = /(\b\w*[sS]tyles\s*=\s*`)((?:[^`\\]|\\.)*)(`)/g;
const minifyCss = (css: string): string =>
  css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};])\s*/g, '$1')
    .trim();
const minifiedStyles: Plugin = {
  name: 'liaison:minified-styles',
  apply: 'build',
  transform(code, id) {
    if (!/[\\/]src[\\/].*\.tsx?$/.test(id) || !code.includes('tyles')) return undefined;
    const out = code.replace(
      STYLES_LITERAL,
      (_, start: string, css: string, end: string) => start + minifyCss(css) + end,
    );
    return out === code ? undefined : { code: out, map: null };
  },
};

export default defineConfig({
  plugins: [
    freshChunkGroups,
    plainDynamicImports,
    minifiedStyles,
    preact(),
    crx({ manifest: manifest as Parameters<typeof crx>[0]['manifest'], browser: 'chrome' }),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // MV3 pages and workers run on current engines only.
    target: 'es2022',
    minify: true,
    // Vite's preload helper would add <link rel="modulepreload"> tags to the host page for the content script's
    // lazy chunk (./src/content/main.ts); extension files load locally and fast without it.
    modulePreload: false,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // Each name is a group, taken in this order (priority), so that a later one does not take an earlier
          // one's modules as its own modules' dependencies.
          groups: (['entry-deps', 'page'] as const).map((name, i) => ({
            debugName: name,
            name: (id: string, ctx: ModuleGraph) => (contentChunk(id, ctx) === name ? name : null),
            priority: 2 - i,
          })),
        },
      },
    },
  },
  server: { port: 5173, strictPort: true },
});
