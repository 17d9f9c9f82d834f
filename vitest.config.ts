import { defineConfig } from 'vitest/config';

/** Tests whose point is how the command runs as a process (npm run, npx, an installed copy). */
const PROCESS = ['test/cli/npm.test.ts', 'test/cli/package.test.ts'];
/** Tests that mirror a src/ file but print real PDFs in Chromium: they run with the browser tests, not the quick loop. */
const IN_CHROMIUM = ['test/browser/print.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      {
        // Unit and fixture tests, the CLI's main() among them in-process: each file has its own
        // temp folder, so they run side by side.
        extends: true,
        test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: ['test/e2e/**', ...PROCESS, ...IN_CHROMIUM], maxWorkers: 2, sequence: { groupOrder: 0 } },
      },
      {
        // The command as npm, npx and an install start it: each case is a process, or several.
        extends: true,
        test: { name: 'process', include: PROCESS, maxWorkers: 2, sequence: { groupOrder: 1 } },
      },
      {
        // Browser tests share one machine of 2 cores: one file at a time, after the unit tests,
        // and Chromium gets time to start on a loaded CI box.
        extends: true,
        test: { name: 'e2e', include: ['test/e2e/**/*.test.ts', ...IN_CHROMIUM], fileParallelism: false, sequence: { groupOrder: 2 } },
      },
    ],
  },
});
