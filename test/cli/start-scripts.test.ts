// `npm start` and `npm run start:lean` run the compiled CLI with node flags. The benchmark reads
// those flags from package.json (bench/lib/servers.ts) so its `rung_lean` row measures what the
// script starts; this checks that the scripts keep the shape it parses and that node accepts the
// lean flags and applies them (a misspelt V8 flag would make `npm run start:lean` exit at once).
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { nodeFlagsOfScript } from '../../bench/lib/servers.ts';

describe('start scripts', () => {
  it('reads the node flags of start and start:lean', () => {
    expect(nodeFlagsOfScript('.', 'start')).toEqual([]);
    expect(nodeFlagsOfScript('.', 'start:lean')).toEqual(['--max-semi-space-size=8', '--heap-growing-percent=30']);
  });

  it('names a script that does not run the compiled server', () => {
    expect(() => nodeFlagsOfScript('.', 'test')).toThrow(/script "test" is not "node \[--flags\] dist\/cli\/main\.js serve"/);
    expect(() => nodeFlagsOfScript('.', 'no-such-script')).toThrow(/\(missing\)/);
  });

  it('starts node with the lean flags without a complaint', () => {
    const flags = nodeFlagsOfScript('.', 'start:lean');
    const result = spawnSync(process.execPath, [...flags, '-e', 'console.log(JSON.stringify(process.execArgv))'], { encoding: 'utf8', timeout: 30_000 });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect((JSON.parse(result.stdout) as string[]).slice(0, flags.length)).toEqual(flags);
    // An unknown V8 flag is reported on stderr; a typo in the script would show up here.
    const typo = spawnSync(process.execPath, ['--heap-growing-percentt=30', '-e', '0'], { encoding: 'utf8', timeout: 30_000 });
    expect(typo.status).not.toBe(0);
  });
});
