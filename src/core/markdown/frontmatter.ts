// Front matter: YAML between `---` lines at the very top of a deck, checked against the
// schema in config.ts. Returns the body with its first line number, for later stages.
import type { Pair } from 'yaml';
import { validateDeckFields, type DeckConfig } from '../config.js';
import { error, warning, type Diagnostic } from '../errors.js';

export interface FrontMatter {
  values: Partial<DeckConfig>;
  body: string;
  /** Line of the deck file on which `body` starts. */
  bodyLine: number;
  /** The file line of each key, for problems found later with what it names (theme, logo...). */
  keyLines: Record<string, number>;
  diagnostics: Diagnostic[];
}

/**
 * `prepare` sees the YAML's values before they are checked: a dialect whose front matter means
 * something else (Marp's directives) turns it into Kamishibai settings there, and names the
 * deck's own tool when it is another's (its unknown keys are then warnings: config.ts).
 * `retry` may rewrite YAML that does not parse (Marp's loose YAML, line for line) for a
 * second reading.
 */
export async function parseFrontMatter(
  text: string,
  file: string,
  prepare: (raw: Record<string, unknown>, keyLines: Record<string, number>, body: string) => { values: Record<string, unknown>; tool?: string } = (raw) => ({ values: raw }),
  retry: (yaml: string) => string | undefined = () => undefined,
): Promise<FrontMatter> {
  const lines = text.split('\n');
  if (lines[0]?.trimEnd() !== '---') return { values: {}, body: text, bodyLine: 1, keyLines: {}, diagnostics: [] };
  const end = lines.findIndex((l, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(l));
  if (end < 0) {
    return {
      values: {},
      body: '',
      bodyLine: lines.length + 1,
      keyLines: {},
      diagnostics: [error(file, 1, 'front matter opened here is never closed; add a line with only --- after it')],
    };
  }
  const yamlText = lines.slice(1, end).join('\n');
  const body = lines.slice(end + 1).join('\n');
  const bodyLine = end + 2;
  // Loaded when first needed, so that a build starts Chromium before loading it (~50 ms).
  const { isMap, isScalar } = await import('yaml');
  const { doc, at } = await parseYaml(yamlText, retry);
  const diagnostics: Diagnostic[] = [];
  // The first YAML error only: the ones after it are most often the same slip seen again.
  for (const e of doc.errors.slice(0, 1)) {
    const { line, col } = at(e.pos[0]);
    diagnostics.push(error(file, line, `invalid YAML in front matter: ${firstLine(e.message)}`, col));
  }
  if (diagnostics.length > 0 || doc.contents === null) return { values: {}, body, bodyLine, keyLines: {}, diagnostics };
  if (!isMap(doc.contents)) {
    return { values: {}, body, bodyLine, keyLines: {}, diagnostics: [error(file, 2, 'front matter must be "key: value" lines')] };
  }

  const keyLines = new Map<string, { line: number; col: number }>();
  for (const pair of doc.contents.items as Pair[]) {
    if (isScalar(pair.key) && pair.key.range) keyLines.set(String(pair.key.value), at(pair.key.range[0]));
  }
  let raw: Record<string, unknown>;
  try {
    // maxAliasCount stops a "billion laughs" document (aliases of aliases) before it grows.
    raw = doc.toJS({ maxAliasCount: 100 }) as Record<string, unknown>;
  } catch {
    return { values: {}, body, bodyLine, keyLines: {}, diagnostics: [error(file, 2, 'front matter expands YAML aliases (*name) more than 100 times, too many to read safely; write the values out')] };
  }
  const lineOfKey = Object.fromEntries([...keyLines].map(([k, p]) => [k, p.line]));
  const prepared = prepare(raw, lineOfKey, body);
  const { values, problems } = validateDeckFields(prepared.values, prepared.tool);
  for (const p of problems) {
    const pos = keyLines.get(p.key) ?? { line: 1, col: 1 };
    diagnostics.push((p.severity === 'warning' ? warning : error)(file, pos.line, p.message, pos.col));
  }
  return { values, body, bodyLine, keyLines: lineOfKey, diagnostics };
}

/** The YAML document, read again as `retry` rewrites it if it does not parse; `at` turns an offset into the file's line and column. */
async function parseYaml(yamlText: string, retry: (yaml: string) => string | undefined) {
  const { LineCounter, parseDocument } = await import('yaml');
  const options = { prettyErrors: false, uniqueKeys: true };
  let counter = new LineCounter();
  let doc = parseDocument(yamlText, { ...options, lineCounter: counter });
  const rewritten = doc.errors.length > 0 ? retry(yamlText) : undefined;
  if (rewritten !== undefined) {
    const again = new LineCounter();
    const second = parseDocument(rewritten, { ...options, lineCounter: again });
    if (second.errors.length === 0) [doc, counter] = [second, again];
  }
  const at = (offset: number) => {
    const pos = counter.linePos(offset);
    return { line: pos.line + 1, col: pos.col };
  };
  return { doc, at };
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}
