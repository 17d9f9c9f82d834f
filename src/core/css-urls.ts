// The addresses CSS text loads, for the checks that every file a deck names gets: a slide's
// own <style> and style="", an embedded page's CSS, a stylesheet it links.

const CSS_URL = /url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3/gi;
/** image-set() (and -webkit-image-set()) also takes plain strings: `image-set("a.png" 1x)`. */
const IMAGE_SET = /image-set\(((?:[^()]|\([^()]*\))*)\)/gi;

/** Every address CSS text loads: url()s (also in @font-face src), @imports and image-set() strings. */
export function cssUrls(sheet: string): string[] {
  const urls = [...sheet.matchAll(CSS_URL)].map((m) => m[2] ?? m[4] ?? '');
  for (const set of sheet.matchAll(IMAGE_SET)) {
    for (const q of set[1]!.replace(/url\([^)]*\)/gi, '').matchAll(/(['"])([^'"]+)\1/g)) urls.push(q[2]!);
  }
  return urls;
}
