// The package's `rung` executable (scripts/rung.mjs) runs the compiled CLI in dist/, which
// `npm ci` builds through the `prepare` script. This checks that wiring end to end: a broken
// bin path, or a build that emits unrunnable JavaScript, fails here.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('the rung executable', () => {
  it('runs the compiled CLI and lists its commands', () => {
    expect(existsSync('dist/cli/main.js'), 'dist/ is missing: run `npm run build` (npm ci does it)').toBe(true);
    const result = spawnSync(process.execPath, ['scripts/rung.mjs', '--help'], { encoding: 'utf8', timeout: 60_000 });
    expect(result.status).toBe(0);
    for (const command of ['serve', 'train', 'score', 'eval', 'report']) expect(result.stdout).toContain(command);
  });

  it('exits 2 with a message for an unknown command', () => {
    const result = spawnSync(process.execPath, ['scripts/rung.mjs', 'nonsense'], { encoding: 'utf8', timeout: 60_000 });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('unknown command "nonsense"');
  });
});
