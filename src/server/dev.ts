// `npm run dev`: serve one talk on loopback, rebuild it when its files change, and reload
// the page on the same slide and fragment. Only what a change needs is redone: unchanged
// slides come from an in-memory cache, bundles and fonts from theirs, and only files whose
// bytes changed are written. A build error is shown over the page and the server carries on.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { watchTalk } from './watch.js';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { OutputFile, TalkFile } from '../core/model.js';
import { memoryCache, type SlideCache } from '../core/slide-cache.js';
import { hashOf } from '../io/store.js';
import { talkFiles } from '../core/outputs.js';
import { capFloods, hasErrors, formatDiagnostic, KamishibaiError, type Diagnostic } from '../core/errors.js';
import { decodeAhead } from '../adapters/fonts.js';
import { writeFiles } from '../output/staging.js';
import { buildTalk, type TalkSource } from '../core/pipeline.js';
import type { ProjectEnv } from '../run/project.js';
import { openRun, type Run, type RunSetup } from '../run/run.js';
import { beforeBodyEnd, startHttp, type HttpServer } from './http.js';

/** The run's options as build() takes them (those that make files dev does not serve, such as --png, are not read). */
export interface ServeOptions extends RunSetup {
  talk: TalkSource;
  host?: string;
  /** First port to try; the next free one is taken when it is busy. */
  port?: number;
  /** Where to make the folder of served files (default: the OS temp folder); removed on close. */
  tempParent?: string;
  /** Events for the terminal: the library never prints. */
  onEvent?: (event: ServeEvent) => void;
}

export type ServeEvent =
  /** `network`: the addresses other machines reach it at, when it listens beyond loopback. */
  | { type: 'listening'; url: string; network: string[] }
  /** `diagnostics`: the build's warnings, as build reports them. */
  | { type: 'built'; ms: number; changedFiles: number; reloaded: boolean; diagnostics: Diagnostic[] }
  | { type: 'failed'; diagnostics: Diagnostic[] }
  | { type: 'pdf'; file: string; ms: number; version: number };

export interface DevServer {
  url: string;
  /** Rebuild now (the watcher calls this); resolves when clients have been told. */
  rebuild(): Promise<void>;
  close(): Promise<void>;
}

const LIVE_PATH = '/__kamishibai/';

/** As the terminal shows them: in reading order, a flood counted (capFloods). */
const shown = (diagnostics: Diagnostic[]) => capFloods(diagnostics).map(formatDiagnostic);
const warningsOf = (diagnostics: Diagnostic[]) => shown(diagnostics.filter((d) => d.severity === 'warning'));

export async function serve(options: ServeOptions): Promise<DevServer> {
  const run = openRun(options);
  if ('problems' in run) throw new KamishibaiError(run.problems.join('; '));
  const outDir = await mkdtemp(path.join(options.tempParent ?? tmpdir(), 'kamishibai-dev-'));
  try {
    return await serveFrom(outDir, run, options);
  } catch (e) {
    await rm(outDir, { recursive: true, force: true });
    throw e;
  }
}

