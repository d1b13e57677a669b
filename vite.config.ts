import { crx } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import manifest from './manifest.json' with { type: 'json' };

export default defineConfig({
  plugins: [
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
  },
  server: { port: 5173, strictPort: true },
});
