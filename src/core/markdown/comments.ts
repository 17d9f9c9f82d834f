// HTML comments in a text, found in one pass: `<!--([\s\S]*?)-->` as a regular expression
// scans to the end of the text for every `<!--` that never closes (a deck of 200,000 of them
// took 53 s); once one does not close, none after it can.
export interface CommentSpan {
  /** Where `<!--` starts and just past `-->`. */
  start: number;
  end: number;
  /** What is between them. */
  content: string;
}

export function htmlComments(text: string): CommentSpan[] {
  const found: CommentSpan[] = [];
  for (let at = text.indexOf('<!--'); at >= 0; at = text.indexOf('<!--', at)) {
    const close = text.indexOf('-->', at + 4);
    if (close < 0) break;
    found.push({ start: at, end: close + 3, content: text.slice(at + 4, close) });
    at = close + 3;
  }
  return found;
}
