// The one confinement check: a path and where it leads after symlinks, both inside a root.
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isWithin, realInside } from '../../src/io/paths.js';

const tmp = realpathSync(mkdtempSync(path.join(tmpdir(), 'kamishibai-paths-')));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('realInside', () => {
  it('tells a file inside, one outside, one missing and a link that leads out', async () => {
    const talk = path.join(tmp, 'talk');
    const templates = path.join(tmp, 'templates');
    mkdirSync(talk);
    mkdirSync(templates);
    writeFileSync(path.join(talk, 'a.css'), '');
    writeFileSync(path.join(templates, 'b.css'), '');
    writeFileSync(path.join(tmp, 'secret'), '');
    symlinkSync(path.join(tmp, 'secret'), path.join(talk, 'out.css'));
    symlinkSync(path.join(templates, 'b.css'), path.join(talk, 'to-templates.css'));
    expect(await realInside([talk], path.join(talk, 'a.css'))).toEqual({ real: path.join(talk, 'a.css') });
    expect(await realInside([talk], path.join(tmp, 'secret'))).toEqual({ outside: true });
    expect(await realInside([talk], path.join(talk, 'none.css'))).toEqual({ missing: true });
    expect(await realInside([talk], path.join(talk, 'out.css'))).toEqual({ linkTo: path.join(tmp, 'secret') });
    // With two roots, a link from one into the other stays inside.
    expect(await realInside([talk], path.join(talk, 'to-templates.css'))).toEqual({ linkTo: path.join(templates, 'b.css') });
    expect(await realInside([talk, templates], path.join(talk, 'to-templates.css'))).toEqual({ real: path.join(templates, 'b.css') });
  });

  it('takes a folder whose name starts like the root as outside it', () => {
    expect(isWithin('/a/talk', '/a/talk-2/x')).toBe(false);
    expect(isWithin('/a/talk', '/a/talk')).toBe(true);
  });
});
