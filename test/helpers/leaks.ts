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

/** Live (not zombie) processes whose command line contains `text` (a profile folder's path). */
export function processesNaming(text: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (!readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(text)) continue;
      if (/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${entry}/stat`, 'utf8'))) continue;
      found.push(Number(entry));
    } catch {
      // Ended while we looked.
    }
  }
  return found;
}
