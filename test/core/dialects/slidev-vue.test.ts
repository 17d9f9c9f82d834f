// What a static deck leaves out of a Slidev slide, line by line: Vue expressions and
// components (each said once), HTML's own tags kept, obsolete ones browsers draw among them.
import { describe, expect, it } from 'vitest';
import { withoutVue } from '../../../src/core/dialects/slidev-vue.js';

const run = (line: string) => {
  const said: string[] = [];
  return { out: withoutVue(line, (m) => said.push(m)), said };
};

describe('withoutVue', () => {
  it('keeps HTML, obsolete tags such as <center> and <font> among it, and says nothing', () => {
    expect(run('<center><font color="red">x</font></center>')).toEqual({ out: '<center><font color="red">x</font></center>', said: [] });
  });

  it('leaves out a component and an expression, its text kept, each said', () => {
    expect(run('<Tweet id="1">see {{ $slidev.nav.currentPage }}</Tweet>')).toEqual({
      out: 'see ',
      said: ['"{{ $slidev.nav.currentPage }}" is a Vue expression, which a static deck cannot run; left out', '<Tweet> is a Vue component, which a static deck cannot draw; left out (its text stays)'],
    });
  });

  it('a line that held a component alone stays a line, so the HTML block around it goes on (hello-slidev: </a> drawn as code)', () => {
    expect(run('      <mdi-github class="text-3xl" />').out).toBe('      <!-- -->');
    expect(run('').out).toBe('');
  });

  it('an HTML element Vue fills (v-html, v-text) is said: it stays empty (next-slide-please: an empty cover)', () => {
    expect(run('<span v-html="$slidev.configs.title"></span>')).toEqual({
      out: '<span v-html="$slidev.configs.title"></span>',
      said: ['<span v-html> is filled by Vue, which a static deck cannot run; it stays empty: write its text in the Markdown'],
    });
  });
});