/* eslint-disable max-lines-per-function -- its state (the environment, the last diagnostics, the version) is shared by the build, the PDFs and the page's hello: its closures keep it in one place, the rest is in the functions below */
async function serveFrom(outDir: string, run: Run, options: ServeOptions): Promise<DevServer> {
  const { paths } = run;
  const talkDir = path.join(outDir, options.talk.slug);
  const caches = new Map<string, SlideCache>();
  const written = new Map<string, string>();
  let env: ProjectEnv | undefined;
  let lastDiagnostics: Diagnostic[] = [];
  let version = 0;
  let decodingFonts = false;

  async function rebuild(): Promise<void> {
    const started = performance.now();
    if (!env) {
      const loaded = await loadEnv(run, caches, outDir);
      if (!loaded.env) return fail(loaded.diagnostics);
      env = loaded.env;
    }
    const built = await buildTalk(options.talk, env);
    if (hasErrors(built.diagnostics)) return fail(built.diagnostics);
    const changed = await writeChanged(talkDir, built.files, written);
    // After the first build, so that the deck shows first: ready for the first new character.
    if (!decodingFonts) {
      decodingFonts = true;
      decodeSheetFonts(env.faces, built.files);
    }
    const recovered = lastDiagnostics.some((d) => d.severity === 'error');
    lastDiagnostics = built.diagnostics;
    // Editors save in bursts (a temp file, then a rename): reload only when output changed.
    const reloaded = changed.length > 0 || recovered;
    if (reloaded) {
      version++;
      http.broadcast({ type: 'reload', version });
      pdfs.refreshSoon();
    } else http.broadcast({ type: 'warnings', messages: warningsOf(lastDiagnostics) });
    options.onEvent?.({ type: 'built', ms: performance.now() - started, changedFiles: changed.length, reloaded, diagnostics: built.diagnostics });
  }

  function fail(diagnostics: Diagnostic[]) {
    lastDiagnostics = diagnostics;
    http.broadcast({ type: 'error', messages: shown(diagnostics) });
    options.onEvent?.({ type: 'failed', diagnostics });
  }

  const pdfs = pdfQueue(exportPdf, () => version);

  async function exportPdf(name: string, at: number): Promise<void> {
    if (!env) return; // the deck does not build: the page already shows why
    const started = performance.now();
    const diagnostics = await exportOne(run, options.talk, env, outDir, name);
    if (hasErrors(diagnostics)) return fail(diagnostics);
    options.onEvent?.({ type: 'pdf', file: name, ms: performance.now() - started, version: at });
  }

  const http = await devHttp(options, outDir, pdfs.get, () =>
    lastDiagnostics.some((d) => d.severity === 'error') ? { type: 'error', messages: shown(lastDiagnostics) } : { type: 'hello', version, warnings: warningsOf(lastDiagnostics) },
  );

  // Whatever goes wrong in a build, the server carries on and the page says why.
  const builds = buildLoop(rebuild, (e) => fail([{ severity: 'error', file: options.talk.displayFile, line: 0, col: 1, message: `internal error: ${(e as Error).message}; run with --debug and report it` }]));
  builds.run();
  await builds.running();
  const watchers = await watchTalk(options.talk.file, paths, ({ fresh, emptied }) => {
    // A template, the font list or the project config changes the environment itself: start it afresh.
    if (fresh) env = undefined;
    builds.schedule(emptied ? EMPTIED_SETTLE_MS : SETTLE_MS);
  });

  options.onEvent?.({ type: 'listening', url: http.url, network: http.network });
  return {
    url: http.url,
    rebuild,
    async close() {
      for (const w of watchers) w.close();
      pdfs.stop();
      builds.stop();
      await builds.running();
      await pdfs.settled();
      await http.close();
      await run.close();
      await rm(outDir, { recursive: true, force: true });
    },
  };
}
/* eslint-enable max-lines-per-function */

/** The run's environment for dev: slides cached in memory, the PDFs linked before they are made (they are made when first asked for). */
function loadEnv(run: Run, caches: Map<string, SlideCache>, outDir: string) {
  return run.load({
    slideCache: async (file) => {
      if (!caches.has(file)) caches.set(file, memoryCache());
      return caches.get(file)!;
    },
    links: (slug) => ({ pdf: talkFiles(slug).pdf, handout: talkFiles(slug).handout }),
    outDir,
  });
}

/** Writes the files whose content changed since the last build (`written`: path -> digest); returns them. */
async function writeChanged(talkDir: string, files: TalkFile[], written: Map<string, string>): Promise<TalkFile[]> {
  // A copied file (a video) by its identity on disk, not its bytes: a save re-reads no media.
  const digest = async (f: TalkFile) => ('from' in f ? stat(f.from).then((s) => `${f.from}:${s.ino}:${s.size}:${s.mtimeMs}`) : hashOf(f.data));
  const digests = await Promise.all(files.map(digest));
  const changed = files.filter((f, i) => {
    const d = digests[i]!;
    if (written.get(f.path) === d) return false;
    written.set(f.path, d);
    return true;
  });
  await writeFiles(talkDir, changed);
  return changed;
}

