// kamishibai.config.ts, compiled and cached: the cache follows every file the config reads.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadProjectConfig } from '../../src/run/project-config.js';

const root = mkdtempSync(path.join(tmpdir(), 'kamishibai-config-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('loadProjectConfig', () => {
  it('trust-b 06: compiles again when a helper the config imports changes', async () => {
    const cache = path.join(root, 'cache');
    writeFileSync(path.join(root, 'kamishibai.config.ts'), "import { defineConfig } from 'kamishibai';\nimport { theme } from './defaults';\nexport default defineConfig({ deck: { theme } });\n");
    writeFileSync(path.join(root, 'defaults.ts'), "export const theme = 'kamishibai';\n");
    expect((await loadProjectConfig(root, cache)).deck.theme).toBe('kamishibai');
    writeFileSync(path.join(root, 'defaults.ts'), "export const theme = 'kamishibai-dark';\n");
    expect((await loadProjectConfig(root, cache)).deck.theme).toBe('kamishibai-dark');
    // Unchanged files: the cached module, the same answer.
    expect((await loadProjectConfig(root, cache)).deck.theme).toBe('kamishibai-dark');
    writeFileSync(path.join(root, 'defaults.ts'), "export const theme = 'kamishibai';\n");
    expect((await loadProjectConfig(root, cache)).deck.theme).toBe('kamishibai');
  });

  it('a config that does not compile is an error at its line with esbuild\'s reason, not "Build failed with 1 error:"', async () => {
    const dir = mkdtempSync(path.join(root, 'broken-'));
    const cache = path.join(root, 'cache');
    writeFileSync(path.join(dir, 'kamishibai.config.ts'), "import { defineConfig } from 'kamishibai';\nexport default defineConfig({ deck: { theme: 'x' }, );\n");
    const syntax = (await loadProjectConfig(dir, cache)).diagnostics;
    expect(syntax.map((d) => [d.line, d.message])).toEqual([[2, expect.stringMatching(/^cannot load the config: Expected identifier but found "\)"/)]]);
    writeFileSync(path.join(dir, 'kamishibai.config.ts'), "import { theme } from './nothere';\nexport default { deck: { theme } };\n");
    const missing = (await loadProjectConfig(dir, cache)).diagnostics;
    expect(missing.map((d) => [d.line, d.message])).toEqual([[1, expect.stringMatching(/^cannot load the config: Could not resolve "\.\/nothere"/)]]);
  });
});
