import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'test/browser/**', '**/node_modules/**'],
    testTimeout: 30_000,
    // The heap checks call gc() to compare like with like.
    execArgv: ['--expose-gc'],
  },
});
