// node:fs/promises failing as the kernel would, for paths under one folder only: a full disk
// (ENOSPC) and a read-only one (EROFS) wherever the tests run, without root or a mount. A
// test file calls `installFaults()` before its builds (and `removeFaults()` after), then turns
// a fault on by setting `fault`. The functions are swapped on Node's own module and pushed to
// every `import { writeFile } from 'node:fs/promises'` with syncBuiltinESMExports, so the
// engine's modules need not be loaded afresh (as vi.mock would): the test runs in the quick loop.
import fsPromises from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
import { constants } from 'node:os';

type FsPromises = typeof import('node:fs/promises');

/** The fault now in force: calls on paths under `under` (and matching `only`, if set) fail with `code`, after `allowed` writes pass. */
export const fault = { under: '', code: '', allowed: 0, failed: 0, only: undefined as RegExp | undefined };

export function clearFault(): void {
  Object.assign(fault, { under: '', code: '', allowed: 0, failed: 0, only: undefined });
}

const CHANGES = ['writeFile', 'copyFile', 'mkdir', 'rename'] as const;
const originals = Object.fromEntries(CHANGES.map((name) => [name, fsPromises[name]])) as Pick<FsPromises, (typeof CHANGES)[number]>;

/** Swap in the failing writes for this process; they pass every call through until `fault` is set. */
export function installFaults(): void {
  Object.assign(fsPromises, faultyWrites(originals));
  syncBuiltinESMExports();
}

export function removeFaults(): void {
  clearFault();
  Object.assign(fsPromises, originals);
  syncBuiltinESMExports();
}

function faultyWrites(fs: typeof originals): typeof originals {
  const hit = (file: unknown) =>
    fault.under !== '' && typeof file === 'string' && (file === fault.under || file.startsWith(`${fault.under}/`)) && (!fault.only || fault.only.test(file));
  const failing = <A extends unknown[], R>(syscall: string, call: (...args: A) => Promise<R>, target: (...args: A) => unknown | Promise<unknown>, writes: boolean) =>
    (async (...args: A) => {
      const file = await target(...args);
      if (hit(file) && (!writes || fault.allowed-- <= 0)) {
        fault.failed++;
        // As Node reports them: a failed write(2) names no file; copyfile, mkdir and rename do.
        const where = syscall === 'write' ? {} : { path: file };
        throw Object.assign(new Error(`${fault.code}: ${syscall}`), { code: fault.code, syscall, errno: -(constants.errno as Record<string, number>)[fault.code]!, ...where });
      }
      return call(...args);
    }) as (...args: A) => Promise<R>;
  // Writing a file's data is where a full disk fails; a read-only one refuses every change.
  const readOnly = () => fault.code === 'EROFS';
  const exists = (dir: unknown) => fsPromises.stat(dir as string).then(() => true, () => false);
  return {
    writeFile: failing('write', fs.writeFile, (file) => String(file), true),
    copyFile: failing('copyfile', fs.copyFile, (_from, to) => String(to), true),
    // A folder that is there already is no change (mkdir -p of it passes on a read-only disk too).
    mkdir: failing('mkdir', fs.mkdir, async (dir) => (readOnly() && !(await exists(dir)) ? String(dir) : ''), false),
    rename: failing('rename', fs.rename, (_from, to) => (readOnly() ? String(to) : ''), false),
  } as typeof originals;
}
