declare module 'postcss-safe-parser' {
  import type { Parser, Root } from 'postcss';
  /** postcss's parser that reads broken CSS as a browser does (an unclosed block is closed), never throwing. */
  const safeParse: Parser<Root>;
  export default safeParse;
}
