import { describe, expect, it } from 'vitest';
import { assignArm, experimentUnit, isExperimentActive, matchExperiment, unitPosition, type ExperimentRequest } from '../../src/experiments/assign.ts';
import { experiment } from './synthetic.ts';

const units = (count: number) => Array.from({ length: count }, (_, index) => `user:${index}`);

function tally(assign: (unit: string) => string, list: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const unit of list) {
    const name = assign(unit);
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return counts;
}

describe('assignArm', () => {
  it('reads the first 48 bits of SHA-256("<experiment>:<unit>") as the position', () => {
    // Computed independently (Python hashlib): sha256("cheap-vs-balanced:key:k1") starts 4bb4c92e0f66,
    // and 0x4bb4c92e0f66 / 2^48 = 0.29572732328906426. A fixed value pins assignment across processes,
    // versions and languages: a unit never changes arm because the gateway restarted.
    expect(unitPosition('cheap-vs-balanced', 'key:k1')).toBe(0.29572732328906426);
    const e = experiment();
    // 0.2957 × total weight 100 = 29.6 < 50 → the first arm.
    expect(assignArm(e, 'key:k1').name).toBe('control');
    expect(assignArm(e, 'user:alice').name).toBe('treatment');
  });

  it('gives a unit the same arm every time', () => {
    const e = experiment();
    for (const unit of units(200)) expect(assignArm(e, unit).name).toBe(assignArm(e, unit).name);
  });

  it('follows a 50/50 split over 10,000 units', () => {
    const e = experiment();
    const counts = tally((unit) => assignArm(e, unit).name, units(10_000));
    // Binomial sd is 50 units; ±300 is 6 sd.
    expect(Math.abs((counts.get('control') ?? 0) - 5_000)).toBeLessThan(300);
    expect((counts.get('control') ?? 0) + (counts.get('treatment') ?? 0)).toBe(10_000);
  });

  it('follows a 10/90 split over 10,000 units', () => {
    const e = experiment({
      arms: [
        { name: 'control', policy: 'balanced', weight: 10 },
        { name: 'treatment', policy: 'cost_optimized', weight: 90 },
      ],
    });
    const counts = tally((unit) => assignArm(e, unit).name, units(10_000));
    // Binomial sd is 30 units; ±180 is 6 sd.
    expect(Math.abs((counts.get('control') ?? 0) - 1_000)).toBeLessThan(180);
  });

  it('splits sequential ids evenly at every scale of the weights', () => {
    const e = experiment({
      arms: [
        { name: 'control', policy: 'balanced', weight: 0.25 },
        { name: 'treatment', policy: 'cost_optimized', weight: 0.75 },
      ],
    });
    const counts = tally((unit) => assignArm(e, unit).name, Array.from({ length: 10_000 }, (_, index) => `request:req-${index}`));
    expect(Math.abs((counts.get('control') ?? 0) - 2_500)).toBeLessThan(260);
  });

  it('assigns independently across experiments', () => {
    const first = experiment({ id: 'first' });
    const second = experiment({ id: 'second' });
    const inFirstTreatment = units(10_000).filter((unit) => assignArm(first, unit).name === 'treatment');
    const counts = tally((unit) => assignArm(second, unit).name, inFirstTreatment);
    // Had the experiment id not been hashed, every one of them would be in the second's treatment too.
    const share = (counts.get('treatment') ?? 0) / inFirstTreatment.length;
    expect(share).toBeGreaterThan(0.45);
    expect(share).toBeLessThan(0.55);
  });
});

const request = (overrides: Partial<ExperimentRequest> = {}): ExperimentRequest => ({
  requested: 'rung/auto',
  keyId: 'k1',
  workspace: 'acme',
  user: 'alice',
  requestId: 'r1',
  now: Date.parse('2026-11-15T00:00:00Z'),
  ...overrides,
});

