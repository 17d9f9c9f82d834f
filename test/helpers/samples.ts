// The sample talks that come with the repository. A fork deletes them (README says how), and
// `npm test` must still pass there: the tests made for them are skipped when they are gone.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './cli.js';

export const SAMPLE_TALKS = ['japan-ai', 'japan-ai-en'] as const;

/** Both sample talks are in slides/. */
export const SAMPLES_HERE = SAMPLE_TALKS.every((t) => existsSync(path.join(ROOT, 'slides', t, 'slides.md')));
