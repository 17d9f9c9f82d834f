// `npm run dev`: serve one talk on loopback, rebuild it when its files change, and reload
// the page on the same slide and fragment. Only what a change needs is redone: unchanged
// slides come from an in-memory cache, bundles and fonts from theirs, and only files whose
// bytes changed are written. A build error is shown over the page and the server carries on.
import { createHash } from 'node:crypto';
import { watch, type FSWatcher } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { OutputFile } from './assets.js';
import { memoryCache, type SlideCache } from './cache.js';
import { hasErrors, formatDiagnostic, type Diagnostic } from './errors.js';
import { decodeAhead } from './fonts.js';
import { writeFiles } from './output.js';
import { buildTalk, type BuildEnv, type TalkSource } from './pipeline.js';
import { loadEnv, projectPaths } from './project.js';
import { CONFIG_FILE } from './project-config.js';
import { startHttp, type HttpServer } from './http.js';
import type { BrowserStart } from './export.js';

export interface ServeOptions {
  talk: TalkSource;
  root?: string;
  host?: string;
  /** First port to try; the next free one is taken when it is busy. */
  port?: number;
  browserPath?: string;
  /** Events for the terminal: the library never prints. */
  onEvent?: (event: ServeEvent) => void;
}

export type ServeEvent =
  | { type: 'listening'; url: string }
  | { type: 'built'; ms: number; changedFiles: number }
  | { type: 'failed'; diagnostics: Diagnostic[] }
  | { type: 'pdf'; file: string; ms: number; version: number };

export interface DevServer {
  url: string;
  /** Rebuild now (the watcher calls this); resolves when clients have been told. */
  rebuild(): Promise<void>;
  close(): Promise<void>;
}

const LIVE_PATH = '/__kamishibai/';

export async function serve(options: ServeOptions): Promise<DevServer> {
  const root = path.resolve(options.root ?? '.');
  const paths = projectPaths(root);
  const outDir = await mkdtemp(path.join(tmpdir(), 'kamishibai-dev-'));
  const talkDir = path.join(outDir, options.talk.slug);
  const caches = new Map<string, SlideCache>();
  const written = new Map<string, string>();
  let env: BuildEnv | undefined;
  let lastDiagnostics: Diagnostic[] = [];
  let version = 0;
  let browser: BrowserStart | undefined;
  let decodingFonts = false;

  const digest = (data: OutputFile['data']) => createHash('sha1').update(data).digest('hex');

  async function rebuild(): Promise<void> {
    const started = performance.now();
    if (!env) {
      const loaded = await loadEnv(paths);
      if (!loaded.env) return fail(loaded.diagnostics);
      env = loaded.env;
      env.slideCache = async (file) => {
        if (!caches.has(file)) caches.set(file, memoryCache());
        return caches.get(file)!;
      };
      env.links = (slug) => ({ pdf: `${slug}.pdf`, handout: `${slug}-handout.pdf` });
    }
    const built = await buildTalk(options.talk, env);
    if (hasErrors(built.diagnostics)) return fail(built.diagnostics);
    const changed = built.files.filter((f) => {
      const d = digest(f.data);
      if (written.get(f.path) === d) return false;
      written.set(f.path, d);
      return true;
    });
    await writeFiles(talkDir, changed);
    if (!decodingFonts) {
      // After the first build, so that the deck shows first: ready for the first new character.
      decodingFonts = true;
      decodeAhead(env.faces);
    }
    const recovered = lastDiagnostics.some((d) => d.severity === 'error');
    lastDiagnostics = built.diagnostics;
    // Editors save in bursts (a temp file, then a rename): reload only when output changed.
    if (changed.length > 0 || recovered) {
      version++;
      http.broadcast({ type: 'reload', version });
      refreshPdfsSoon();
    }
    options.onEvent?.({ type: 'built', ms: performance.now() - started, changedFiles: changed.length });
  }

  function fail(diagnostics: Diagnostic[]) {
    lastDiagnostics = diagnostics;
    http.broadcast({ type: 'error', messages: diagnostics.map(formatDiagnostic) });
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
    const { exportStage, startBrowser } = await import('./export.js');
    // The dev server ends the browser itself on Ctrl-C, after its own cleanup.
    browser ??= startBrowser({ browserPath: options.browserPath, timeoutMs: 120_000, handleSignals: false });
    const built = await buildTalk(options.talk, env);
    const handout = name.endsWith('-handout.pdf');
    // Only the file asked for: the slide PDF or the handout, not both and no og.png.
    const { diagnostics } = await exportStage([built], browser, {
      dir: outDir,
      pdf: !handout,
      handout,
      pdfFragments: false,
      png: false,
      timeoutMs: 120_000,
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
    transformHtml: (html) => html.replace('</body>', `<script src="${LIVE_PATH}live.js"></script>\n</body>`),
    beforeFile: async (urlPath) => {
      const { slug } = options.talk;
      const name = urlPath.slice(slug.length + 2);
      if (urlPath.startsWith(`/${slug}/`) && (name === `${slug}.pdf` || name === `${slug}-handout.pdf`)) await pdf(name);
    },
    hello: () => (lastDiagnostics.some((d) => d.severity === 'error') ? { type: 'error', messages: lastDiagnostics.map(formatDiagnostic) } : { type: 'hello', version }),
  });

  await rebuild();
  const watchers = startWatching([path.dirname(options.talk.file), paths.templates], (file) => {
    // A template or font list changes the environment itself: start it afresh.
    if (file.startsWith(paths.templates)) env = undefined;
    schedule();
  });
  // The project config: the root folder, not recursively (that would watch node_modules).
  watchers.push(
    watch(root, (_event, name) => {
      if (name === CONFIG_FILE) {
        env = undefined;
        schedule();
      }
    }),
  );

  let running: Promise<void> | undefined;
  let again = false;
  function schedule() {
    if (running) {
      again = true;
      return;
    }
    running = rebuild()
      .catch((e: unknown) => fail([{ severity: 'error', file: options.talk.displayFile, line: 0, col: 1, message: (e as Error).message }]))
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          schedule();
        }
      });
  }

  options.onEvent?.({ type: 'listening', url: http.url });
  return {
    url: http.url,
    rebuild,
    async close() {
      for (const w of watchers) w.close();
      clearTimeout(idle);
      await running;
      await Promise.allSettled([...exports.values()].map((e) => e.done));
      await http.close();
      await browser?.end();
      await rm(outDir, { recursive: true, force: true });
    },
  };
}

/** fs.watch, recursive (Node 20 on Linux, macOS and Windows); editors save in bursts. */
function startWatching(dirs: string[], onChange: (file: string) => void): FSWatcher[] {
  return dirs.map((dir) =>
    watch(dir, { recursive: true }, (_event, name) => {
      if (name && !/(^|[/\\])(\.|#|~)|~$|\.swp$/.test(name)) onChange(path.join(dir, name.toString()));
    }),
  );
}
