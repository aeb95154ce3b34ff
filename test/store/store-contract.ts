// The behaviour every Store must show (see src/store/types.ts). A store's test file calls
// `runStoreContract('name', makeStore)`; the memory and SQLite stores run it now and a Postgres
// store would run it unchanged. `makeStore` gets a ManualClock the store must read time from.
// Stores made by a test are closed after it.
import { afterEach, describe } from 'vitest';
import { ManualClock } from '../../src/resilience/clock.ts';
import type { Store } from '../../src/store/types.ts';
import { aggregateContract } from './contract/aggregate.ts';
import { outcomesContract } from './contract/outcomes.ts';
import { registryContract } from './contract/registry.ts';
import { requestLogContract } from './contract/request-log.ts';
import { NOON } from './fixtures/records.ts';

export interface StoreContractContext {
  clock: ManualClock;
}

export type MakeStore = (context: StoreContractContext) => Store | Promise<Store>;

/** What each part of the contract calls to get a fresh store. */
export type Setup = () => Promise<{ store: Store; clock: ManualClock }>;

export function runStoreContract(name: string, makeStore: MakeStore): void {
  describe(`Store contract: ${name}`, () => {
    const open: Store[] = [];
    afterEach(async () => {
      await Promise.all(open.splice(0).map((store) => store.close()));
    });
    const setup: Setup = async () => {
      const clock = new ManualClock(NOON);
      const store = await makeStore({ clock });
      open.push(store);
      return { store, clock };
    };
    requestLogContract(setup);
    aggregateContract(setup);
    outcomesContract(setup);
    registryContract(setup);
  });
}
