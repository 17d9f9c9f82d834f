// The Pages workflows: valid GitHub Actions files (the workflow schema, checked by
// action-validator), and the sharded one wired as the README says: a matrix of --shard K/N
// builds, each with its cache, joined by `npm run index`, then published.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { validateWorkflow } from '@action-validator/core';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const dir = path.resolve(import.meta.dirname, '..', '.github', 'workflows');
const read = (name: string) => readFileSync(path.join(dir, name), 'utf8');

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  jobs: Record<string, { needs?: string | string[]; steps?: Step[]; strategy?: { matrix: { shard: number[]; total: number[] } } }>;
}

describe('the Pages workflows', () => {
  it.each(['pages.yml', 'pages-shards.yml'])('%s is a valid workflow', (name) => {
    expect(validateWorkflow(read(name)).errors).toEqual([]);
  });

  it('the check can fail: a job that needs one that is not there is refused', () => {
    const broken = read('pages-shards.yml').replace('needs: build', 'needs: builds');
    expect(validateWorkflow(broken).errors.map((e) => e.code)).toContain('unresolved_job');
  });

  it('pages-shards.yml builds shares 1..N of N, caches each, joins them with index and publishes the result', () => {
    const wf = parse(read('pages-shards.yml')) as Workflow;
    const { build, join, deploy } = wf.jobs;
    const { shard, total } = build!.strategy!.matrix;
    expect(total).toHaveLength(1);
    expect(shard).toEqual(Array.from({ length: total[0]! }, (_, i) => i + 1));
    const runs = (steps: Step[] = []) => steps.map((s) => s.run ?? '').join('\n');
    expect(runs(build!.steps)).toMatch(/npm run build -- .*--shard \$\{\{ matrix\.shard \}\}\/\$\{\{ matrix\.total \}\} --out shard/);
    const cache = build!.steps!.find((s) => s.uses?.startsWith('actions/cache@'));
    expect(cache?.with).toMatchObject({ path: 'shard', key: expect.stringContaining('${{ matrix.shard }}') });
    expect(build!.steps!.find((s) => s.uses?.startsWith('actions/upload-artifact@'))?.with).toMatchObject({ path: 'shard', name: 'shard-${{ matrix.shard }}' });
    expect(join!.needs).toBe('build');
    expect(join!.steps!.find((s) => s.uses?.startsWith('actions/download-artifact@'))?.with).toMatchObject({ pattern: 'shard-*', 'merge-multiple': true, path: 'dist' });
    expect(runs(join!.steps)).toContain('npm run index -- --out dist');
    expect(join!.steps!.find((s) => s.uses?.startsWith('actions/upload-pages-artifact@'))?.with).toEqual({ path: 'dist' });
    expect(deploy!.needs).toBe('join');
    const scripts = (JSON.parse(readFileSync(path.resolve(dir, '..', '..', 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.index).toBe('node bin/kamishibai.mjs index');
  });
});
