// The one fence scanner: CommonMark's rule for which lines are code, and a fence's info string.
import { describe, expect, it } from 'vitest';
import { fenceTracker, hasFence, isMermaid } from '../../../src/core/markdown/fences.js';
import { readTalk, renderTalk } from '../../../src/core/pipeline.js';
import { memoryEnv } from '../../helpers/memory-env.js';

const codeLines = (text: string) => {
  const inFence = fenceTracker();
  return text.split('\n').flatMap((l, i) => (inFence(l) ? [i + 1] : []));
};

describe('fenceTracker', () => {
  it('opens on 3+ backticks or tildes (up to 3 spaces in), closes on the same character at least as long, with nothing after', () => {
    expect(codeLines('a\n```js\nx\n```\nb')).toEqual([2, 3, 4]);
    expect(codeLines('~~~~\n```\n~~~\nx\n~~~~~\nb')).toEqual([1, 2, 3, 4, 5]);
    expect(codeLines('```\nx\n``` not a close\n```\nb')).toEqual([1, 2, 3, 4]);
    expect(codeLines('    ```\nindented code, not a fence')).toEqual([]);
    // A backtick fence's info string may not hold a backtick: that line is inline code.
    expect(codeLines('``` a`b\nx')).toEqual([]);
  });

  it('keeps the open fence with its info string', () => {
    const inFence = fenceTracker();
    inFence('```mermaid {theme: dark}');
    expect(inFence.open).toEqual({ char: '`', length: 3, info: 'mermaid {theme: dark}' });
  });

  it('tells a diagram and a deck with code', () => {
    expect([isMermaid('mermaid'), isMermaid('mermaid {x}'), isMermaid('mermaid-animation'), isMermaid('js')]).toEqual([true, true, false, false]);
    expect([hasFence('# T\n\n  ~~~\n'), hasFence('# T\n\n`` x ``\n')]).toEqual([true, false]);
  });
});

describe("a diagram's line", () => {
  it('counts only fences that open a diagram, not a ```mermaid shown as code inside another fence', async () => {
    const deck = '# Code\n\n~~~~markdown\n```mermaid\ngraph LR\n```\n~~~~\n\n---\n\n# Diagram\n\n```mermaid\ngraph LR\n  A --> \n```\n';
    const diagrams = async (jobs: unknown[]) => jobs.map(() => ({ error: 'Parse error', line: 2 }));
    const env = await memoryEnv({ '/talk/slides.md': deck }, { diagrams });
    const source = { slug: 'talk', file: '/talk/slides.md', displayFile: 'talk/slides.md' };
    const built = await renderTalk(await readTalk(source, env), env);
    // The fence opens on line 13; Mermaid's line 2 is the deck's line 15.
    expect(built.diagnostics.map((d) => `${d.line}: ${d.message}`)).toEqual(['15: diagram: Parse error']);
  });
});
