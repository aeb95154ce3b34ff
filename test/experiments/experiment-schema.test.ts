import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { crossCheckExperiments, ExperimentsSchema } from '../../src/config/experiment-schema.ts';
import { parseConfig } from '../../src/config/load.ts';

const EXAMPLE = `
experiments:
  - id: cheap-vs-balanced
    description: does cost_optimized hold quality on support traffic?
    match: { model: rung/auto }
    split_by: key
    arms:
      - { name: control, policy: balanced, weight: 50 }
      - { name: treatment, policy: cost_optimized, weight: 50 }
    start: 2026-11-01T00:00:00Z
    end: 2026-12-01T00:00:00Z
    min_requests_per_arm: 200
  - id: scorer-v2
    match: { model: support, keys: [k1, k2], workspaces: [acme] }
    split_by: user
    arms:
      - { name: v1, policy: balanced }
      - { name: v2, policy: balanced, scorer_model: rung-scorer-v2 }
`;

const base = {
  id: 'e',
  match: { model: 'rung/auto' },
  arms: [
    { name: 'a', policy: 'balanced' },
    { name: 'b', policy: 'cost_optimized' },
  ],
};

const problems = (experiments: unknown) => {
  const result = ExperimentsSchema.safeParse(experiments);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('ExperimentsSchema', () => {
  it('accepts the documented example and fills the defaults', () => {
    const document = parseYaml(EXAMPLE) as { experiments: unknown };
    const [first, second] = ExperimentsSchema.parse(document.experiments);
    expect(first).toEqual({
      id: 'cheap-vs-balanced',
      description: 'does cost_optimized hold quality on support traffic?',
      match: { model: 'rung/auto' },
      split_by: 'key',
      arms: [
        { name: 'control', policy: 'balanced', weight: 50 },
        { name: 'treatment', policy: 'cost_optimized', weight: 50 },
      ],
      start: '2026-11-01T00:00:00Z',
      end: '2026-12-01T00:00:00Z',
      min_requests_per_arm: 200,
      min_feedback_per_arm: 30,
    });
    // No weights given: an even split.
    expect(second?.arms).toEqual([
      { name: 'v1', policy: 'balanced', weight: 1 },
      { name: 'v2', policy: 'balanced', scorer_model: 'rung-scorer-v2', weight: 1 },
    ]);
    expect(second?.match).toEqual({ model: 'support', keys: ['k1', 'k2'], workspaces: ['acme'] });
    expect(ExperimentsSchema.parse(undefined)).toEqual([]);
  });

  it('splits by key unless told otherwise', () => {
    expect(ExperimentsSchema.parse([base])[0]?.split_by).toBe('key');
    expect(problems([{ ...base, split_by: 'session' }])).toHaveLength(1);
  });

  it('wants exactly two arms with distinct names', () => {
    expect(problems([{ ...base, arms: [base.arms[0]] }])).toEqual(['0.arms: exactly two arms: the control first, then the treatment']);
    expect(problems([{ ...base, arms: [...base.arms, { name: 'c', policy: 'quality_first' }] }])).toHaveLength(1);
    expect(problems([{ ...base, arms: [{ name: 'a', policy: 'balanced' }, { name: 'a', policy: 'cost_optimized' }] }])).toEqual(['0.arms.1.name: duplicate arm name "a"']);
  });

  it('wants weights on both arms or on neither, and positive', () => {
    expect(problems([{ ...base, arms: [{ name: 'a', policy: 'balanced', weight: 90 }, { name: 'b', policy: 'cost_optimized' }] }])).toEqual([
      '0.arms.1.weight: give a weight on both arms or on neither',
    ]);
    expect(problems([{ ...base, arms: [{ name: 'a', policy: 'balanced', weight: 0 }, { name: 'b', policy: 'cost_optimized', weight: 1 }] }])).toHaveLength(1);
  });

  it('is strict about unknown fields', () => {
    expect(problems([{ ...base, colour: 'red' }])).toEqual(['0: Unrecognized key: "colour"']);
    expect(problems([{ ...base, match: { model: 'x', team: 'y' } }])).toEqual(['0.match: Unrecognized key: "team"']);
    expect(problems([{ ...base, arms: [{ name: 'a', policy: 'balanced', share: 3 }, base.arms[1]] }])).toEqual(['0.arms.0: Unrecognized key: "share"']);
  });

  it('wants instants with an offset and an end after the start', () => {
    expect(problems([{ ...base, start: '2026-11-01T00:00:00' }])).toEqual([expect.stringMatching(/^0\.start: an ISO 8601 date-time with an offset/)]);
    expect(problems([{ ...base, start: '2026-11-01T00:00:00+01:00', end: '2026-11-01T00:00:00+01:00' }])).toEqual(['0.end: end must be after start']);
    // A YAML 1.1 parser hands over Dates; they are kept as ISO text.
    expect(ExperimentsSchema.parse([{ ...base, start: new Date('2026-11-01T00:00:00Z') }])[0]?.start).toBe('2026-11-01T00:00:00.000Z');
  });

  it('wants sensible minimums and unique ids', () => {
    expect(problems([{ ...base, min_requests_per_arm: 1 }])).toHaveLength(1);
    expect(problems([{ ...base, min_feedback_per_arm: 2.5 }])).toHaveLength(1);
    expect(problems([base, { ...base }])).toEqual(['1.id: duplicate experiment id "e"']);
  });
});

describe('crossCheckExperiments', () => {
  const config = parseConfig(
    {
      providers: [{ id: 'p', type: 'openai', base_url: 'http://127.0.0.1:1/v1' }],
      deployments: [
        { id: 'big', provider: 'p', model: 'big-1', price: { input_per_mtok: 5, output_per_mtok: 15 }, context_window: 1000 },
        { id: 'small', provider: 'p', model: 'small-1', price: { input_per_mtok: 0.1, output_per_mtok: 0.4 }, context_window: 1000 },
      ],
      policies: { fixed: { strategy: { type: 'priority', targets: ['small', 'big'] } } },
    },
    'test',
    {},
  );
  const experiments = (document: unknown) => ExperimentsSchema.parse(document);

  it('accepts experiments over known policies, including the built-in ones', () => {
    const document = parseYaml(EXAMPLE) as { experiments: unknown };
    expect(crossCheckExperiments(experiments(document.experiments), { policies: config.policies })).toEqual([]);
  });

  it('names unknown policies, scorer models, keys, workspaces and requested names with their paths', () => {
    const list = experiments([
      {
        ...base,
        match: { model: 'rung/nope', keys: ['k1', 'k9'], workspaces: ['acme', 'acne'] },
        arms: [
          { name: 'a', policy: 'balancd' },
          { name: 'b', policy: 'balanced', scorer_model: 'rung-scorer-v3' },
        ],
      },
    ]);
    const issues = crossCheckExperiments(list, {
      policies: config.policies,
      scorerModels: new Set(['rung-scorer-v1', 'rung-scorer-v2']),
      keyIds: new Set(['k1']),
      workspaces: new Set(['acme']),
      isRequestable: (name) => name === 'rung/auto',
    });
    expect(issues).toEqual([
      'experiments[0].match.model: unknown model or policy "rung/nope"',
      'experiments[0].match.keys[1]: unknown key id "k9"',
      'experiments[0].match.workspaces[1]: no key has workspace "acne"',
      'experiments[0].arms[0].policy: unknown policy "balancd"',
      'experiments[0].arms[1].scorer_model: unknown scorer model "rung-scorer-v3"',
    ]);
  });

  it('refuses a scorer version on a policy that never scores', () => {
    const list = experiments([{ ...base, arms: [{ name: 'a', policy: 'fixed' }, { name: 'b', policy: 'fixed', scorer_model: 'v2' }] }]);
    expect(crossCheckExperiments(list, { policies: config.policies })).toEqual([
      'experiments[0].arms[1].scorer_model: policy "fixed" does not use the scorer (strategy priority)',
    ]);
  });

  it('does not find policies on the object prototype', () => {
    const list = experiments([{ ...base, arms: [{ name: 'a', policy: 'constructor' }, { name: 'b', policy: 'balanced' }] }]);
    expect(crossCheckExperiments(list, { policies: config.policies })).toEqual(['experiments[0].arms[0].policy: unknown policy "constructor"']);
  });
});
