// Types of reference.mjs, for the TypeScript tests that use it.
export interface CorpusDeck {
  tool: 'reveal' | 'reveal-md' | 'marp' | 'slidev';
  name: string;
  dir: string;
  file: string;
  source: Record<string, string>;
}
export function listDecks(only?: string): CorpusDeck[];
export function theirCount(deck: CorpusDeck): Promise<{ slides: number; notes: number }>;
export function frontMatter(text: string): { body: string; keys: Record<string, unknown> };
export function unescape(re: string): string;
export function revealPieces(markdown: string, separator: string, vertical: string | null): string[];
