// Separator patterns at size: 100,000 characters split into 50,001 slides in linear time.
import { describe, expect, it } from 'vitest';
import { revealDialect } from '../../../src/core/dialects/reveal.js';

describe('separator patterns', () => {
  it('a pattern whose first branch would scan to the end at every match stays linear: the same slides as reveal.js', () => {
    const text = 'ab'.repeat(50_000);
    const { slides } = revealDialect({ separator: 'a[\\s\\S]*?Z|a', verticalSeparator: 'Q', notesSeparator: 'x^y' }).split(text, 1, 'd.md');
    expect(slides).toHaveLength(50_001);
  });
});
