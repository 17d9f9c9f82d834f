// npm run bench: Kamishibai against marp-cli on generated 30- and 200-slide Japanese decks,
// whole processes, medians of several runs after a warm-up. Prints a table; asserts nothing
// (these machines are noisy): the numbers go into the closing notes.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeDecks } from './decks.js';
import { findBrowser } from '../src/browser/find.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const CLI = path.join(ROOT, 'bin', 'kamishibai.mjs');
const MARP = path.join(ROOT, 'node_modules', '@marp-team', 'marp-cli', 'marp-cli.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const only = process.argv.slice(2);

function time(cmd: string[], env: NodeJS.ProcessEnv = {}): number {
  const started = performance.now();
  const r = spawnSync(cmd[0]!, cmd.slice(1), { encoding: 'utf8', env: { ...process.env, ...env }, cwd: ROOT });
  const ms = performance.now() - started;
  if (r.status !== 0) throw new Error(`${cmd.join(' ')} failed (${r.status}):\n${r.stderr}`);
  return ms;
}

function median(cmd: string[], env?: NodeJS.ProcessEnv): number {
  time(cmd, env); // warm-up: caches, disk, JIT
  const runs = Array.from({ length: RUNS }, () => time(cmd, env)).sort((a, b) => a - b);
  return runs[Math.floor(runs.length / 2)]!;
}

const rows: string[][] = [];
function compare(label: string, ours: string[], marp: string[] | undefined, env?: NodeJS.ProcessEnv) {
  const a = median(ours, env);
  const b = marp ? median(marp, env) : NaN;
  rows.push([label, `${(a / 1000).toFixed(2)} s`, marp ? `${(b / 1000).toFixed(2)} s` : '-', marp ? (a / b).toFixed(2) : '-']);
  process.stderr.write(`${label}: ${(a / 1000).toFixed(2)} s${marp ? ` vs marp ${(b / 1000).toFixed(2)} s` : ''}\n`);
}

const dir = mkdtempSync(path.join(tmpdir(), 'kamishibai-bench-'));
try {
  const browser = findBrowser();
  const env = browser ? { CHROME_PATH: browser, PUPPETEER_EXECUTABLE_PATH: browser } : {};
  for (const n of [30, 200]) {
    const deck = writeDecks(dir, n);
    const out = path.join(dir, `out-${n}`);
    if (only.length === 0 || only.includes('html')) {
      compare(`HTML, ${n} slides`, ['node', CLI, 'build', deck.kamishibai, '--no-pdf', '--quiet', '--out', out], ['node', MARP, deck.marp, '-o', path.join(dir, `marp-${n}.html`)], env);
    }
    if (browser && (only.length === 0 || only.includes('pdf'))) {
      compare(
        `slide PDF only, ${n} slides`,
        ['node', CLI, 'build', deck.kamishibai, '--quiet', '--no-handout', '--out', out],
        ['node', MARP, deck.marp, '--pdf', '--allow-local-files', '-o', path.join(dir, `marp-${n}.pdf`)],
        env,
      );
      compare(`PDF + handout + og.png, ${n} slides`, ['node', CLI, 'build', deck.kamishibai, '--quiet', '--out', out], undefined, env);
    }
  }
  if (browser && (only.length === 0 || only.includes('talk'))) {
    compare('npm run build (every talk, HTML + both PDFs)', ['node', CLI, 'build', '--quiet', '--out', path.join(dir, 'dist')], undefined, env);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const header = ['case', 'Kamishibai', 'marp-cli', 'ratio'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
for (const r of [header, ...rows]) process.stdout.write(`${r.map((c, i) => c.padEnd(widths[i]!)).join('  ')}\n`);
