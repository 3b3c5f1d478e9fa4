import { defineConfig } from 'vitest/config';

// The end-to-end suite: the real OpenTelemetry Collector between the plugin
// and the assertions (npm run test:e2e).
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Each file starts its own collectors on free ports; one at a time keeps the 2-core machine calm.
    fileParallelism: false,
  },
});
