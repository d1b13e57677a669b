import { defineConfig } from 'vitest/config';

// Real browsers, so one file at a time: two cores, and each file launches Chromium and Firefox.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 90_000,
    globalSetup: ['test/e2e/global-setup.ts'],
    reporters: ['default', './test/e2e/per-browser-reporter.ts'],
  },
});
