// Run the real CLI as a subprocess, the way a user does.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const CLI = path.join(ROOT, 'bin', 'kamishibai.mjs');

export interface RunResult {
  /** The CLI's process id: what it left behind is named after it (helpers/leaks.ts). */
  pid: number;
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): RunResult {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...options.env },
    timeout: 300_000,
  });
  return { pid: r.pid, code: r.status ?? (r.signal === 'SIGINT' ? 130 : -1), stdout: r.stdout, stderr: r.stderr };
}

/** runCli without blocking this process: for tests that serve something the CLI may reach. */
export function runCliAsync(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: options.cwd ?? ROOT, env: { ...process.env, ...options.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ pid: child.pid!, code: code ?? (signal === 'SIGINT' ? 130 : -1), stdout, stderr }));
  });
}
