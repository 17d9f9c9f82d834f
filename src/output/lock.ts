// Builds into one output folder take turns for their last step (a CI matrix building talks in
// parallel on one machine meets this): each then reads the folder's manifest afresh and adds
// its own talks to it, so that neither loses the other's. The lock is a folder beside the
// output (proper-lockfile: mkdir is atomic, and a lock whose holder was killed goes stale
// after STALE_MS because its holder no longer touches it).
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { displayPath } from '../io/paths.js';

const STALE_MS = 10_000;
/** Another build holds the turn for a few seconds (renames and the talk list); far longer means something is wrong. */
const WAIT_MS = 120_000;

export type OutputTurn = { release(): Promise<string | undefined> } | { problem: string };

/** Wait for this build's turn to write into `outDir`; release() returns a problem if another build took the turn meanwhile. */
export async function takeTurn(outDir: string, signal?: AbortSignal): Promise<OutputTurn> {
  // Loaded here, not at start: it hooks process exit and signals (to remove a held lock), which only a writing build needs.
  const { default: lockfile } = await import('proper-lockfile');
  const lockfilePath = `${path.resolve(outDir)}.lock`;
  await mkdir(path.dirname(lockfilePath), { recursive: true });
  const started = performance.now();
  let lost: Error | undefined;
  for (;;) {
    try {
      const release = await lockfile.lock(outDir, { realpath: false, lockfilePath, stale: STALE_MS, retries: 0, onCompromised: (e) => (lost = e) });
      return {
        async release() {
          await release().catch(() => {});
          return lost && `another build wrote into ${displayPath(outDir)} at the same time as this one (${lost.message}); build again to be sure of its output`;
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ELOCKED') throw e;
    }
    if (performance.now() - started > WAIT_MS) {
      return { problem: `another build has been writing into ${displayPath(outDir)} for ${WAIT_MS / 1000} s; wait for it to finish, or if none is running, delete ${displayPath(lockfilePath)}` };
    }
    await sleep(100 + Math.random() * 200, undefined, { signal });
  }
}
