// A slide's script that takes the print page elsewhere (issue 20 item 18, a variant the
// re-check found): a meta refresh added by script ended the export with Puppeteer's
// "Execution context was destroyed".
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'kamishibai-navigate-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('a slide that leaves its page', () => {
  it('fails the export in words that name the cause and the fix', () => {
    const deck = path.join(tmp, 'talk.md');
    writeFileSync(deck, '---\ntitle: Away\n---\n\n# A\n\n<script>const m = document.createElement("meta"); m.httpEquiv = "refresh"; m.content = "0; url=about:blank"; document.head.append(m);</script>\n');
    const r = runCli(['build', deck, '--out', path.join(tmp, 'out')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error: a script on a slide took the page elsewhere while it was exported \(a meta refresh, or a change of location\)/);
    expect(r.stderr).not.toMatch(/Execution context/);
  });
});
