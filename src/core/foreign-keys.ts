// Front-matter keys that reveal-md, Marp or Slidev define and Kamishibai does not use. A deck
// brought from one of them builds: each such key is a warning naming the tool and what
// Kamishibai does instead, never an "unknown key" error.
const REVEAL_MD = 'a reveal-md setting';
const MARP = 'a Marp setting';
const SLIDEV = 'a Slidev setting';

const KEYS: Record<string, [tool: string, instead: string]> = {
  preprocessor: [REVEAL_MD, 'Kamishibai runs no preprocessor; decks are Markdown as written'],
  template: [REVEAL_MD, 'layouts are templates/layouts/*.hbs; pick one with <!-- layout: name -->'],
  listingTemplate: [REVEAL_MD, 'the list of talks is templates/index.hbs'],
  marp: [MARP, 'Kamishibai reads the deck as Markdown slides without it'],
  paginate: [MARP, 'slide numbers are on by default (slideNumber)'],
  header: [MARP, 'use footer, or a heading on the slide'],
  size: [MARP, 'use aspectRatio: 16:9, 4:3 or 16:10'],
  headingDivider: [MARP, 'separate slides with ---'],
  math: [MARP, 'math ($...$, $$...$$) is always rendered, with KaTeX at build time'],
  class: [`${MARP} or ${SLIDEV}`, 'set a slide\'s class with <!-- .slide: class="name" -->'],
  backgroundColor: [MARP, 'use <!-- .slide: data-background-color="#123" --> on a slide'],
  backgroundImage: [MARP, 'use <!-- .slide: data-background-image="images/x.jpg" --> on a slide'],
  color: [MARP, 'set colours in a CSS file named with css: (--fg, --bg...)'],
  image: [MARP, 'og.png is made from the title slide'],
  layout: [SLIDEV, 'pick a layout per slide with <!-- layout: name -->'],
  background: [SLIDEV, 'use <!-- .slide: data-background-image="..." --> on a slide'],
  highlighter: [SLIDEV, 'code is highlighted at build time (highlightTheme)'],
  lineNumbers: [SLIDEV, 'write ```ts [] for line numbers on one block'],
  info: [SLIDEV, 'use description'],
  titleTemplate: [SLIDEV, 'the title is used as written'],
  colorSchema: [SLIDEV, 'use theme: kamishibai or kamishibai-dark'],
  fonts: [SLIDEV, 'fonts are listed in templates/fonts.json'],
  drawings: [SLIDEV, 'Kamishibai has no drawing layer'],
  download: [SLIDEV, 'the PDFs are linked from the deck when they are built'],
  exportFilename: [SLIDEV, 'the PDFs are named after the talk\'s folder'],
  canvasWidth: [SLIDEV, 'slides are 1280x720 (aspectRatio changes the width)'],
  themeConfig: [SLIDEV, 'set custom properties in a CSS file named with css:'],
  mdc: [SLIDEV, 'Kamishibai reads Markdown as marked does'],
  routerMode: [SLIDEV, 'the deck is one static page'],
  favicon: [SLIDEV, 'add it to templates/deck.hbs'],
  keywords: [SLIDEV, 'use description'],
};

/** Why a key Kamishibai does not know is fine to leave in a deck, or undefined for a plain typo. */
export function foreignKey(key: string): string | undefined {
  if (!Object.hasOwn(KEYS, key)) return undefined;
  const [tool, instead] = KEYS[key]!;
  return `"${key}" is ${tool}, which Kamishibai does not use: ${instead}`;
}

/** reveal.js's own themes, light or dark: code under a dark one is coloured for a dark background. */
export const REVEAL_THEMES: Record<string, 'light' | 'dark'> = {
  white: 'light', beige: 'light', serif: 'light', simple: 'light', sky: 'light', solarized: 'light', 'white-contrast': 'light',
  black: 'dark', blood: 'dark', league: 'dark', moon: 'dark', night: 'dark', dracula: 'dark', 'black-contrast': 'dark',
};
