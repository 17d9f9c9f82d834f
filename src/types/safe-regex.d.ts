// safe-regex ships no types: it answers whether a pattern's star height is at most one.
declare module 'safe-regex' {
  export default function safeRegex(re: string | RegExp, opts?: { limit?: number }): boolean;
}
