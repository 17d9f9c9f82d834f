// The outputs made beside the deck page: each is asked for by a run option of the options
// table, so that adding one is its module and its line (issue 22 item 3).
import { describe, expect, it } from 'vitest';
import { TALK_OUTPUTS } from '../../src/core/talk-outputs.js';
import { runOptionsOf } from '../../src/cli/options.js';

describe('TALK_OUTPUTS', () => {
  it('names, for each output, the run option --notes or --single-file sets', () => {
    const { options } = runOptionsOf({ notes: true, 'single-file': true });
    expect(TALK_OUTPUTS.map((o) => o.option).sort()).toEqual(Object.keys(options).sort());
  });
});
