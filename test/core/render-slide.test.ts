// One slide rendered: what a slide may not do to the page it is on is an error at its line.
import { describe, expect, it } from 'vitest';
import { readTalk, renderTalk } from '../../src/core/pipeline.js';
import { memoryEnv } from '../helpers/memory-env.js';

async function talk(md: string) {
  const env = await memoryEnv({ '/talk/slides.md': md });
  return renderTalk(await readTalk({ slug: 'talk', file: '/talk/slides.md', displayFile: 'slides.md' }, env), env);
}

describe('a meta refresh in a slide', () => {
  it('issue 20 item 18: is an error at its line, in the slide or its notes (before any browser starts)', async () => {
    const built = await talk('# A\n\n<meta http-equiv="refresh" content="0; url=file:///etc/passwd">\n\n---\n\n# B\n\nText\n\nNote:\nSaid.\n\n<META HTTP-EQUIV=Refresh CONTENT="5">\n');
    expect(built.diagnostics.map((d) => `${d.severity} ${d.line}: ${d.message}`)).toEqual([
      'error 3: <meta http-equiv="refresh"> would take the deck away from itself (and stop its PDF); remove it, and link with <a href> instead (also on line 14)',
    ]);
  });

  it('shown as code, it is text, not a problem', async () => {
    const built = await talk('# Code\n\n```html\n<meta http-equiv="refresh" content="0">\n```\n\nAnd `<meta http-equiv="refresh">` inline.\n');
    expect(built.diagnostics).toEqual([]);
    expect(built.slides[0]!.html).toContain('&lt;meta http-equiv=');
  });
});
