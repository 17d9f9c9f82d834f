// The project on disk: templates/, themes, fonts and caches, read once for a build and
// handed to the pure pipeline as a BuildEnv.
import { existsSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { bundleClient, bundleStyles, type OutputFile } from '../adapters/assets.js';
import { hasErrors, type Diagnostic } from '../core/errors.js';
import { drawDiagrams } from '../adapters/diagrams.js';
import { fontFaceCss, loadFaces, planFontsCached, subsetFaces, type FontFace, type FontSpec } from '../adapters/fonts.js';
import type { BuildEnv } from '../core/pipeline.js';
import { diskCache } from '../adapters/slide-cache.js';
import { cacheStore, hashOf, memoryCache } from '../io/store.js';
import { CONFIG_FILE, loadProjectConfig } from './project-config.js';
import { precompileTemplates, templatesFromSpecs, type Templates, type TemplateSources } from '../core/templates.js';
import { reachInside } from '../adapters/confine.js';
import type { BrowserStart } from '../browser/session.js';
import type { DiagramJob } from '../core/model.js';
import { findMarpThemes } from '../adapters/marp-themes.js';
import { ENGINE_ROOT } from '../io/paths.js';

export interface ProjectPaths {
  root: string;
  templates: string;
  slides: string;
  cache: string;
}

/**
 * The project a folder belongs to: the nearest one, from `start` up, holding a
 * kamishibai.config.ts. The installed command run in slides/<talk>/ then builds into the
 * project's dist/ with its settings, as `npm run build` does there; a loose deck has none.
 */
export function findProject(start: string): string | undefined {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, CONFIG_FILE))) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** A project's own templates/ wins; a deck built from anywhere else gets the engine's. */
export function projectPaths(root: string): ProjectPaths {
  const own = path.join(root, 'templates');
  return {
    root,
    templates: existsSync(own) ? own : path.join(ENGINE_ROOT, 'templates'),
    slides: path.join(root, 'slides'),
    cache: path.join(ENGINE_ROOT, 'node_modules', '.cache', 'kamishibai'),
  };
}

async function readTree(dir: string, prefix = ''): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const rel = prefix + entry.name;
    if (entry.isDirectory()) for (const [k, v] of await readTree(path.join(dir, entry.name), `${rel}/`)) files.set(k, v);
    else if (entry.name.endsWith('.hbs')) files.set(rel, await readFile(path.join(dir, entry.name), 'utf8'));
  }
  return files;
}

/**
 * Everything that changes how Kamishibai renders: its sources and its dependencies' versions.
 * Read once a process: the code running is the code loaded, whatever is saved after.
 */
let fingerprint: Promise<string> | undefined;
const engineFingerprint = (cacheDir: string) => (fingerprint ??= readEngineFingerprint(ENGINE_ROOT, cacheDir));

/**
 * The files are read and hashed again only when one has another size or time than when they
 * were last hashed (kept in the cache, as the CLI's bin decides to compile them again): one
 * stat a file, not 135 reads and a hash of 1 MB on every build.
 */
export async function readEngineFingerprint(root: string, cacheDir: string): Promise<string> {
  const files = [path.join(root, 'package-lock.json')];
  const walk = async (dir: string) => {
    for (const e of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) await walk(p);
      else if (p.endsWith('.ts')) files.push(p);
    }
  };
  await walk(path.join(root, 'src'));
  files.sort();
  const stamps = await Promise.all(files.map((f) => stat(f).then((st) => `${f}:${st.size}:${st.mtimeMs}`, () => `${f}:-`)));
  const key = hashOf(...stamps);
  const store = cacheStore(cacheDir);
  const saved = await store.getJson<{ key: string; fingerprint: string }>('engine', 'current');
  if (saved?.key === key) return saved.fingerprint;
  const contents = await Promise.all(files.map((f) => readFile(f, 'utf8').catch(() => '')));
  const made = hashOf(...contents);
  await store.putJson('engine', 'current', { key, fingerprint: made }).catch(() => {});
  return made;
}

