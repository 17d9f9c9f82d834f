// Kamishibai's own dialect, which is reveal.js's Markdown as reveal-md and reveal.js's
// markdown plugin read it: `---` starts a slide, `--` a vertical one, `Note:` the speaker
// notes; slide and element attributes are HTML comments, read after rendering (directives.ts).
import { splitSlides } from '../markdown/split.js';
import type { Dialect } from '../model.js';

export const kamishibai: Dialect = { name: 'kamishibai', split: splitSlides };
