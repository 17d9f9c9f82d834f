// The addresses CSS text loads, for the checks that every file a deck names gets: a slide's
// own <style> and style="", an embedded page's CSS, a stylesheet it links. Read as a browser
// reads it: comments out and escapes decoded first (`u\72l(` is `url(` to Chromium).

const CSS_URL = /url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s*(['"])([^'"]+)\3/gi;
/** image-set() (and -webkit-image-set()) also takes plain strings: `image-set("a.png" 1x)`. */
const IMAGE_SET = /image-set\(((?:[^()]|\([^()]*\))*)\)/gi;
/** A CSS escape: up to six hex digits and one optional space, or any other character. */
const ESCAPE = /\\(?:([0-9a-f]{1,6})[ \t\n\r\f]?|([^\n0-9a-f]))/gi;

/** CSS text without comments and with its escapes decoded, as the browser's tokenizer sees it. */
function decodedCss(sheet: string): string {
  return sheet.replace(/\/\*[\s\S]*?(\*\/|$)/g, ' ').replace(ESCAPE, (_, hex: string | undefined, char: string | undefined) => {
    if (char !== undefined) return char;
    const code = parseInt(hex!, 16);
    return code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) ? '\uFFFD' : String.fromCodePoint(code);
  });
}

/** Every address CSS text loads: url()s (also in @font-face src), @imports and image-set() strings. */
export function cssUrls(sheet: string): string[] {
  const css = decodedCss(sheet);
  const urls = [...css.matchAll(CSS_URL)].map((m) => m[2] ?? m[4] ?? '');
  for (const set of css.matchAll(IMAGE_SET)) {
    for (const q of set[1]!.replace(/url\([^)]*\)/gi, '').matchAll(/(['"])([^'"]+)\1/g)) urls.push(q[2]!);
  }
  return urls;
}
