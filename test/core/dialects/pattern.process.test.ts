// The CLI as a process stays killable on a separator pattern that would keep V8 busy for hours.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, ROOT } from '../../helpers/cli.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'kamishibai-pattern-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('separator patterns', () => {
  it('issue 20 item 3: the CLI on a hostile pattern answers SIGTERM', async () => {
    const deck = path.join(tmp, 'hostile');
    mkdirSync(deck);
    writeFileSync(path.join(deck, 'slides.md'), `---\nseparator: "(a|a)*c"\n---\n\n# A\n\n${'a'.repeat(40)}b\n`);
    const child = spawn(process.execPath, [CLI, 'build', deck, '--no-pdf', '--out', path.join(tmp, 'out')], { cwd: ROOT, stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? -1 : null))));
    await new Promise((r) => setTimeout(r, 1500));
    child.kill('SIGTERM');
    expect([0, 130, -1]).toContain(await exited);
  }, 60_000);
});
