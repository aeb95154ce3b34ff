// ModelRegistryStore (versions, promotions, rollbacks) and EvalHistoryStore.
import { describe, expect, it } from 'vitest';
import { RungError } from '../../../src/errors/rung-error.ts';
import type { EvalRun, ModelVersionInput } from '../../../src/store/types.ts';
import { MINUTE, NOON } from '../fixtures/records.ts';
import type { Setup } from '../store-contract.ts';

const version = (name: string, createdAt: number): ModelVersionInput => ({
  version: name,
  dir: `models/${name}`,
  manifestSha: `${name}-sha`.padEnd(64, '0'),
  metrics: { apgr: 0.61, auc: 0.7, 'cpt@50': 0.25 },
  createdAt,
});

const run = (at: number, modelVersion: string, accepted = true): EvalRun => ({
  at,
  modelVersion,
  dataset: 'dev-2024-05',
  apgr: 0.6,
  auc: 0.71,
  cpt50: 0.3,
  cpt80: null,
  accepted,
  notes: accepted ? '' : 'APGR fell',
});

export function registryContract(setup: Setup): void {
  describe('model registry', () => {
    it('registers versions in order and refuses a version twice', async () => {
      const { store } = await setup();
      await store.models.register(version('v2', NOON));
      await store.models.register(version('v1', NOON - MINUTE));
      expect(await store.models.list()).toEqual([version('v2', NOON), version('v1', NOON - MINUTE)]);
      await expect(store.models.register(version('v2', NOON + MINUTE))).rejects.toBeInstanceOf(RungError);
      expect((await store.models.list())[0]?.createdAt).toBe(NOON);
      expect(await store.models.active()).toBeNull();
    });

    it('records promotions and rollbacks with the time and the previous version', async () => {
      const { store, clock } = await setup();
      await store.models.register(version('v1', NOON));
      await store.models.register(version('v2', NOON));
      expect(await store.models.setActive('v1')).toEqual({ version: 'v1', previous: null, kind: 'promotion', at: NOON });
      clock.advance(MINUTE);
      await store.models.setActive('v2');
      clock.advance(MINUTE);
      expect(await store.models.setActive('v2')).toBeNull();
      expect(await store.models.setActive('v1')).toEqual({ version: 'v1', previous: 'v2', kind: 'rollback', at: NOON + 2 * MINUTE });
      expect((await store.models.active())?.version).toBe('v1');
      expect(await store.models.history()).toEqual([
        { version: 'v1', previous: null, kind: 'promotion', at: NOON },
        { version: 'v2', previous: 'v1', kind: 'promotion', at: NOON + MINUTE },
        { version: 'v1', previous: 'v2', kind: 'rollback', at: NOON + 2 * MINUTE },
      ]);
    });

    it('refuses to activate an unregistered version and keeps the active one', async () => {
      const { store } = await setup();
      await store.models.register(version('v1', NOON));
      await store.models.setActive('v1');
      await expect(store.models.setActive('v9')).rejects.toThrow(/no version v9/);
      expect((await store.models.active())?.version).toBe('v1');
      expect(await store.models.history()).toHaveLength(1);
    });
  });

  describe('eval history', () => {
    it('lists runs newest first, later appends first on equal times, up to the limit', async () => {
      const { store } = await setup();
      await store.evals.append(run(NOON, 'v1'));
      await store.evals.append(run(NOON + 2 * MINUTE, 'v3', false));
      await store.evals.append(run(NOON + MINUTE, 'v2'));
      await store.evals.append(run(NOON + 2 * MINUTE, 'v4'));
      expect((await store.evals.list()).map((entry) => entry.modelVersion)).toEqual(['v4', 'v3', 'v2', 'v1']);
      expect(await store.evals.list(2)).toEqual([run(NOON + 2 * MINUTE, 'v4'), run(NOON + 2 * MINUTE, 'v3', false)]);
      await expect(store.evals.list(0)).rejects.toBeInstanceOf(RungError);
    });
  });
}
