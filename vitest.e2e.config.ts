import { defineConfig } from 'vitest/config';

// Real browsers: each file launches its own replica, Chromium and Firefox in turn. Two files at a time: the tests
// mostly wait (on pages, the replica, polling), so on a two-core machine two at a time take about three quarters of
// the time one at a time does (601 s → 459 s for the whole suite, measured on a clean clone).
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    fileParallelism: true,
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 90_000,
    globalSetup: ['test/e2e/global-setup.ts'],
    reporters: ['default', './test/e2e/per-browser-reporter.ts'],
  },
});
