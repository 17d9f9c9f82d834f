// The project read once a run: its templates precompiled once for the same files and engine
// and kept in the cache, so that a later build loads only Handlebars' runtime; the engine's
// fingerprint hashed again only when a file of it changed.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadEnv, readEngineFingerprint } from '../../src/run/project.js';
import { ROOT } from '../helpers/cli.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'kamishibai-project-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A copy of the project's templates at `name`, read with the cache `cache`. */
function templatesAt(name: string, cache: string, edit?: (dir: string) => void) {
  const templates = path.join(tmp, name);
  cpSync(path.join(ROOT, 'templates'), templates, { recursive: true });
  edit?.(templates);
  // Another folder is another key in the process's memory: what comes back is read from disk.
  return loadEnv({ root: ROOT, templates, slides: path.join(ROOT, 'slides'), cache });
}

const index = async (loaded: Awaited<ReturnType<typeof loadEnv>>) => loaded.env!.templates.renderIndex({ talks: [], title: 'Talks' });

describe('templates, precompiled once', () => {
  it('a second read of the same templates takes their precompiled form from the cache', async () => {
    const cache = path.join(tmp, 'cache');
    const first = await templatesAt('a', cache);
    expect(first.diagnostics).toEqual([]);
    const [saved] = readdirSync(path.join(cache, 'templates'));
    expect(saved).toMatch(/\.json$/);
    // Mark the cached index.hbs: the next read renders the mark, so it compiled nothing.
    const file = path.join(cache, 'templates', saved!);
    const specs = JSON.parse(readFileSync(file, 'utf8')) as [string, string][];
    const marked = specs.map(([name, spec]) => [name, name === 'index.hbs' ? spec.replace('"<!doctype html>', '"<!-- from the cache --><!doctype html>') : spec]);
    expect(JSON.stringify(marked)).not.toBe(JSON.stringify(specs));
    writeFileSync(file, JSON.stringify(marked));
    expect(await index(await templatesAt('b', cache))).toContain('<!-- from the cache -->');
  });

  it('an edited template is compiled again, and its syntax error is reported at its line', async () => {
    const cache = path.join(tmp, 'cache-edit');
    await templatesAt('c', cache);
    const edited = await templatesAt('d', cache, (dir) => writeFileSync(path.join(dir, 'index.hbs'), `${readFileSync(path.join(dir, 'index.hbs'), 'utf8')}<!-- edited -->`));
    expect(await index(edited)).toContain('<!-- edited -->');
    const broken = await templatesAt('e', cache, (dir) => writeFileSync(path.join(dir, 'layouts', 'default.hbs'), '<div>\n{{#if content}}\n{{{content}}}\n</div>\n'));
    expect(broken.env).toBeUndefined();
    expect(broken.diagnostics.map((d) => `${d.file}:${d.line}: ${d.message.slice(0, 24)}`)).toEqual([expect.stringMatching(/layouts\/default\.hbs:\d+: Handlebars syntax error/)]);
    expect(readdirSync(path.join(cache, 'templates'))).toHaveLength(2);
  });
});

describe("the engine's fingerprint", () => {
  it('is read from the cache while no file changed size or time, and made again when one did', async () => {
    const engine = path.join(tmp, 'engine');
    const cache = path.join(tmp, 'engine-cache');
    mkdirSync(path.join(engine, 'src', 'core'), { recursive: true });
    writeFileSync(path.join(engine, 'package-lock.json'), '{}');
    writeFileSync(path.join(engine, 'src', 'core', 'a.ts'), 'export const a = 1;\n');
    const first = await readEngineFingerprint(engine, cache);
    expect(await readEngineFingerprint(engine, cache)).toBe(first);
    // What the cache holds is what comes back: nothing was read and hashed again.
    const saved = path.join(cache, 'engine', 'current.json');
    writeFileSync(saved, JSON.stringify({ ...JSON.parse(readFileSync(saved, 'utf8')), fingerprint: 'from the cache' }));
    expect(await readEngineFingerprint(engine, cache)).toBe('from the cache');
    writeFileSync(path.join(engine, 'src', 'core', 'a.ts'), 'export const a = 2;\n');
    utimesSync(path.join(engine, 'src', 'core', 'a.ts'), new Date(), new Date(Date.now() + 5000));
    const edited = await readEngineFingerprint(engine, cache);
    expect(edited).not.toBe('from the cache');
    expect(edited).not.toBe(first);
  });
});
