// print.ts: links in the PDFs. With a public address (url:, or --base-url), a relative link
// to the talk's own files is absolute under it, as README promises: a PDF mailed or
// downloaded alone still reaches them. (Without one they stay relative: e2e/pdf.test.ts.)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../../src/index.js';
import { FIXTURES } from '../helpers/fixtures.js';
import { pdfStructure } from '../helpers/pdf.js';

const out = mkdtempSync(path.join(tmpdir(), 'kamishibai-print-'));
const fixture = path.join(FIXTURES, 'print', 'absolute-links');
let result: BuildResult;

beforeAll(async () => {
  result = await build({ inputs: [path.join(fixture, 'with-url'), path.join(fixture, 'base-url')], outDir: out, baseUrl: 'https://site.example/talks' });
}, 240_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

const uris = async (file: string) => (await pdfStructure(path.join(out, file))).links.map((l) => l.uri).filter(Boolean);

describe('issue 21 item 6: links in the PDFs under url: and --base-url', () => {
  it('url: makes the talk\'s relative links absolute under it, in the slide PDF and the handout', async () => {
    expect(result.diagnostics).toEqual([]);
    const expected = ['https://talks.example/with-url/with-url-handout.pdf', 'https://talks.example/with-url/files/notes.txt', 'https://talks.example/about/', 'https://example.org/'];
    expect(await uris('with-url/with-url.pdf')).toEqual(expected);
    expect(await uris('with-url/with-url-handout.pdf')).toEqual(expected);
  });

  it('--base-url does the same for a talk without url:', async () => {
    expect(await uris('base-url/base-url.pdf')).toEqual(['https://site.example/talks/base-url/base-url.pdf', 'https://site.example/talks/index.html']);
  });
});
