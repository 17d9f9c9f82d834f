// slideName: the one name a slide is listed by (notes file, handout, bookmarks).
import { describe, expect, it } from 'vitest';
import { slideName } from '../../src/core/slide-name.js';
import type { Slide } from '../../src/core/slides.js';

const slide = (html: string, over: Partial<Slide> = {}): Slide => ({ index: 6, h: 6, v: 0, line: 1, title: '', layout: 'default', html, notesHtml: '', attrs: {}, assets: [], ...over });

describe('slideName', () => {
  it('its heading, else the talk title on a title slide, else its first words, else Slide N', () => {
    expect(slideName(slide('<h2>Heading</h2>', { title: 'Heading' }), 'Talk')).toBe('Heading');
    expect(slideName(slide('<h1>Talk</h1>', { layout: 'title' }), 'Talk')).toBe('Talk');
    expect(slideName(slide('<div class="slide-body"><ol class="part-marker"><li>Part</li></ol><p>Start-ups &amp; the rest</p></div><footer class="slide-footer">#tag</footer>'), 'Talk')).toBe('Start-ups & the rest');
    expect(slideName(slide('<p><img src="a.png" alt="x"></p>'), 'Talk')).toBe('Slide 7');
  });

  it('cuts long first words at 60 characters', () => {
    expect(slideName(slide(`<p>${'word '.repeat(30)}</p>`), 'T')).toMatch(/^(word ){11}word…$/);
  });
});
