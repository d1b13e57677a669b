import { availableParallelism } from 'node:os';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [preact()],
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx', 'src/**/*.test.ts', 'src/**/*.test.tsx'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    setupFiles: ['test/setup.ts'],
    testTimeout: 20_000,
    // Threads start faster than forks, and every core works: vitest's default leaves one idle, which on a
    // two-core CI machine means one worker (about 165 s for the unit suite there, 115 s with both).
    pool: 'threads',
    maxWorkers: Math.max(2, availableParallelism()),
  },
});
