// One experiment with two arms inside a day, records outside its window or of another experiment,
// and feedback; shared by the experiment route and `rung ab report` tests.
import { at, makeRecord, type TestStore } from './harness.ts';

export const EXPERIMENTS = [
  {
    id: 'exp-1',
    description: 'cheap chain against strong chain',
    match: { model: 'rung/auto' },
    split_by: 'request',
    arms: [
      { name: 'control', policy: 'chain-a' },
      { name: 'treatment', policy: 'chain-b' },
    ],
    start: '2024-05-17T00:00:00Z',
    end: '2024-05-18T00:00:00Z',
    min_requests_per_arm: 2,
    min_feedback_per_arm: 2,
  },
  { id: 'exp-later', match: { model: 'rung/auto' }, arms: [{ name: 'a', policy: 'chain-a' }, { name: 'b', policy: 'chain-b' }], start: '2025-01-01T00:00:00Z' },
];

/** Control: 3 requests at $0.01, ratings 1 and 0.5. Treatment: 3 at $0.002, one failed, rating 0. */
export function experimentRecords() {
  const arm = (name: string, requestId: string) => ({ id: 'exp-1', arm: name, unit: `request:${requestId}` });
  const control = ['c1', 'c2', 'c3'].map((id, index) => makeRecord({ requestId: id, receivedAt: at(index, 0), costUsd: 0.01, experiment: arm('control', id) }));
  const treatment = ['t1', 't2', 't3'].map((id, index) =>
    makeRecord({ requestId: id, receivedAt: at(index, 30), costUsd: 0.002, experiment: arm('treatment', id), ...(id === 't3' ? { status: 'error' as const, httpStatus: 502 } : {}) }),
  );
  return [
    ...control,
    ...treatment,
    // After the window's end, and of another experiment: both left out.
    makeRecord({ requestId: 'late', receivedAt: Date.parse('2024-05-18T01:00:00Z'), costUsd: 9, experiment: arm('control', 'late') }),
    makeRecord({ requestId: 'other', receivedAt: at(1, 0), costUsd: 9, experiment: { id: 'exp-other', arm: 'control', unit: 'request:other' } }),
    makeRecord({ requestId: 'none', receivedAt: at(1, 5) }),
  ];
}

export async function seedExperiment(db: TestStore): Promise<void> {
  await db.store.requests.append(experimentRecords());
  await db.store.outcomes.recordFeedback({ requestId: 'c1', score: 1, at: at(5, 0) });
  await db.store.outcomes.recordFeedback({ requestId: 'c2', score: 0.5, at: at(5, 0) });
  await db.store.outcomes.recordFeedback({ requestId: 't1', score: 0, at: at(5, 0) });
}
