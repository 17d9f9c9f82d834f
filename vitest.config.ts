import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

// The tests' temporary folders on a RAM disk where the machine has one (Linux's /dev/shm):
// their builds write thousands of small files, and there the quick loop takes ~1.4 s less
// (system time 7.1 -> 5.5 s). Set once here, in the process that starts the test workers, so
// that every worker's os.tmpdir() is the one folder, removed when the run ends.
function ramTmp(): string | undefined {
  try {
    accessSync('/dev/shm', constants.W_OK);
  } catch {
    return undefined;
  }
  const dir = mkdtempSync('/dev/shm/kamishibai-tests-');
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
if (!process.env.KAMISHIBAI_TEST_TMP) {
  const dir = ramTmp();
  if (dir) process.env.TMPDIR = process.env.KAMISHIBAI_TEST_TMP = dir;
}

/** Tests whose point is how the command runs as a process (npm run, npx, an installed copy). */
const PROCESS = ['test/cli/npm.test.ts', 'test/cli/package.test.ts', 'test/**/*.process.test.ts'];
/** Tests of a limit at its full size (thousands of slides, hundreds of MB): seconds each, by design. */
const SCALE = ['test/**/*.scale.test.ts'];
/** Tests that mirror a src/ file but drive real Chromium (print, tabs, the browser's end): they run with the browser tests, not the quick loop. */
const IN_CHROMIUM = ['test/browser/print.test.ts', 'test/browser/print-page.test.ts', 'test/browser/print-alone.test.ts', 'test/browser/garbage-chromium.test.ts', 'test/browser/launch.test.ts', 'test/browser/session.test.ts', 'test/browser/profile.test.ts'];
const E2E = ['test/e2e/**/*.test.ts', ...IN_CHROMIUM];
/** Public decks by others, each built and compared with its own tool's count (marp-core, @slidev/parser): over half the time is theirs. */
const CORPUS = ['test/corpus.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    // Transformed modules kept on disk between runs (node_modules/.experimental-vitest-cache):
    // the quick loop's second run skips ~3 s of TypeScript transforms.
    experimental: { fsModuleCache: true },
    hookTimeout: 60_000,
    projects: [
      {
        // The quick loop: unit and fixture tests, the CLI's main() among them in-process. Each
        // file has its own temp folder, so they run side by side, and share one module cache
        // per worker (isolate: false): loading the engine once, not once a file, halves the time.
        extends: true,
        test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: [...E2E, ...PROCESS, ...SCALE, ...CORPUS], isolate: false, maxWorkers: 2, sequence: { groupOrder: 0 } },
      },
      {
        // End to end without a browser, slow by design: the command as a process (npm, npx,
        // an install, signals, memory, two at once), each limit at its full size, and the
        // public corpus through the whole pipeline against its own tools. Not the quick loop.
        extends: true,
        test: { name: 'process', include: [...PROCESS, ...SCALE, ...CORPUS], maxWorkers: 2, sequence: { groupOrder: 1 } },
      },
      {
        // Browser tests share one machine of 2 cores: one file at a time, after the unit tests,
        // and Chromium gets time to start on a loaded CI box.
        extends: true,
        test: { name: 'e2e', include: E2E, fileParallelism: false, sequence: { groupOrder: 2 } },
      },
    ],
  },
});
