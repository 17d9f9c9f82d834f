// A BuildEnv in memory, for running the pure core on strings: deck files come from a map, the
// templates are the project's real ones (read here, at the test's edge), and the node layer's
// bundles and fonts are left out (their own tests cover them).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { BuildEnv, Reached } from '../../src/core/model.js';
import { compileTemplates } from '../../src/core/templates.js';
import { ROOT } from './cli.js';

function templateFiles(dir: string, prefix = ''): Map<string, string> {
  const files = new Map<string, string>();
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) for (const [k, v] of templateFiles(path.join(dir, e.name), `${prefix}${e.name}/`)) files.set(k, v);
    else if (e.name.endsWith('.hbs')) files.set(`${prefix}${e.name}`, readFileSync(path.join(dir, e.name), 'utf8'));
  }
  return files;
}

/** An environment whose files are `files` (absolute path -> text), under the folder /talk. */
export async function memoryEnv(files: Record<string, string>, extra: Partial<BuildEnv> = {}): Promise<BuildEnv> {
  const { templates } = await compileTemplates({ files: templateFiles(path.join(ROOT, 'templates')), displayPath: (f) => f });
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
