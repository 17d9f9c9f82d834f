// Decks brought from reveal-md, Marp and Slidev: their keys are warnings that say what to do,
// revealOptions reach reveal.js checked, and the list of reveal.js options follows reveal.js.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateDeckFields } from '../../src/core/config.js';
import { REVEAL_CONFIG_KEYS } from '../../src/core/reveal-options.js';
import { ROOT } from '../helpers/cli.js';

describe('keys of other tools', () => {
  it('are warnings naming the tool and what Kamishibai does instead; a key no tool knows stays an error', () => {
    const { problems } = validateDeckFields({ paginate: true, layout: 'center', preprocessor: 'p.js', titel: 'x' });
    expect(problems.map((p) => [p.key, p.severity ?? 'error', p.message.split(',')[0]])).toEqual([
      ['paginate', 'warning', '"paginate" is a Marp setting'],
      ['layout', 'warning', '"layout" is a Slidev setting'],
      ['preprocessor', 'warning', '"preprocessor" is a reveal-md setting'],
      ['titel', 'error', 'unknown front-matter key "titel"; did you mean "title"?'],
    ]);
  });

  it("reveal-md's highlightTheme, a highlight.js style, is taken as it is (the build checks the name)", () => {
    expect(validateDeckFields({ highlightTheme: 'monokai' })).toMatchObject({ values: { highlightTheme: 'monokai' }, problems: [] });
  });

  it('revealOptions pass to reveal.js; a typo gets the nearest option, and size stays Kamishibai\'s', () => {
    const { values, problems } = validateDeckFields({ revealOptions: { transition: 'fade', lop: true, width: 900 } });
    expect(values.revealOptions).toEqual({ transition: 'fade' });
    expect(problems.map((p) => p.message)).toEqual([
      'revealOptions: "lop" is not a reveal.js option; did you mean "loop"? (left out)',
      'revealOptions: "width" is set by Kamishibai (slide size, plugins, PDF layout) and is left out; use aspectRatio for the size',
    ]);
  });

  it("knows every reveal.js 6 option, read from reveal.js's own config.d.ts", () => {
    const dts = readFileSync(path.join(ROOT, 'node_modules', 'reveal.js', 'dist', 'config.d.ts'), 'utf8');
    const body = dts.slice(dts.indexOf('interface RevealConfig'));
    const keys: string[] = [];
    let depth = 0;
    for (const line of body.split('\n').slice(1)) {
      const m = depth === 0 ? /^ {4}(\w+)\??:/.exec(line) : null;
      if (m) keys.push(m[1]!);
      depth += (line.match(/\{/g)?.length ?? 0) - (line.match(/\}/g)?.length ?? 0);
      if (depth < 0) break;
    }
    expect([...REVEAL_CONFIG_KEYS].sort()).toEqual(keys.sort());
  });

  it('takes a separator pattern that would take exponential time in V8: it runs in linear time (dialects/pattern.ts)', () => {
    const { values, problems } = validateDeckFields({ separator: '(a+)+$', verticalSeparator: '<!--v-->' });
    expect(values).toEqual({ separator: '(a+)+$', verticalSeparator: '<!--v-->' });
    expect(problems).toEqual([]);
    const { problems: refused } = validateDeckFields({ separator: '(?<=a)b' });
    expect(refused[0]!.message).toMatch(/"separator" must be a regular expression reveal\.js can use: it uses lookbehind/);
  });
});
