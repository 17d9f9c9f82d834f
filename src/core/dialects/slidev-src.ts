// Slidev's `src:` imports (a slide whose settings block says `src: ./pages/intro.md` stands for
// that file's slides, or a range of them: `./intro.md#2-4`), read before the deck is split:
// every imported file, followed to the files it imports, each reached as any other local file
// (inside the talk's folder) and decoded once. The dialect (slidev.ts) then splices them in as
// @slidev/parser's load() does, refusing an import cycle. Also what else Slidev finds on disk:
// web-root paths (/assets/x.png) served from the talk's folder or its public/, and a
// slide's background: (a colour, a picture, or a theme's keyword).
import path from 'node:path';
import { warning, type Diagnostic } from '../errors.js';
import type { BuildEnv } from '../model.js';
import { decodeSource } from '../source.js';

export type SlidevImport = { file: string; display: string; text: string } | { problem: string };

/** The imports of each file, keyed by importSlidevKey(importing file, what `src:` says). */
export type SlidevImports = Map<string, SlidevImport>;

export const importKey = (from: string, src: string): string => `${from}\u0000${src}`;

const SRC = /^src:\s*(["']?)(.+?)\1\s*$/gm;

/** Every file the deck imports, to any depth; each file is read once however often it is imported. */
export async function readSlidevImports(body: string, deckFile: string, displayFile: string, env: Pick<BuildEnv, 'reach' | 'readFile' | 'limits'>): Promise<SlidevImports> {
  const imports: SlidevImports = new Map();
  const seen = new Set<string>([deckFile]);
  const queue: { file: string; display: string; text: string }[] = [{ file: deckFile, display: displayFile, text: body }];
  for (let next = queue.shift(); next; next = queue.shift()) {
    for (const m of next.text.matchAll(SRC)) {
      const src = m[2]!;
      const key = importKey(next.file, src);
      if (imports.has(key)) continue;
      const name = src.split('#')[0]!;
      // "/pages/x.md" is from the talk's root (Slidev's userRoot), else from the importing file.
      const dir = name.startsWith('/') ? path.dirname(deckFile) : path.dirname(next.file);
      const reached = await env.reach(dir, name.replace(/^\/+/, ''), 'imported Markdown file');
      if ('problem' in reached) {
        imports.set(key, { problem: reached.problem });
        continue;
      }
      const display = path.join(path.dirname(displayFile), path.relative(path.dirname(deckFile), reached.file));
      const decoded = decodeSource(await env.readFile(reached.file), display, env.limits);
      if (decoded.text === undefined) {
        imports.set(key, { problem: decoded.diagnostics[0]?.message ?? 'cannot be read' });
        continue;
      }
      const found = { file: reached.file, display, text: decoded.text };
      imports.set(key, found);
      if (!seen.has(reached.file)) {
        seen.add(reached.file);
        queue.push(found);
      }
    }
  }
  return imports;
}

/** Slide numbers (1-based) a range such as "2-4,7" selects among `count`, as @slidev/parser reads it; all without one. */
export function slideRange(count: number, range: string | undefined): number[] {
  const all = Array.from({ length: count }, (_, i) => i + 1);
  if (!range) return all;
  const picked: number[] = [];
  for (const part of range.split(',')) {
    const m = /^\s*(\d+)?\s*(?:-\s*(\d+)?)?\s*$/.exec(part);
    if (!m || (!m[1] && !m[2] && !part.includes('-'))) continue;
    const from = m[1] ? Number(m[1]) : 1;
    const to = part.includes('-') ? (m[2] ? Number(m[2]) : count) : from;
    for (let i = from; i <= Math.min(to, count); i++) picked.push(i);
  }
  return picked;
}

const WEB_ROOT = /(?:\]\(|src=["']|^(?:image|background):\s*["']?)\/(?!\/)([^\s)"'#?]+)/gm;

/**
 * Web-root paths (`/assets/x.png`) that name a file in the talk's folder itself rather than in
 * its public/ (Slidev's Vite server serves both, public/ first); the others stay public/'s.
 */
export async function slidevRootFiles(texts: string[], deckFile: string, env: Pick<BuildEnv, 'reach'>): Promise<Set<string>> {
  const beside = new Set<string>();
  const dir = path.dirname(deckFile);
  const asked = new Set<string>();
  for (const m of texts.join('\n').matchAll(WEB_ROOT)) {
    const name = m[1]!;
    if (asked.has(name)) continue;
    asked.add(name);
    if ('file' in (await env.reach(dir, `public/${name}`, 'picture'))) continue;
    if ('file' in (await env.reach(dir, name, 'picture'))) beside.add(name);
  }
  return beside;
}

/** A web-root path (`/x.png`) as a path in the talk's folder: under public/, unless `beside` says the file is in the folder itself. */
export function fromRoot(name: string, beside: Set<string>): string {
  return name.replace(/^\/(?!\/)/, beside.has(name.slice(1).split(/[?#]/)[0]!) ? '' : 'public/');
}

/**
 * A slide's `background:`: a colour, or a picture drawn behind it. A bare word (cover, center,
 * common) is no file: the deck's Slidev theme reads it as a keyword, so it is a warning.
 */
export function withBackground(content: string, value: unknown, attrs: Record<string, string>, file: string, line: number, diagnostics: Diagnostic[], beside: Set<string>): string {
  if (typeof value !== 'string' || value.trim() === '') return content;
  if (/^(#|rgb|hsl)/.test(value)) {
    attrs['data-background-color'] = value;
    return content;
  }
  if (/^[\w-]+$/.test(value)) {
    diagnostics.push(warning(file, line, `background "${value}" is a word the deck's Slidev theme reads, not a picture; left out`));
    return content;
  }
  return `${content}\n![bg](${fromRoot(value, beside)})`;
}
