import { defineConfig } from 'vitest/config';

// The end-to-end suite: the real OpenTelemetry Collector between the plugin
// and the assertions (npm run test:e2e).
export default defineConfig({
  test: {
    // CI also writes a JSON report per suite, summed into one closing line by .ci/run.
    reporters: process.env.CC_TEST_REPORT_DIR ? ['default', ['json', { outputFile: `${process.env.CC_TEST_REPORT_DIR}/e2e.json` }]] : ['default'],
    include: ['test/e2e/**/*.test.ts'],
    // Builds the collector and Prometheus once (side by side) before any test, and checks no process is left behind after the last.
    globalSetup: ['test/e2e/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Each file starts its own collectors on free ports; one at a time keeps the 2-core machine calm.
    fileParallelism: false,
  },
});
