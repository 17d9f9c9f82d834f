// `npm run dev`: serve one talk on loopback, rebuild it when its files change, and reload
// the page on the same slide and fragment. Only what a change needs is redone: unchanged
// slides come from an in-memory cache, bundles and fonts from theirs, and only files whose
// bytes changed are written. A build error is shown over the page and the server carries on.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { changeWatch, startWatching, watchSafely } from './watch.js';
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
import { CONFIG_FILE } from '../run/project-config.js';
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

const warningsOf = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.severity === 'warning').map(formatDiagnostic);

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

/* eslint-disable max-lines-per-function -- not yet split: issue 22 lists it */
async function serveFrom(outDir: string, run: Run, options: ServeOptions): Promise<DevServer> {
  const { paths } = run;
  const root = paths.root;
  const talkDir = path.join(outDir, options.talk.slug);
  const caches = new Map<string, SlideCache>();
  const written = new Map<string, string>();
  let env: ProjectEnv | undefined;
  let lastDiagnostics: Diagnostic[] = [];
  let version = 0;
  let decodingFonts = false;

  // A copied file (a video) by its identity on disk, not its bytes: a save re-reads no media.
  const digest = async (f: TalkFile) => ('from' in f ? stat(f.from).then((s) => `${f.from}:${s.ino}:${s.size}:${s.mtimeMs}`) : hashOf(f.data));

  async function rebuild(): Promise<void> {
    const started = performance.now();
    if (!env) {
      const loaded = await run.load({
        slideCache: async (file) => {
          if (!caches.has(file)) caches.set(file, memoryCache());
          return caches.get(file)!;
        },
        // The PDFs are made when first asked for: the page always links them.
        links: (slug) => ({ pdf: talkFiles(slug).pdf, handout: talkFiles(slug).handout }),
        outDir,
      });
      if (!loaded.env) return fail(loaded.diagnostics);
      env = loaded.env;
    }
    const built = await buildTalk(options.talk, env);
    if (hasErrors(built.diagnostics)) return fail(built.diagnostics);
    const digests = await Promise.all(built.files.map(digest));
    const changed = built.files.filter((f, i) => {
      const d = digests[i]!;
      if (written.get(f.path) === d) return false;
      written.set(f.path, d);
      return true;
    });
    await writeFiles(talkDir, changed);
    if (!decodingFonts) {
      // After the first build, so that the deck shows first: ready for the first new character.
      decodingFonts = true;
      // The families the deck's font sheet names.
      const sheet = String(built.files.find((f): f is OutputFile => f.path === 'assets/fonts.css' && 'data' in f)?.data ?? '');
      decodeAhead(env.faces, new Set([...sheet.matchAll(/font-family:'([^']+)'/g)].map((m) => m[1]!)));
    }
    const recovered = lastDiagnostics.some((d) => d.severity === 'error');
    lastDiagnostics = built.diagnostics;
    // Editors save in bursts (a temp file, then a rename): reload only when output changed.
    const reloaded = changed.length > 0 || recovered;
    if (reloaded) {
      version++;
      http.broadcast({ type: 'reload', version });
      refreshPdfsSoon();
    } else http.broadcast({ type: 'warnings', messages: warningsOf(lastDiagnostics) });
    options.onEvent?.({ type: 'built', ms: performance.now() - started, changedFiles: changed.length, reloaded, diagnostics: built.diagnostics });
  }

  function fail(diagnostics: Diagnostic[]) {
    lastDiagnostics = diagnostics;
    http.broadcast({ type: 'error', messages: capFloods(diagnostics).map(formatDiagnostic) });
    options.onEvent?.({ type: 'failed', diagnostics });
  }

  /**
   * The PDFs, built on request by a browser kept running between requests. Once a PDF has
   * been asked for, it is exported again in the background a moment after each edit, so
   * that the next request finds it ready (or nearly).
   */
  const exports = new Map<string, { version: number; done: Promise<void> }>();
  let idle: NodeJS.Timeout | undefined;

  function pdf(name: string): Promise<void> {
    const current = exports.get(name);
    if (current && current.version === version) return current.done;
    const at = version;
    const previous = [...exports.values()].map((e) => e.done);
    // One export at a time: they share the browser, and each one wants both cores.
    const done = Promise.allSettled(previous).then(() => exportPdf(name, at));
    exports.set(name, { version: at, done });
    return done;
  }

  async function exportPdf(name: string, at: number): Promise<void> {
    if (!env) return; // the deck does not build: the page already shows why
    const started = performance.now();
    const { exportStage } = await import('../browser/export.js');
    const built = await buildTalk(options.talk, env);
    const handout = name === talkFiles(options.talk.slug).handout;
    // Only the file asked for: the slide PDF or the handout, not both and no og.png.
    const { diagnostics } = await exportStage([built], run.browser(built.slides.length), {
      dir: outDir,
      pdf: !handout,
      handout,
      pdfFragments: false,
      png: false,
      pptx: 'skip',
      timeoutMs: run.stepMs,
      keepBrowser: true,
    });
    if (hasErrors(diagnostics)) return fail(diagnostics);
    options.onEvent?.({ type: 'pdf', file: name, ms: performance.now() - started, version: at });
  }

  function refreshPdfsSoon() {
    clearTimeout(idle);
    if (exports.size === 0) return;
    idle = setTimeout(() => {
      for (const name of exports.keys()) void pdf(name);
    }, 800);
  }

  const http: HttpServer = await startHttp({
    dir: outDir,
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 4321,
    livePath: LIVE_PATH,
    index: `/${options.talk.slug}/`,
    // Served pages get the live-reload client; the files on disk (and so the PDFs) do not.
    transformHtml: (html) => beforeBodyEnd(html, `<script src="${LIVE_PATH}live.js"></script>\n`),
    beforeFile: async (urlPath) => {
      const { slug } = options.talk;
      const name = urlPath.slice(slug.length + 2);
      if (urlPath.startsWith(`/${slug}/`) && (name === talkFiles(slug).pdf || name === talkFiles(slug).handout)) await pdf(name);
    },
    placeholder: `<!doctype html><html lang="en"><meta charset="utf-8"><title>${options.talk.slug}: waiting for a good build</title><body style="background:#141418"></body></html>`,
    hello: () => (lastDiagnostics.some((d) => d.severity === 'error') ? { type: 'error', messages: lastDiagnostics.map(formatDiagnostic) } : { type: 'hello', version, warnings: warningsOf(lastDiagnostics) }),
  });

  let running: Promise<void> | undefined;
  let again = false;
  let quiet: NodeJS.Timeout | undefined;
  /** Quiet time after a file event before rebuilding: one build for a burst of saves. */
  const SETTLE_MS = 30;
  function runBuild() {
    if (running) {
      again = true;
      return;
    }
    running = rebuild()
      // Whatever goes wrong in a build, the server carries on and the page says why.
      .catch((e: unknown) => fail([{ severity: 'error', file: options.talk.displayFile, line: 0, col: 1, message: `internal error: ${(e as Error).message}; run with --debug and report it` }]))
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          runBuild();
        }
      });
  }
  /** Editors save in bursts (truncate then write, a temp file then a rename): build once the burst is over. */
  function schedule() {
    clearTimeout(quiet);
    quiet = setTimeout(runBuild, SETTLE_MS);
  }

  runBuild();
  await running;
  const sources = await changeWatch([path.dirname(options.talk.file), paths.templates]);
  const watchers = startWatching([path.dirname(options.talk.file), paths.templates], async (file) => {
    if (!(await sources.changed(file))) return;
    // A template or font list changes the environment itself: start it afresh.
    if (file.startsWith(paths.templates)) env = undefined;
    schedule();
  });
  // The project config: the root folder, not recursively (that would watch node_modules).
  watchers.push(
    watchSafely(root, false, async (name) => {
      if (name === CONFIG_FILE && (await sources.changed(path.join(root, name)))) {
        env = undefined;
        schedule();
      }
    }),
  );

  options.onEvent?.({ type: 'listening', url: http.url, network: http.network });
  return {
    url: http.url,
    rebuild,
    async close() {
      for (const w of watchers) w.close();
      clearTimeout(idle);
      clearTimeout(quiet);
      await running;
      await Promise.allSettled([...exports.values()].map((e) => e.done));
      await http.close();
      await run.close();
      await rm(outDir, { recursive: true, force: true });
    },
  };
}
/* eslint-enable max-lines-per-function */
