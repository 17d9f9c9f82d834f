// Chromium's profile folder: a fresh one per build, named after the build's process id
// (kamishibai-chromium-<pid>-*), so that what a build killed outright (SIGKILL, the OOM
// killer) left behind is known as such, and the next build removes it.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const PREFIX = 'kamishibai-chromium-';

/**
 * In memory where Linux has /dev/shm: Chromium writes its profile at start and it is deleted
 * at close, ~0.2 s a build less than on a disk (median of 8, launch to close). Else the temp folder.
 */
const places = (): string[] => (process.platform === 'linux' ? ['/dev/shm', tmpdir()] : [tmpdir()]);

export function makeProfile(): string {
  const [last, ...others] = places().reverse();
  for (const dir of others.reverse()) {
    try {
      return mkdtempSync(path.join(dir, `${PREFIX}${process.pid}-`));
    } catch {
      // /dev/shm full or absent: the temp folder.
    }
  }
  return mkdtempSync(path.join(last!, `${PREFIX}${process.pid}-`));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A process's group: the third field after its name in /proc/<pid>/stat (the name may hold spaces). */
export function groupOf(pid: string): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
}

/**
 * Live processes of the browser started with this profile folder (Linux: from /proc;
 * elsewhere none are found): those that name it, and the rest of their process group.
 * Chromium's helpers (zygotes, GPU, renderers) rewrite their command line as one string
 * with spaces, so the flag ends with a NUL (the browser) or a space (the rest); the headless
 * shell's helpers do not name it at all, but share the group Puppeteer starts the browser
 * in. Never this process's own group.
 */
export function processesUsing(profile: string): number[] {
  const flag = `--user-data-dir=${profile}`;
  let entries: string[] = [];
  try {
    entries = readdirSync('/proc').filter((e) => /^\d+$/.test(e));
  } catch {
    return [];
  }
  const groups = new Map<string, number>();
  const naming = new Set<string>();
  for (const entry of entries) {
    try {
      groups.set(entry, groupOf(entry));
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      const at = cmdline.indexOf(flag);
      if (at >= 0 && ['\0', ' ', undefined].includes(cmdline[at + flag.length])) naming.add(entry);
    } catch {
      // Ended while we looked, or not ours to read.
    }
  }
  const own = groupOf(String(process.pid));
  const theirs = new Set([...naming].map((e) => groups.get(e)).filter((g) => g !== undefined && g > 1 && g !== own));
  return entries.filter((e) => naming.has(e) || theirs.has(groups.get(e))).map(Number);
}

/** End every process still using `profile`, wait until they are gone (~2 s at most), then remove the folder. */
export async function removeProfileAndItsProcesses(profile: string): Promise<void> {
  for (let i = 0; i < 40; i++) {
    const pids = processesUsing(profile);
    if (pids.length === 0) break;
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Gone already.
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  rmSync(profile, { recursive: true, force: true, maxRetries: 3 });
}

/** What builds that no longer run left: their profile folders, and any process of theirs still using one. */
export async function removeStaleProfiles(): Promise<void> {
  for (const place of places()) {
    let names: string[] = [];
    try {
      names = readdirSync(place);
    } catch {
      continue;
    }
    for (const name of names) {
      const pid = Number(/^kamishibai-chromium-(\d+)-/.exec(name)?.[1] ?? NaN);
      if (Number.isNaN(pid) || pid === process.pid || alive(pid)) continue;
      await removeProfileAndItsProcesses(path.join(place, name)).catch(() => {});
    }
  }
}
