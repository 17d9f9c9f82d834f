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

let running = Promise.resolve();

/**
 * The CLI's own main() in this process: the same arguments, output and exit code as runCli,
 * without starting Node and loading the engine again (~0.4 s a run). For build, check, new
 * and index; dev and present serve until a signal, and what a process leaves behind (its
 * pid, its signals) needs runCli. Runs one at a time: it borrows the process's folder, its
 * environment and its stdout and stderr.
 */
export function runCliHere(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<RunResult> {
  const run = running.then(() => mainHere(args, options));
  running = run.then(
    () => undefined,
    () => undefined,
  );
  return run;
}

async function mainHere(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv }): Promise<RunResult> {
  const { main } = await import('../../src/cli/main.js');
  const saved = { cwd: process.cwd(), env: { ...process.env }, out: process.stdout.write, err: process.stderr.write };
  // The CLI keeps its signal handlers after a build (a late Ctrl-C changes nothing then): in a
  // process that outlives the run, those it added are taken away again.
  const handlers = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') };
  let stdout = '';
  let stderr = '';
  const capture = (add: (text: string) => void) =>
    ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      add(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      done?.();
      return true;
    }) as typeof process.stdout.write;
  try {
    process.chdir(options.cwd ?? ROOT);
    for (const [key, value] of Object.entries(options.env ?? {})) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    process.stdout.write = capture((t) => (stdout += t));
    process.stderr.write = capture((t) => (stderr += t));
    const code = await main(args, (exit) => {
      throw new Error(`the CLI asked to exit the process (${exit}) in a test`);
    });
    return { pid: process.pid, code, stdout, stderr };
  } finally {
    process.stdout.write = saved.out;
    process.stderr.write = saved.err;
    for (const key of Object.keys(process.env)) if (!(key in saved.env)) delete process.env[key];
    Object.assign(process.env, saved.env);
    process.chdir(saved.cwd);
    for (const signal of ['SIGINT', 'SIGTERM'] as const) for (const h of process.listeners(signal)) if (!handlers[signal].includes(h)) process.off(signal, h);
  }
}
