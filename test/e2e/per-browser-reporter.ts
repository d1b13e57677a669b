import type { Reporter, TestModule } from 'vitest/node';

/**
 * Prints how many tests passed in each browser, so a browser quietly dropped shows, and ends with the plain
 * "N passed, N failed" line. Tests name their browser in the outermost describe: `chromium` or `firefox`.
 */
export default class PerBrowserReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const counts = new Map<string, { passed: number; failed: number; skipped: number }>();
    for (const module of modules) {
      for (const test of module.children.allTests()) {
        const browser = /^(chromium|firefox)\b/.exec(test.fullName)?.[1] ?? 'other';
        const c = counts.get(browser) ?? { passed: 0, failed: 0, skipped: 0 };
        const state = test.result().state;
        if (state === 'passed') c.passed++;
        else if (state === 'failed') c.failed++;
        else c.skipped++;
        counts.set(browser, c);
      }
    }
    let passed = 0;
    let failed = 0;
    console.log('\ne2e per browser:');
    for (const browser of [
      'chromium',
      'firefox',
      ...[...counts.keys()].filter((k) => k !== 'chromium' && k !== 'firefox'),
    ]) {
      const c = counts.get(browser) ?? { passed: 0, failed: 0, skipped: 0 };
      passed += c.passed;
      failed += c.failed;
      console.log(
        `  ${browser}: ${c.passed} passed, ${c.failed} failed${c.skipped ? `, ${c.skipped} skipped` : ''}`,
      );
    }
    console.log(`e2e: ${passed} passed, ${failed} failed`);
  }
}
