// The dialects Kamishibai reads, in the order they claim a deck that names none: a dialect is
// one front end (model.ts's FrontEnd) and one line here. --dialect and readTalk read only this list.
import type { FrontEnd } from '../model.js';
import { kamishibaiFrontEnd } from './front-ends/kamishibai.js';
import { marpFrontEnd } from './front-ends/marp.js';
import { revealFrontEnd } from './front-ends/reveal.js';
import { slidevFrontEnd } from './front-ends/slidev.js';

export const FRONT_ENDS: readonly FrontEnd[] = [slidevFrontEnd, marpFrontEnd, revealFrontEnd, kamishibaiFrontEnd];

/** The names --dialect takes. */
export const DIALECT_NAMES: readonly string[] = FRONT_ENDS.map((f) => f.name);


/** The front end that reads a deck: the one named (--dialect), else the one that claims it, else Kamishibai's own. */
export function frontEndFor(raw: Record<string, unknown>, body: string, named?: string, list = FRONT_ENDS): FrontEnd {
  const chosen = list.find((f) => f.name === named);
  if (chosen) return chosen;
  const claims = list.map((f) => f.claims(raw, body));
  const at = claims.indexOf('declared') >= 0 ? claims.indexOf('declared') : claims.indexOf('looks');
  return list[at] ?? kamishibaiFrontEnd;
}

/** A front matter YAML refuses, as the named dialect's tool (or the first that claims it) would read it. */
export function looseYaml(yaml: string, named?: string, list = FRONT_ENDS): string | undefined {
  if (named !== undefined) return list.find((f) => f.name === named)?.looseYaml?.(yaml, true);
  for (const f of list) {
    const loose = f.looseYaml?.(yaml, false);
    if (loose !== undefined) return loose;
  }
  return undefined;
}