/** Starts decoding the faces of the families the deck's font sheet names. */
function decodeSheetFonts(faces: ProjectEnv['faces'], files: TalkFile[]): void {
  const sheet = String(files.find((f): f is OutputFile => f.path === 'assets/fonts.css' && 'data' in f)?.data ?? '');
  // Only a head start for the next new character: a build that needs the faces reads them itself, and reports what fails.
  faces().then((all) => decodeAhead(all, new Set([...sheet.matchAll(/font-family:'([^']+)'/g)].map((m) => m[1]!))), () => {});
}

/** Only the PDF asked for (the slide PDF or the handout, not both, no og.png), on the run's browser kept between requests. */
async function exportOne(run: Run, talk: TalkSource, env: ProjectEnv, outDir: string, name: string): Promise<Diagnostic[]> {
  const { exportStage } = await import('../browser/export.js');
  const built = await buildTalk(talk, env);
  const handout = name === talkFiles(talk.slug).handout;
  const options = { dir: outDir, pdf: !handout, handout, pdfFragments: false, png: false, pptx: 'skip' as const, timeoutMs: run.stepMs, limits: env.limits, keepBrowser: true };
  return (await exportStage([built], run.browser(built.slides.length), options)).diagnostics;
}

/** The dev server's HTTP side: the built files with the live-reload client, a PDF made when first asked for, a placeholder until a good build. */
function devHttp(options: ServeOptions, outDir: string, pdf: (name: string) => Promise<void>, hello: () => object): Promise<HttpServer> {
  const { slug } = options.talk;
  return startHttp({
    dir: outDir,
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 4321,
    livePath: LIVE_PATH,
    index: `/${slug}/`,
    // Served pages get the live-reload client; the files on disk (and so the PDFs) do not.
    transformHtml: (html) => beforeBodyEnd(html, `<script src="${LIVE_PATH}live.js"></script>\n`),
    beforeFile: async (urlPath) => {
      const name = urlPath.slice(slug.length + 2);
      if (urlPath.startsWith(`/${slug}/`) && (name === talkFiles(slug).pdf || name === talkFiles(slug).handout)) await pdf(name);
    },
    placeholder: `<!doctype html><html lang="en"><meta charset="utf-8"><title>${slug}: waiting for a good build</title><body style="background:#141418"></body></html>`,
    hello,
  });
}

/**
 * The PDFs, built on request by a browser kept running between requests. Once a PDF has
 * been asked for, it is exported again in the background a moment after each edit, so
 * that the next request finds it ready (or nearly).
 */
function pdfQueue(exportPdf: (name: string, version: number) => Promise<void>, version: () => number) {
  const exports = new Map<string, { version: number; done: Promise<void> }>();
  let idle: NodeJS.Timeout | undefined;
  const get = (name: string): Promise<void> => {
    const current = exports.get(name);
    if (current && current.version === version()) return current.done;
    const at = version();
    const previous = [...exports.values()].map((e) => e.done);
    // One export at a time: they share the browser, and each one wants both cores.
    const done = Promise.allSettled(previous).then(() => exportPdf(name, at));
    exports.set(name, { version: at, done });
    return done;
  };
  return {
    get,
    refreshSoon() {
      clearTimeout(idle);
      if (exports.size === 0) return;
      idle = setTimeout(() => {
        for (const name of exports.keys()) void get(name);
      }, 800);
    },
    stop: () => clearTimeout(idle),
    settled: () => Promise.allSettled([...exports.values()].map((e) => e.done)),
  };
}

/** Quiet time after a file event before rebuilding: one build for a burst of saves. */
const SETTLE_MS = 30;
/**
 * The same after the deck was emptied: the rest of the save, when it comes, schedules the
 * build again after SETTLE_MS; a deck left empty is reported after this. On a busy machine the
 * second write of a save can come later than SETTLE_MS, and the page flashed "deck is empty".
 */
const EMPTIED_SETTLE_MS = 500;

/** One build at a time; a change during a build builds once more after it. `crashed` takes what a build threw. */
function buildLoop(build: () => Promise<void>, crashed: (e: unknown) => void) {
  let running: Promise<void> | undefined;
  let again = false;
  let quiet: NodeJS.Timeout | undefined;
  const run = () => {
    if (running) {
      again = true;
      return;
    }
    running = build()
      .catch(crashed)
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          run();
        }
      });
  };
  return {
    run,
    /** Editors save in bursts (truncate then write, a temp file then a rename): build once the burst is over. */
    schedule(ms: number) {
      clearTimeout(quiet);
      quiet = setTimeout(run, ms);
    },
    running: () => running,
    stop: () => clearTimeout(quiet),
  };
}
