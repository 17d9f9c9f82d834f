// The options table: the run options the library takes are its rows, and the CLI and the
// library check a value with the same words (issue 22 item 1).
import { describe, expect, it } from 'vitest';
import { runOptionProblems, runOptionsOf } from '../../src/cli/options.js';

describe('run options from the table', () => {
  it('turn flags into the library options they name', () => {
    const { options, problems } = runOptionsOf({ theme: 'kamishibai-dark', 'no-pdf': true, 'base-url': 'https://talks.example/', timeout: '2.5', dialect: 'marp', 'single-file': true, out: 'dist', quiet: true });
    expect(problems).toEqual([]);
    expect(options).toEqual({ theme: 'kamishibai-dark', pdf: false, baseUrl: 'https://talks.example/', timeoutMs: 2500, dialect: 'marp', singleFile: true });
  });

  it('say every bad value at once, in the words the CLI always used', () => {
    const { problems } = runOptionsOf({ separator: '(', dialect: 'mrap', timeout: 'soon', 'base-url': 'talks.example' });
    expect(problems).toEqual([
      expect.stringMatching(/^--separator takes a regular expression: /),
      '--dialect takes slidev, marp, reveal, kamishibai; got "mrap" (did you mean "marp"?)',
      '--base-url takes the site\'s address, such as https://you.github.io/talks/; got "talks.example"',
      '--timeout takes a number of seconds, got "soon"',
    ]);
  });

  it('check a programmatic caller the same way', () => {
    expect(runOptionProblems({ verticalSeparator: '[', timeoutMs: -1 })).toEqual([expect.stringMatching(/^--vertical-separator takes a regular expression: /), '--timeout takes a number of seconds, got "-1"']);
    expect(runOptionProblems({ separator: '<!--s-->', timeoutMs: 1000, baseUrl: 'https://talks.example' })).toEqual([]);
  });
});
