// `npm start` runs the compiled CLI with node flags, and `rung serve` caps the heap's growth at run
// time unless the operator chose a cap (src/cli/heap-defaults.ts). The benchmark reads the flags of
// `npm start` from package.json (bench/lib/servers.ts) so its Rung rows measure what the script
// starts; this checks the script keeps the shape it parses, that node accepts its flags, and the
// rule that decides when serve sets the growth cap.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeFlagsOfScript } from '../../bench/lib/servers.ts';
import { SERVE_HEAP_GROWING_PERCENT, serveHeapFlag } from '../../src/cli/heap-defaults.ts';

describe('start scripts', () => {
  it('reads the node flags of npm start', () => {
    expect(nodeFlagsOfScript('.', 'start')).toEqual(['--max-semi-space-size=4']);
  });

  it('names a script that does not run the compiled server', () => {
    expect(() => nodeFlagsOfScript('.', 'test')).toThrow(/script "test" is not "node \[--flags\] dist\/cli\/main\.js serve"/);
    expect(() => nodeFlagsOfScript('.', 'no-such-script')).toThrow(/\(missing\)/);
  });

  it('starts node with the flags of npm start without a complaint', () => {
    const flags = nodeFlagsOfScript('.', 'start');
    const result = spawnSync(process.execPath, [...flags, '-e', 'console.log(JSON.stringify(process.execArgv))'], { encoding: 'utf8', timeout: 30_000 });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect((JSON.parse(result.stdout) as string[]).slice(0, flags.length)).toEqual(flags);
    // An unknown V8 flag is reported on stderr; a typo in the script would show up here.
    const typo = spawnSync(process.execPath, ['--max-semi-space-sise=4', '-e', '0'], { encoding: 'utf8', timeout: 30_000 });
    expect(typo.status).not.toBe(0);
  });
});

describe('serve heap defaults', () => {
  const cap = `--heap-growing-percent=${SERVE_HEAP_GROWING_PERCENT}`;

  it('caps the growth when nobody chose a cap', () => {
    expect(serveHeapFlag([], undefined)).toBe(cap);
    expect(serveHeapFlag(['--max-semi-space-size=4', '--enable-source-maps'], '--max-old-space-size=512')).toBe(cap);
  });

  it('leaves a cap chosen on the command line or in NODE_OPTIONS alone, 0 included', () => {
    expect(serveHeapFlag(['--heap-growing-percent=30'], undefined)).toBeNull();
    expect(serveHeapFlag(['--heap-growing-percent=0'], undefined)).toBeNull();
    expect(serveHeapFlag(['--heap_growing_percent=50'], undefined)).toBeNull();
    expect(serveHeapFlag([], '--enable-source-maps --heap-growing-percent=40')).toBeNull();
    expect(serveHeapFlag([], '--heap-growing-percent 40')).toBeNull();
  });

  it('sets a flag V8 accepts at run time', () => {
    const script = `require('node:v8').setFlagsFromString(${JSON.stringify(cap)}); console.log('ok')`;
    const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 30_000 });
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toBe('ok');
  });

  it('rung serve names the flag it set in its start-up line', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'rung-serve-heap-'));
    const config = join(folder, 'rung.config.json');
    writeFileSync(config, JSON.stringify({
      store: { driver: 'off' },
      providers: [{ id: 'local', type: 'openai_compatible', base_url: 'http://127.0.0.1:9/v1' }],
      deployments: [{ id: 'local-small', provider: 'local', model: 'small', price: { input_per_mtok: 0, output_per_mtok: 0 }, context_window: 8192, tier: 'local' }],
    }));
    const child = spawn(process.execPath, ['scripts/rung.mjs', 'serve', '--config', config, '--port', '0', '--host', '127.0.0.1'], {
      env: { ...process.env, NODE_OPTIONS: '' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let stderr = '';
        child.stderr.setEncoding('utf8');
        child.stderr.on('data', (chunk: string) => {
          stderr += chunk;
          if (stderr.includes('\n')) resolve(stderr);
        });
        child.once('exit', (code) => reject(new Error(`rung serve exited with ${String(code)}: ${stderr}`)));
      });
      expect(line).toMatch(/^rung: listening on http:\/\/127\.0\.0\.1:\d+ \(config .*; --heap-growing-percent=75\)\n/);
    } finally {
      child.kill('SIGTERM');
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
