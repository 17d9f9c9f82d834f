#!/usr/bin/env node
// Runs the TypeScript CLI (build.ts) on Node 20, which cannot run TypeScript itself.
// esbuild compiles it once into node_modules/.cache and again only when a source file has
// changed: ~40 ms when it must, ~2 ms of stat calls when it need not. A TS loader such as
// tsx would cost ~200 ms on every start, a fifth of a whole build.
// `--run file.ts` runs another script (the benchmark) the same way.
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
let args = process.argv.slice(2);
let entry = path.join(root, 'build.ts');
if (args[0] === '--run') {
  entry = path.resolve(args[1]);
  args = args.slice(2);
}
const cacheDir = path.join(root, 'node_modules', '.cache', 'kamishibai');
// Code splitting: modules the CLI imports lazily (the Markdown tool chain, the browser
// stage) become chunks loaded only when a build needs them.
const outdir = path.join(cacheDir, `cli-${Buffer.from(entry).toString('base64url').slice(-16)}`);
const out = path.join(outdir, `${path.basename(entry, '.ts')}.mjs`);

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const built = (() => {
  try {
    return statSync(out).mtimeMs;
  } catch {
    return 0;
  }
})();
const sources = Math.max(newest(path.join(root, 'src')), statSync(entry).mtimeMs, statSync(path.join(root, 'package-lock.json')).mtimeMs);
if (sources > built) {
  const esbuild = await import('esbuild');
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  await esbuild.build({
    entryPoints: [entry],
    outdir,
    entryNames: '[name]',
    outExtension: { '.js': '.mjs' },
    splitting: true,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'inline',
    logLevel: 'error',
    // The bundle runs from node_modules/.cache; src/project.ts finds the engine's own
    // files (templates, client) from import.meta.dirname, so give it src/'s real path.
    define: { 'import.meta.dirname': JSON.stringify(path.join(root, 'src')) },
  });
}
process.argv = [process.argv[0], entry, ...args];
await import(pathToFileURL(out).href);
