import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // CI also writes a JSON report per suite, summed into one closing line by .ci/run.
    reporters: process.env.CC_TEST_REPORT_DIR ? ['default', ['json', { outputFile: `${process.env.CC_TEST_REPORT_DIR}/unit.json` }]] : ['default'],
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'test/browser/**', '**/node_modules/**'],
    testTimeout: 30_000,
    // The heap checks call gc() to compare like with like.
    execArgv: ['--expose-gc'],
  },
});
