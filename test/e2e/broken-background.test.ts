// A background picture Chromium cannot decode (issue 20 item 5's neighbour, found in the
// re-check): it was simply missing from the PDF, and neither build nor check said so.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'kamishibai-bg-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('a data-background-image that does not decode', () => {
  it('is a warning at the line that names it, in check as in build', () => {
    writeFileSync(path.join(tmp, 'bad.png'), 'not a picture at all');
    writeFileSync(path.join(tmp, 'talk.md'), '---\ntitle: Bad\n---\n\n# A\n\n---\n\n<!-- .slide: data-background-image="bad.png" -->\n\n## B\n');
    const r = runCli(['check', path.join(tmp, 'talk.md')]);
    expect(r.stderr).toMatch(/talk\.md:9:1: warning: slide 2: image "bad\.png" failed to load: the browser could not draw it/);
  });
});
