// kamishibai.config.ts: its problems at the line of the key, whatever the key holds.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadProjectConfig } from '../../src/run/project-config.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'kamishibai-config-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('the project config', () => {
  it('trust-b 25: a mistyped key holding "(" is an unknown key at its line, not a regex crash', async () => {
    writeFileSync(path.join(tmp, 'kamishibai.config.ts'), "import { defineConfig } from 'kamishibai';\nexport default defineConfig({ deck: {\n  theme: 'kamishibai',\n  'footer(': 'x' } as never });\n");
    const { diagnostics } = await loadProjectConfig(tmp, tmp);
    expect(diagnostics.map((d) => [d.line, d.message])).toEqual([[4, expect.stringMatching(/^unknown key in deck "footer\("/)]]);
  });

  it('trust-b 25: the key found on a line that sets several', async () => {
    writeFileSync(path.join(tmp, 'kamishibai.config.ts'), "import { defineConfig } from 'kamishibai';\nexport default defineConfig({ deck: { theme: 'kamishibai', 'footer(': 'x' } as never });\n");
    const { diagnostics } = await loadProjectConfig(tmp, tmp);
    expect(diagnostics.map((d) => d.line)).toEqual([2]);
  });
});
