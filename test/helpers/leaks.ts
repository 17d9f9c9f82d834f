// What a process of ours left behind, found by its process id alone: the Chromium profile
// folders named after it and the Chromium processes started with them. Never another build's.
import { readdirSync, readFileSync } from 'node:fs';

const PROFILES = '/dev/shm';
const prefix = (pid: number) => `kamishibai-chromium-${pid}-`;

export function profilesOf(pid: number): string[] {
  try {
    return readdirSync(PROFILES).filter((d) => d.startsWith(prefix(pid)));
  } catch {
    return [];
  }
}

/** Live (not zombie) processes whose command line names a profile of `pid`. */
export function chromiumOf(pid: number): number[] {
  return processesNaming(prefix(pid));
}

/**
 * Live (not zombie) processes whose command line contains `text` (a profile folder's path),
 * and the other live processes of their groups: the headless shell's helpers do not name
 * their profile (the test's own group is never one of them).
 */
export function processesNaming(text: string): number[] {
  const live = new Map<number, number>();
  const naming = new Set<number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const [state, , group] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (state === 'Z') continue;
      live.set(Number(entry), Number(group));
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(text)) naming.add(Number(entry));
    } catch {
      // Ended while we looked.
    }
  }
  const own = live.get(process.pid);
  const groups = new Set([...naming].map((pid) => live.get(pid)).filter((g) => g !== own));
  return [...live].filter(([pid, group]) => naming.has(pid) || groups.has(group)).map(([pid]) => pid);
}
