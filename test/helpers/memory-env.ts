// A BuildEnv in memory, for running the pure core on strings: deck files come from a map, the
// templates are the project's real ones (read here, at the test's edge), and the node layer's
// bundles and fonts are left out (their own tests cover them).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { BuildEnv, Reached } from '../../src/core/model.js';
import { compileTemplates } from '../../src/core/templates.js';
import { readTalk, renderTalk } from '../../src/core/pipeline.js';
import { ROOT } from './cli.js';

/** The one talk of buildInMemory. */
export const TALK = { slug: 'talk', file: '/talk/slides.md', displayFile: 'talk/slides.md' };

function templateFiles(dir: string, prefix = ''): Map<string, string> {
  const files = new Map<string, string>();
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) for (const [k, v] of templateFiles(path.join(dir, e.name), `${prefix}${e.name}/`)) files.set(k, v);
    else if (e.name.endsWith('.hbs')) files.set(`${prefix}${e.name}`, readFileSync(path.join(dir, e.name), 'utf8'));
  }
  return files;
}

// Read and compiled once a worker: every test that runs the core in memory needs them, and
// compiling them again each time was ~10 ms a call (1.5 s of a 150-run property).
let compiled: ReturnType<typeof compileTemplates> | undefined;

/** An environment whose files are `files` (absolute path -> text), under the folder /talk. */
export async function memoryEnv(files: Record<string, string>, extra: Partial<BuildEnv> = {}): Promise<BuildEnv> {
  compiled ??= compileTemplates({ files: templateFiles(path.join(ROOT, 'templates')), displayPath: (f) => f });
  const { templates } = await compiled;
  const reach = async (dir: string, name: string, what: string): Promise<Reached> => {
    const file = path.resolve(dir, name);
    return file in files ? { file, rel: path.relative(dir, file), size: Buffer.byteLength(files[file]!) } : { problem: `${what} "${name}" not found` };
  };
  return {
    templates: templates!,
    readFile: async (file) => new TextEncoder().encode(files[file] ?? ''),
    reach,
    themes: new Map([['kamishibai', '/templates/themes/kamishibai.css']]),
    baseCss: ['/templates/themes/base.css', '/templates/components.css'],
    highlightStyles: new Map(['github', 'github-dark', 'monokai'].map((s) => [s, `/hljs/${s}.css`])),
    templatesDir: '/templates',
    fonts: async () => ({ files: [], missing: [] }),
    client: async () => [],
    styles: async () => [],
    ...extra,
  };
}

/** The talk /talk/slides.md holding `text`, read and rendered in memory. */
export async function buildInMemory(text: string, extra: Partial<BuildEnv> = {}) {
  const env = await memoryEnv({ '/talk/slides.md': text }, extra);
  const read = await readTalk(TALK, env);
  return { env, read, built: await renderTalk(read, env) };
}

/** A talk's diagnostics as `line: message`, to compare whole. */
export const problems = (built: { diagnostics: { line: number; message: string }[] }) => built.diagnostics.map((d) => `${d.line}: ${d.message}`);
