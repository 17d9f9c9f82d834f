// The talk's spoken length from its notes, against time: and partTimes:.
import { describe, expect, it } from 'vitest';
import { readTalk, renderTalk } from '../../src/core/pipeline.js';
import { parseDuration, spokenSeconds } from '../../src/core/timing.js';
import { memoryEnv } from '../helpers/memory-env.js';

async function build(markdown: string) {
  const env = await memoryEnv({ '/talk/slides.md': markdown });
  return renderTalk(await readTalk({ slug: 'talk', file: '/talk/slides.md', displayFile: 'slides.md' }, env), env);
}

describe('timing', () => {
  it('reads durations as people write them', () => {
    expect(['20m', '5 min', '90s', '1h', '1h30m', '1:30', '20', '2.5m'].map(parseDuration)).toEqual([1200, 300, 90, 3600, 5400, 90, 1200, 150]);
    expect(parseDuration('soon')).toBeUndefined();
  });

  it('counts Japanese by characters and English by words', () => {
    expect(spokenSeconds('あ'.repeat(300), 'ja', 300)).toBe(60);
    expect(spokenSeconds('word '.repeat(140), 'en', 140)).toBe(60);
    expect(spokenSeconds('', 'en', 140)).toBe(15);
  });

  it('warns when a 5-minute talk has about 2,500 characters of Japanese notes, at the time key', async () => {
    const notes = '日本語の発表者ノートです。'.repeat(40); // 12 characters (and a full stop) x 40, a slide
    const slides = Array.from({ length: 5 }, (_, i) => `## ${i + 1}\n\nNote:\n${notes}\n`).join('\n---\n\n');
    const built = await build(`---\ntitle: T\nlang: ja\ntime: 5m\n---\n\n${slides}`);
    expect(built.diagnostics.map((d) => `${d.line}: ${d.message.split(';')[0]}`)).toEqual(['4: the talk runs long: its notes take about 8 min to say at 300 characters a minute, over the 5 min it has (time: 5m)']);
  });

  it('is quiet when the notes fit, and checks each part against its time', async () => {
    const built = await build(
      `---\ntitle: T\ntime: 10m\nparts: [Intro, Body]\npartTimes: [1m, 8m]\n---\n\n<!-- part: 1 -->\n## A\n\nNote:\n${'word '.repeat(300)}\n\n---\n\n<!-- part: 2 -->\n## B\n\nNote:\nshort\n`,
    );
    expect(built.diagnostics.map((d) => `${d.line}: ${d.message}`)).toEqual(['5: part 1 (Intro) runs long: about 2 min 9 s of notes for the 1 min it has']);
  });
});