describe('matchExperiment', () => {
  const windowed = experiment({ start: '2026-11-01T00:00:00Z', end: '2026-12-01T00:00:00Z', split_by: 'key' });

  it('treats the window as start inclusive, end exclusive', () => {
    expect(isExperimentActive(windowed, Date.parse('2026-11-01T00:00:00Z'))).toBe(true);
    expect(isExperimentActive(windowed, Date.parse('2026-10-31T23:59:59.999Z'))).toBe(false);
    expect(isExperimentActive(windowed, Date.parse('2026-11-30T23:59:59.999Z'))).toBe(true);
    expect(isExperimentActive(windowed, Date.parse('2026-12-01T00:00:00Z'))).toBe(false);
    expect(isExperimentActive(experiment(), 0)).toBe(true);
    expect(matchExperiment([windowed], request({ now: Date.parse('2026-12-01T00:00:00Z') }))).toBeNull();
  });

  it('matches the requested name exactly', () => {
    expect(matchExperiment([windowed], request())?.experiment.id).toBe('cheap-vs-balanced');
    expect(matchExperiment([windowed], request({ requested: 'rung/Auto' }))).toBeNull();
    expect(matchExperiment([windowed], request({ requested: 'balanced' }))).toBeNull();
  });

  it('applies key and workspace filters, and a missing key or workspace never passes one', () => {
    const filtered = experiment({ match: { model: 'rung/auto', keys: ['k1', 'k2'], workspaces: ['acme'] } });
    expect(matchExperiment([filtered], request())).not.toBeNull();
    expect(matchExperiment([filtered], request({ keyId: 'k3' }))).toBeNull();
    expect(matchExperiment([filtered], request({ keyId: null }))).toBeNull();
    expect(matchExperiment([filtered], request({ workspace: 'other' }))).toBeNull();
    expect(matchExperiment([filtered], request({ workspace: null }))).toBeNull();
  });

  it('takes the first active matching experiment', () => {
    const ended = experiment({ id: 'ended', end: '2026-11-10T00:00:00Z' });
    const other = experiment({ id: 'other', match: { model: 'support' } });
    const second = experiment({ id: 'second' });
    const third = experiment({ id: 'third' });
    expect(matchExperiment([ended, other, second, third], request())?.experiment.id).toBe('second');
    expect(matchExperiment([ended, other], request())).toBeNull();
  });

  it('returns the arm the unit hashes to, and the unit used', () => {
    const match = matchExperiment([windowed], request({ keyId: 'k1' }));
    expect(match).toMatchObject({ unit: 'key:k1', unitKind: 'key' });
    expect(match?.arm).toBe(assignArm(windowed, 'key:k1'));
    // Split by key: every request of the key lands in the same arm, whoever the user.
    const arms = new Set(['u1', 'u2', 'u3', 'u4', 'u5'].map((user) => matchExperiment([windowed], request({ user, requestId: user }))?.arm.name));
    expect(arms.size).toBe(1);
  });
});

describe('experimentUnit', () => {
  it('splits by user, falling back to the key and then the request id', () => {
    expect(experimentUnit('user', { user: 'alice', keyId: 'k1', requestId: 'r1' })).toEqual({ unit: 'user:alice', unitKind: 'user' });
    expect(experimentUnit('user', { user: undefined, keyId: 'k1', requestId: 'r1' })).toEqual({ unit: 'key:k1', unitKind: 'key' });
    expect(experimentUnit('user', { user: '', keyId: 'k1', requestId: 'r1' })).toEqual({ unit: 'key:k1', unitKind: 'key' });
    expect(experimentUnit('user', { user: null, keyId: null, requestId: 'r1' })).toEqual({ unit: 'request:r1', unitKind: 'request' });
  });

  it('splits by key, falling back to the request id when auth is off', () => {
    expect(experimentUnit('key', { user: 'alice', keyId: 'k1', requestId: 'r1' })).toEqual({ unit: 'key:k1', unitKind: 'key' });
    expect(experimentUnit('key', { user: 'alice', keyId: null, requestId: 'r1' })).toEqual({ unit: 'request:r1', unitKind: 'request' });
  });

  it('splits by request regardless of key and user', () => {
    expect(experimentUnit('request', { user: 'alice', keyId: 'k1', requestId: 'r7' })).toEqual({ unit: 'request:r7', unitKind: 'request' });
  });

  it('keeps a user named like a key apart from that key', () => {
    const e = experiment({ split_by: 'user' });
    const asUser = matchExperiment([e], request({ user: 'k1' }));
    const asKey = matchExperiment([e], request({ user: null }));
    expect(asUser?.unit).toBe('user:k1');
    expect(asKey?.unit).toBe('key:k1');
    expect(unitPosition(e.id, 'user:k1')).not.toBe(unitPosition(e.id, 'key:k1'));
  });
});
