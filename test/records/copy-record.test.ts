// copyRecord must give a record equal to the original that shares no object with it, so a store
// that keeps the copy is untouched by later changes to the gateway's objects.
import { describe, expect, it } from 'vitest';
import { copyRecord } from '../../src/records/copy-record.ts';
import type { RequestRecord } from '../../src/records/request-record.ts';

// Every field set, every nested object present: a new nested field on RequestRecord must be added
// here (the type demands it) and is then checked for sharing by the walk below.
function fullRecord(): RequestRecord {
  return {
    requestId: 'r1',
    receivedAt: 1_700_000_000_000,
    keyId: 'key-a',
    workspace: 'ws',
    department: 'dept',
    agent: 'agent-7',
    requested: 'rung/balanced',
    routeKind: 'policy',
    policy: 'balanced',
    strategy: 'cascade',
    reason: 'score 0.41 → light',
    control: 'default',
    rule: 'support-first',
    project: 'proj',
    score: 0.41,
    scorer: 'ok',
    taskClass: 'coding',
    tier: 'light',
    stream: true,
    attempts: [
      { deployment: 'a', provider: 'p', model: 'm', startedAt: 1, latencyMs: 2, status: 'error', errorClass: 'server_error', message: 'boom', try: 1 },
      { deployment: 'b', provider: 'p', model: 'm2', startedAt: 3, latencyMs: 4, status: 'ok', try: 1 },
    ],
    finalDeployment: 'b',
    finalProvider: 'p',
    finalModel: 'm2',
    status: 'ok',
    httpStatus: 200,
    errorCode: null,
    usage: { promptTokens: 10, completionTokens: 5, totalTokens: 15 },
    costUsd: 0.001,
    referenceDeployment: 'big',
    referenceCostUsd: 0.01,
    costDeltaUsd: -0.009,
    latencyMs: 12,
    fallbackLatencyMs: 3,
    fallback: true,
    cascade: {
      outcome: 'escalated',
      answerStep: 2,
      steps: [
        { step: 1, deployment: 'a', status: 'failed', verdicts: [{ validator: 'non_empty', verdict: 'fail', reason: 'empty' }], costUsd: 0.0001 },
        { step: 2, deployment: 'b', status: 'passed', verdicts: [{ validator: 'non_empty', verdict: 'pass' }], costUsd: 0.0009 },
      ],
      totalCostUsd: 0.001,
      topDeployment: 'big',
      savedVsTopUsd: 0.009,
    },
    experiment: { id: 'exp', arm: 'treatment', unit: 'key-a' },
  };
}

/** Every object and array reachable from `value`, the root included. */
function objectsIn(value: unknown, found: Set<object> = new Set()): Set<object> {
  if (typeof value !== 'object' || value === null || found.has(value)) return found;
  found.add(value);
  for (const child of Object.values(value)) objectsIn(child, found);
  return found;
}

describe('copyRecord', () => {
  it('copies every field', () => {
    const original = fullRecord();
    expect(copyRecord(original)).toStrictEqual(original);
  });

  it('shares no object or array with the original', () => {
    const original = fullRecord();
    const copy = copyRecord(original);
    const originals = objectsIn(original);
    const shared = [...objectsIn(copy)].filter((object) => originals.has(object));
    expect(shared).toEqual([]);
  });

  it('keeps null nested fields null', () => {
    const original = { ...fullRecord(), usage: null, cascade: null, experiment: null, attempts: [] };
    expect(copyRecord(original)).toStrictEqual(original);
  });

  it('is unaffected by later changes to the original', () => {
    const original = fullRecord();
    const copy = copyRecord(original);
    original.attempts.push({ deployment: 'c', provider: 'p', model: 'm', startedAt: 5, latencyMs: 1, status: 'ok', try: 1 });
    (original.attempts[0] as { latencyMs: number }).latencyMs = 999;
    original.cascade?.steps[0]?.verdicts.push({ validator: 'x', verdict: 'pass' });
    expect(copy).toStrictEqual(fullRecord());
  });
});
