// What a static deck cannot run of a Slidev slide: Vue expressions ({{ }}) and components
// (<Tweet>, <mdi-github />), each left out with a message; HTML's own tags are kept.

/** HTML's elements (and SVG's and MathML's that decks write), with the obsolete ones browsers still draw (center, font): not Vue components. */
const HTML_TAGS = new Set(
  ('a abbr address area article aside audio b bdi bdo blockquote br button canvas caption cite code col colgroup data datalist dd del details dfn dialog div dl dt em embed fieldset ' +
    'figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr i iframe img input ins kbd label legend li main map mark menu meter nav noscript object ol optgroup option ' +
    'output p picture pre progress q rp rt ruby s samp search section select small source span strong sub summary sup table tbody td template textarea tfoot th thead time tr track u ul ' +
    'var video wbr center font big tt strike acronym marquee svg path circle ellipse rect line polyline polygon g text tspan defs use symbol marker lineargradient radialgradient stop ' +
    'clippath mask pattern image foreignobject math mi mn mo mrow msup msub mfrac msqrt style script').split(' '),
);
// Bounded repeats: an open {{ or < without its end must not make each match attempt scan to
// the end of a long line (200,000 of them on one line took 20 s).
const VUE_EXPRESSION = /\{\{(?:(?!\}\})[^\n]){0,500}\}\}/g;

const isHtml = (tag: string) => HTML_TAGS.has(tag.toLowerCase()) && !/[A-Z]/.test(tag);

/** One line without its Vue expressions and components; `said` gets a message for each. */
export function withoutVue(text: string, said: (message: string) => void): string {
  for (const m of text.matchAll(VUE_EXPRESSION)) said(`"${m[0]}" is a Vue expression, which a static deck cannot run; left out`);
  let out = text.replace(VUE_EXPRESSION, '');
  for (const m of out.matchAll(/<\/?([A-Za-z][\w-]*)(?=[\s/>])/g)) {
    if (!isHtml(m[1]!) && !m[0].startsWith('</')) said(`<${m[1]!}> is a Vue component, which a static deck cannot draw; left out (its text stays)`);
  }
  // An HTML element Vue fills (v-html, v-text: a Slidev cover's title from $slidev.configs) stays empty.
  for (const m of out.matchAll(/<([a-z][\w-]*)\s[^<>]{0,500}?\bv-(html|text)\s*=/g)) {
    if (isHtml(m[1]!)) said(`<${m[1]!} v-${m[2]!}> is filled by Vue, which a static deck cannot run; it stays empty: write its text in the Markdown`);
  }
  out = out.replace(/<\/?([A-Za-z][\w-]*)(?:\s[^<>]{0,500}?)?\/?>/g, (tag, name: string) => (isHtml(name) ? tag : ''));
  // A line that held a component alone stays a line: a blank one would end the HTML block
  // around it, and its indented next line (</a>) would be drawn as code.
  return out.trim() === '' && text.trim() !== '' ? `${/^\s*/.exec(text)![0]}<!-- -->` : out;
}
