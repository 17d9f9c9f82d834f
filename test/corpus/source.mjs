// A deck's SOURCE file: "key: value" lines (see README.md).
import { readFileSync } from 'node:fs';
import path from 'node:path';

export function readSource(dir) {
  const src = {};
  for (const line of readFileSync(path.join(dir, 'SOURCE'), 'utf8').split('\n')) {
    const m = /^([\w ]+):\s?(.*)$/.exec(line);
    if (m) src[m[1].trim()] = m[2];
  }
  return src;
}
