// Peak memory of a command and every process it starts (Chromium's among them), sampled from
// /proc every 100 ms: the sum of their resident sets (pages they share counted in each), the
// same sum without the command's own process (the browser it starts, as issue 25 bounds it),
// and the largest one alone. Linux only; elsewhere all read 0.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const rss = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;

/** `pid` and its descendants, through /proc/<pid>/task/<tid>/children. */
function tree(pid: number, found: number[] = []): number[] {
  found.push(pid);
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    for (const child of readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').split(' ').filter(Boolean)) tree(Number(child), found);
  }
  return found;
}

export function peakMemory(cmd: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<{ ms: number; status: number | null; tree: number; children: number; largest: number }> {
  const started = performance.now();
  const child = spawn(cmd[0]!, cmd.slice(1), { env, cwd, stdio: ['ignore', 'ignore', 'inherit'] });
  let peakTree = 0;
  let peakChildren = 0;
  let largest = 0;
  const sample = setInterval(() => {
    try {
      const sizes = tree(child.pid!).map((p) => {
        try {
          return rss(p);
        } catch {
          return 0; // ended meanwhile
        }
      });
      const sum = (of: number[]) => of.reduce((a, b) => a + b, 0);
      peakTree = Math.max(peakTree, sum(sizes));
      peakChildren = Math.max(peakChildren, sum(sizes.slice(1)));
      largest = Math.max(largest, ...sizes);
    } catch {
      // The command itself ended between two samples, or no /proc.
    }
  }, 100);
  return new Promise((resolve) => {
    child.on('exit', (status) => {
      clearInterval(sample);
      resolve({ ms: performance.now() - started, status, tree: peakTree, children: peakChildren, largest });
    });
  });
}
