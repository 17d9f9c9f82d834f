declare module 'markdown-it-emoji/lib/data/full.mjs' {
  /** GitHub's emoji shortcodes, as marp-core reads them: name -> the emoji itself. */
  const emojis: Record<string, string>;
  export default emojis;
}