/**
 * fontsource's @font-face rules and the character maps of its whole subsets, read once per
 * fonts.json and engine (~0.25 s to read them, ~20 ms to read them back). One file,
 * overwritten when its key changes, so that editing the engine leaves no stale copies; and
 * kept in memory for the process's later builds.
 */
const facesMade = memoryCache<FontFace[]>(4);
const cachedFaces = (fontsJson: string, cacheDir: string, key: string) => facesMade(key, () => readFaces(fontsJson, cacheDir, key));

/** `key`: the hash of fonts.json and the engine, which the faces are made from. */
async function readFaces(fontsJson: string, cacheDir: string, key: string): Promise<FontFace[]> {
  const store = cacheStore(cacheDir);
  const cached = await store.getJson<{ key: string; faces: FontFace[] }>('faces', 'current');
  if (cached?.key === key) return cached.faces;
  const faces = await loadFaces(JSON.parse(fontsJson) as FontSpec[]);
  await store.putJson('faces', 'current', { key, faces });
  return faces;
}

/** The build environment and what the node layer itself needs of it (the dev server decodes fonts ahead). */
export type ProjectEnv = BuildEnv & {
  /** Read when first asked for: a build whose font plan is cached never needs them. */
  faces: () => Promise<FontFace[]>;
};

/** How diagrams are drawn: in the run's browser, each step within its limit (--timeout). */
export interface DrawPort {
  browser(): BrowserStart;
  timeoutMs: number;
}

const templatesMade = memoryCache<{ templates?: Templates; diagnostics: Diagnostic[] }>(8);

/**
 * The templates, precompiled once for the same files and engine and kept in the cache (only
 * when free of errors, whose messages name paths as this process shows them).
 */
async function cachedTemplates(sources: TemplateSources, cacheDir: string, engine: string): Promise<{ templates?: Templates; diagnostics: Diagnostic[] }> {
  const store = cacheStore(cacheDir);
  const key = hashOf(engine, ...[...sources.files].flat()).slice(0, 24);
  const saved = await store.getJson<[string, string][]>('templates', key);
  if (saved) return { templates: await templatesFromSpecs(new Map(saved)), diagnostics: [] };
  const { specs, diagnostics } = await precompileTemplates(sources);
  if (!specs) return { diagnostics };
  await store.putJson('templates', key, [...specs]).catch(() => {});
  return { templates: await templatesFromSpecs(specs), diagnostics };
}

