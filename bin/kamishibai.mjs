#!/usr/bin/env node
// Runs the TypeScript CLI (build.ts) on Node 20, which cannot run TypeScript itself.
// esbuild compiles it once into node_modules/.cache and again only when a source file has
// changed: ~40 ms when it must, ~2 ms of stat calls when it need not. A TS loader such as
// tsx would cost ~200 ms on every start, a fifth of a whole build.
// `--run file.ts` runs another script (the benchmark) the same way.
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
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

const mtime = (file) => {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
};
// A change of dependencies or of this file's build settings means building again.
// (An installed package has no package-lock.json: npm leaves it out of every tarball.)
const lock = Math.max(mtime(path.join(root, 'package-lock.json')), statSync(fileURLToPath(import.meta.url)).mtimeMs);

// Packages loaded as one prebuilt file each, built once per install; the CLI imports these
// instead of the packages: yaml (front matter) and postcss-safe-parser (scoped styles),
// CommonJS that every build loads, ~42 ms each as packages, ~20 ms as one file.
const VENDORED = {
  // esbuild gives a CommonJS module imported from an ES one its default export alone;
  // Node's import() gives its named ones too (yaml's LineCounter), so these name them.
  yaml: commonJs('yaml'),
  'postcss-safe-parser': commonJs('postcss-safe-parser'),
};
// Named after what it exports too: another checkout of the project on the same node_modules,
// with other exports, builds its own file instead of replacing this one.
const vendorFile = (name) => path.join(cacheDir, 'vendor', `${name}-${createHash('sha256').update(String(VENDORED[name])).digest('hex').slice(0, 8)}.mjs`);

/** A CommonJS package as an ES module: its exports as default, and each by name as Node's import() gives them. */
function commonJs(name) {
  return () => {
    const names = Object.keys(createRequire(path.join(root, 'package.json'))(name)).filter((n) => n !== 'default' && /^[A-Za-z_$][\w$]*$/.test(n));
    return `const m = require(${JSON.stringify(name)}); export default m;${names.length > 0 ? ` export const { ${names.join(', ')} } = m;` : ''}`;
  };
}

for (const [name, contents] of Object.entries(VENDORED)) {
  const vendor = vendorFile(name);
  if (mtime(vendor) >= lock) continue;
  const esbuild = await import('esbuild');
  const { outputFiles } = await esbuild.build({
    stdin: { contents: typeof contents === 'function' ? contents() : contents, resolveDir: root, loader: 'js' },
    outfile: vendor,
    write: false,
    bundle: true,
    // Identifiers kept: Puppeteer's errors are told apart by their class names (TimeoutError).
    minifyWhitespace: true,
    minifySyntax: true,
    keepNames: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'error',
    // ws's optional native helpers, absent unless installed.
    external: ['bufferutil', 'utf-8-validate'],
    // Their CommonJS modules require() Node's modules, which an ES module must provide.
    banner: { js: "import { createRequire as kamishibaiCreateRequire } from 'node:module'; const require = kamishibaiCreateRequire(import.meta.url);" },
  });
  // Written aside, then renamed: another build starting now never reads half a file.
  mkdirSync(path.dirname(vendor), { recursive: true });
  writeFileSync(`${vendor}.${process.pid}`, outputFiles[0].contents);
  renameSync(`${vendor}.${process.pid}`, vendor);
}

// Packages compiled into the CLI's own chunks:
// - the small pure-JS ones every build loads (HTML parsing, Markdown, templates, the output
//   lock). Loaded one module at a time, their ~60 files cost ~40 ms of each start in resolving,
//   reading and compiling (a 30-slide HTML build: 0.456 s against 0.417 s, medians of 12);
// - Puppeteer's DevTools client (src/browser/cdp.ts), ~100 modules, in the chunk a build loads
//   when it starts Chromium.
// The others stay packages, loaded as Node finds them: large ones only some builds need (fonts,
// diagrams, PowerPoint), and native or self-locating ones (esbuild, KaTeX's and reveal.js's files).
const BUNDLED = new Set([
  ...['htmlparser2', 'domhandler', 'domutils', 'dom-serializer', 'domelementtype', 'entities', 'marked', 'marked-footnote', 'marked-emoji', 're2js', 'handlebars', 'proper-lockfile', 'graceful-fs', 'retry', 'signal-exit', 'fastest-levenshtein'],
  ...['puppeteer-core', 'debug', 'ms', 'supports-color', 'has-flag'],
]);
const sources = Math.max(newest(path.join(root, 'src')), statSync(entry).mtimeMs, lock);
if (sources > mtime(out)) {
  const esbuild = await import('esbuild');
  // Built aside, then renamed into place: a CLI starting meanwhile never loads half a build.
  const aside = `${outdir}.tmp-${process.pid}`;
  rmSync(aside, { recursive: true, force: true });
  mkdirSync(aside, { recursive: true });
  await esbuild.build({
    entryPoints: [entry],
    outdir: aside,
    entryNames: '[name]',
    outExtension: { '.js': '.mjs' },
    splitting: true,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // The bundled CommonJS packages require() Node's modules, which an ES module must provide.
    banner: { js: "import { createRequire as kamishibaiCreateRequire } from 'node:module'; const require = kamishibaiCreateRequire(import.meta.url);" },
    // Linked, not inline: Node reads the maps only with --enable-source-maps, and an inline map
    // is two thirds of each file it must read and scan on every start.
    sourcemap: 'linked',
    logLevel: 'error',
    // The bundle runs from node_modules/.cache; src/io/paths.ts finds the engine's own
    // files (templates, client) upward from import.meta.dirname, so give it a real path in src/.
    define: { 'import.meta.dirname': JSON.stringify(path.join(root, 'src')) },
    plugins: [
      {
        name: 'vendor',
        setup(build) {
          // A package is its chunk file (VENDORED), compiled in (BUNDLED), or imported as it is.
          build.onResolve({ filter: /^[^./]/ }, ({ path: spec }) => {
            if (spec in VENDORED) return { path: path.relative(outdir, vendorFile(spec)).split(path.sep).join('/'), external: true };
            const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
            return BUNDLED.has(pkg) ? undefined : { path: spec, external: true };
          });
        },
      },
    ],
  });
  // Chunks are named by their content: the new ones join the old, and the entry is renamed
  // over last. A CLI still running from the old build (dev, a long export) loads its lazy
  // chunks later, so they stay until they are a day old.
  mkdirSync(outdir, { recursive: true });
  const built = readdirSync(aside);
  const entryFile = path.basename(out);
  for (const f of built.filter((f) => f !== entryFile)) renameSync(path.join(aside, f), path.join(outdir, f));
  renameSync(path.join(aside, entryFile), out);
  rmSync(aside, { recursive: true, force: true });
  const dayAgo = Date.now() - 24 * 3600 * 1000;
  for (const f of readdirSync(outdir)) if (!built.includes(f) && mtime(path.join(outdir, f)) < dayAgo) rmSync(path.join(outdir, f), { force: true });
}
process.argv = [process.argv[0], entry, ...args];
await import(pathToFileURL(out).href);
