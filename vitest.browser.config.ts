import { defineConfig } from 'vitest/config';

// The browser suite: Debian's Chromium driven by playwright-core, exporting
// through the real collector (npm run test:browser).
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
