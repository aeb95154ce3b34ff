// `rung report` and `rung ab report`, run in-process on a SQLite file written through the store
// API, their output collected: the tables, the JSON (the same as the HTTP route's), and exit code 2
// with the flag named for bad arguments.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { run as report } from '../../src/cli/commands/report.ts';
import { run as ab } from '../../src/cli/commands/ab.ts';
import { registerAnalyticsRoutes } from '../../src/gateway/routes/analytics.ts';
import { registerExperimentRoutes } from '../../src/gateway/routes/experiments.ts';
import { ManualClock } from '../../src/resilience/clock.ts';
import { openSqliteStore } from '../../src/store/sqlite/open-sqlite-store.ts';
import { tempFolder } from '../store/fixtures/records.ts';
import { EXPERIMENTS, seedExperiment } from './experiment-fixtures.ts';
import { ADMIN, at, routesApp, seedSix, testConfig, testRuntime } from './harness.ts';

const folder = tempFolder('rung-report-cli-');
const sixDb = folder.file('six.db');
const experimentDb = folder.file('experiment.db');
const configFile = folder.file('rung.config.yaml');

beforeAll(async () => {
  const six = await openSqliteStore({ path: sixDb });
  await seedSix(six);
  await six.close();
  const experiment = await openSqliteStore({ path: experimentDb });
  await seedExperiment({ store: experiment, file: experimentDb, close: async () => undefined });
  await experiment.close();
  // Providers name a secret that is not set: the report reads only `experiments:`.
  writeFileSync(
    configFile,
    [
      'providers:',
      '  - { id: openai, type: openai, api_key: "${SECRET_THE_REPORT_MUST_NOT_NEED}" }',
      'experiments:',
      ...EXPERIMENTS.map((experiment) => `  - ${JSON.stringify(experiment)}`),
      '',
    ].join('\n'),
  );
});
afterAll(() => folder.remove());

async function capture(command: (argv: string[], output: { stdout: { write(text: string): unknown }; stderr: { write(text: string): unknown } }) => Promise<number>, argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await command(argv, { stdout: { write: (text: string) => (stdout += text) }, stderr: { write: (text: string) => (stderr += text) } });
  return { code, stdout, stderr };
}

const RANGE = ['--from', '2024-05-17T12:00:00Z', '--to', '2024-05-17T15:00:00Z'];

describe('rung report', () => {
  it('prints a row per group and a total row with the figures of the API', async () => {
    const { code, stdout, stderr } = await capture(report, ['--db', sixDb, ...RANGE, '--group-by', 'model']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('Rung analytics from 2024-05-17T12:00:00.000Z to 2024-05-17T15:00:00.000Z, by model');
    const rows = stdout.split('\n');
    const row = (label: string) => rows.filter((line) => line.startsWith(`${label} `));
    // Traffic table, then cost table: each group twice.
    expect(row('cheap')).toHaveLength(2);
    expect(row('(none)')).toHaveLength(2);
    const [traffic, cost] = row('total');
    expect(traffic?.split(/\s{2,}/)).toEqual(['total', '6', '1', '16.7%', '3', '66.7%', '30 ms', '350 ms', '33.3%', expect.stringMatching(/%$/), '1', '0.58 (3)']);
    expect(cost?.split(/\s{2,}/)).toEqual(['total', '$0.0281', '$0.0486', '$0.0846', '$0.0205', '$0.0565', '1']);
    expect(row('strong')[1]).toContain('-$0.0004'); // dearer than its reference
  });

  it('prints the JSON of GET /api/v1/analytics with --json', async () => {
    const { code, stdout } = await capture(report, ['--db', sixDb, ...RANGE, '--group-by', 'tag', '--tag', 'team', '--json']);
    expect(code).toBe(0);
    const store = await openSqliteStore({ path: sixDb });
    const app = await routesApp((instance) => registerAnalyticsRoutes(instance, { runtime: testRuntime(), store, clock: new ManualClock(at(4, 0)) }));
    const response = await app.inject({ method: 'GET', url: '/api/v1/analytics?from=2024-05-17T12:00:00Z&to=2024-05-17T15:00:00Z&group_by=tag&tag=team', headers: ADMIN });
    expect(JSON.parse(stdout)).toEqual(response.json());
    await app.close();
    await store.close();
  });

  it('compares before and after an instant', async () => {
    const { code, stdout } = await capture(report, ['--db', sixDb, ...RANGE, '--compare-before', '2024-05-17T13:30:00Z', '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ before: { requests: 3, errors: 1 }, after: { requests: 3, errors: 0 } });
    const text = await capture(report, ['--db', sixDb, ...RANGE, '--compare-before', '2024-05-17T13:30:00Z']);
    expect(text.stdout).toContain('before: 2024-05-17T12:00:00.000Z to 2024-05-17T13:30:00.000Z');
    expect(text.stdout).toMatch(/^before\s+3\s+1\s+33\.3%/m);
    expect(text.stdout).toMatch(/^after\s+3\s+0\s+0\.0%/m);
  });

  it('exits 2 naming the flag for bad arguments', async () => {
    const badGroup = await capture(report, ['--db', sixDb, '--group-by', 'week']);
    expect(badGroup.code).toBe(2);
    expect(badGroup.stderr).toContain('--group-by');
    const badDate = await capture(report, ['--db', sixDb, '--from', 'monday']);
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toContain('--from');
    expect((await capture(report, [])).code).toBe(2);
    expect((await capture(report, ['--db', sixDb, '--bogus'])).code).toBe(2);
    const missing = await capture(report, ['--db', folder.file('missing.db')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no database');
  });
});

describe('rung ab report', () => {
  const args = ['report', '--db', experimentDb, '--config', configFile, '--id', 'exp-1'];

  it('prints the experiment report table and its verdict', async () => {
    const { code, stdout, stderr } = await capture(ab, args);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('Experiment exp-1: cheap chain against strong chain');
    expect(stdout).toMatch(/^requests\s+3\s+3\s*$/m);
    expect(stdout).toContain('Verdict: ');
  });

  it('prints the JSON of GET /api/v1/experiments/{id} with --json', async () => {
    const { code, stdout } = await capture(ab, [...args, '--json']);
    expect(code).toBe(0);
    const store = await openSqliteStore({ path: experimentDb });
    const runtime = testRuntime(testConfig({ experiments: EXPERIMENTS }));
    const app = await routesApp((instance) => registerExperimentRoutes(instance, { runtime, store, clock: new ManualClock(Date.now()) }));
    const response = await app.inject({ method: 'GET', url: '/api/v1/experiments/exp-1', headers: ADMIN });
    expect(JSON.parse(stdout)).toEqual(response.json());
    expect(JSON.parse(stdout)).toMatchObject({ status: 'ended', arms: [{ requests: 3 }, { requests: 3 }] });
    await app.close();
    await store.close();
  });

  it('exits 2 for an unknown experiment, a missing flag or subcommand', async () => {
    const unknown = await capture(ab, ['report', '--db', experimentDb, '--config', configFile, '--id', 'nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('exp-1, exp-later');
    const missing = await capture(ab, ['report', '--db', experimentDb]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--config and --id are required');
    expect((await capture(ab, ['explode'])).code).toBe(2);
  });
});
