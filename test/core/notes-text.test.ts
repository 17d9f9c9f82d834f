// --notes: each slide's title and notes, as written, in slide order.
import { describe, expect, it } from 'vitest';
import { readTalk, renderTalk } from '../../src/core/pipeline.js';
import type { OutputFile } from '../../src/core/model.js';
import { memoryEnv } from '../helpers/memory-env.js';

describe('the notes as text', () => {
  it('lists every slide with its title and its notes as the author wrote them', async () => {
    const env = await memoryEnv({ '/talk/slides.md': '---\ntitle: A talk\nevent: Meetup\n---\n\n<!-- layout: title -->\n\nNote:\nWelcome **all**.\n\n---\n\n## Second\n\nText\n\n---\n\n## Third\n\nNote:\n- one\n- two\n' }, { outputs: ['notes'] });
    const built = await renderTalk(await readTalk({ slug: 'talk', file: '/talk/slides.md', displayFile: 'slides.md' }, env), env);
    const notes = (built.files.find((f) => f.path === 'talk-notes.md') as OutputFile).data;
    expect(notes).toBe('# A talk\n\nMeetup\n\n## 1. A talk\n\nWelcome **all**.\n\n## 2. Second\n\n## 3. Third\n\n- one\n- two\n');
  });

  it('is not written unless asked for', async () => {
    const env = await memoryEnv({ '/talk/slides.md': '# A\n' });
    const built = await renderTalk(await readTalk({ slug: 'talk', file: '/talk/slides.md', displayFile: 'slides.md' }, env), env);
    expect(built.files.map((f) => f.path)).not.toContain('talk-notes.md');
  });
});