/** The project read; without `draw`, diagrams are left as they are written. */
export async function loadEnv(paths: ProjectPaths, draw?: DrawPort): Promise<{ env?: ProjectEnv; diagnostics: Diagnostic[] }> {
  const display = (name: string) => path.relative(process.cwd(), path.join(paths.templates, name));
  const project = await loadProjectConfig(paths.root, paths.cache);
  const templateFiles = await readTree(paths.templates);
  // Compiled once a process for the same files shown under the same names (a dev server's rebuilds).
  const engine = await engineFingerprint(paths.cache);
  const compiled = await templatesMade(hashOf(paths.templates, process.cwd(), ...[...templateFiles].flat()), () => cachedTemplates({ files: templateFiles, displayPath: display }, paths.cache, engine));
  const diagnostics = [...project.diagnostics, ...compiled.diagnostics];
  const templates = compiled.templates;
  if (!templates || hasErrors(project.diagnostics)) return { diagnostics };

  const themesDir = path.join(paths.templates, 'themes');
  const themes = new Map<string, string>();
  for (const f of (await readdir(themesDir).catch(() => [] as string[])).sort()) {
    if (f.endsWith('.css') && f !== 'base.css') themes.set(f.slice(0, -4), path.join(themesDir, f));
  }
  // The default theme first: it is the fallback when a deck names an unknown one.
  const ordered = new Map([...themes].sort(([a], [b]) => (a === 'kamishibai' ? -1 : b === 'kamishibai' ? 1 : a.localeCompare(b))));
  const fontsJson = await readFile(path.join(paths.templates, 'fonts.json'), 'utf8');
  const revealThemeDir = path.join(path.dirname(createRequire(import.meta.url).resolve('reveal.js/reveal.css')), 'theme');
  const revealThemes = new Map(
    (await readdir(revealThemeDir).catch(() => [] as string[]))
      .filter((f) => f.endsWith('.css') && !ordered.has(f.slice(0, -4)))
      .sort()
      .map((f) => [f.slice(0, -4), path.join(revealThemeDir, f)] as const),
  );

  const engineHash = hashOf(engine, ...[...templateFiles].flat());
  const facesKey = hashOf(fontsJson, engine);
  const faces = () => cachedFaces(fontsJson, paths.cache, facesKey);
  let client: Promise<OutputFile[]> | undefined;
  const styles = new Map<string, Promise<OutputFile[]>>();
  const env: ProjectEnv = {
    templates,
    readFile: (file) => readFile(file),
    reach: reachInside,
    marpThemes: (deckDir) => findMarpThemes([deckDir]),
    themes: ordered,
    revealThemes: { files: revealThemes, bridge: path.join(paths.templates, 'reveal-bridge.css') },
    baseCss: [path.join(themesDir, 'base.css'), path.join(paths.templates, 'components.css')],
    highlightStyles: await highlightStyles(),
    templatesDir: paths.templates,
    faces,
    fonts: (text, lang) => deckFontFiles({ key: facesKey, faces }, text, lang, path.join(paths.cache, 'fonts')),
    ...(draw ? { diagrams: async (jobs: DiagramJob[]) => drawDiagrams(jobs, { cacheDir: paths.cache, faces: await faces(), ...draw }) } : {}),
    client: () => (client ??= bundleClient(path.join(ENGINE_ROOT, 'src', 'client', 'main.ts'), paths.cache, engine)),
    projectDeck: project.deck,
    slideCache: (deckFile) => diskCache(paths.cache, deckFile),
    engineHash,
    styles: (input) => {
      const key = JSON.stringify(input);
      if (!styles.has(key)) styles.set(key, bundleStyles(input, paths.cache, engine));
      return styles.get(key)!;
    },
  };
  return { env, diagnostics };
}

/**
 * The deck's font files for `text` in `lang`: fontsource faces cut to its characters (cached
 * under `cacheDir`), with their @font-face sheet; and the characters none of the faces has.
 */
async function deckFontFiles(faces: { key: string; faces: () => Promise<FontFace[]> }, text: string, lang: string | undefined, cacheDir: string): Promise<{ files: OutputFile[]; missing: number[] }> {
  const plan = await planFontsCached(faces.key, faces.faces, text, lang, cacheDir);
  const subsets = await subsetFaces(plan, cacheDir);
  return {
    files: [{ path: 'assets/fonts.css', data: fontFaceCss(subsets, 'fonts/', plan) }, ...subsets.map((s) => ({ path: `assets/fonts/${s.name}`, data: s.data }))],
    missing: plan.missing,
  };
}

/** highlight.js's styles by name: styles/monokai.css as "monokai", styles/base16/zenburn.css as "base16/zenburn" (and "zenburn"). */
async function highlightStyles(): Promise<Map<string, string>> {
  const dir = path.join(path.dirname(createRequire(import.meta.url).resolve('highlight.js/package.json')), 'styles');
  const css = async (sub: string) => (await readdir(path.join(dir, sub)).catch(() => [] as string[])).filter((f) => f.endsWith('.css') && !f.endsWith('.min.css')).sort();
  const styles = new Map<string, string>();
  for (const f of await css('')) styles.set(f.slice(0, -4), path.join(dir, f));
  for (const f of await css('base16')) {
    styles.set(`base16/${f.slice(0, -4)}`, path.join(dir, 'base16', f));
    if (!styles.has(f.slice(0, -4))) styles.set(f.slice(0, -4), path.join(dir, 'base16', f));
  }
  return styles;
}
