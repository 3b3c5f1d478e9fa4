import { defineConfig } from 'vitest/config';

// The browser suite: Debian's Chromium driven by playwright-core, exporting
// through the real collector (npm run test:browser).
export default defineConfig({
  test: {
    // CI also writes a JSON report per suite, summed into one closing line by .ci/run.
    reporters: process.env.CC_TEST_REPORT_DIR ? ['default', ['json', { outputFile: `${process.env.CC_TEST_REPORT_DIR}/browser.json` }]] : ['default'],
    include: ['test/browser/**/*.test.ts'],
    // Builds the collector once before any test, and checks no process is left behind after the last.
    globalSetup: ['test/browser/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
