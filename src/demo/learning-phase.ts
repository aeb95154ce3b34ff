// After the workload: the analytics the gateway recorded (the same figures /api/v1/analytics and
// the dashboard show) and one retraining cycle from the outcomes just logged, behind the eval gate.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyticsReport } from '../analytics/analytics-report.ts';
import { renderAnalyticsReport } from '../analytics/render-report.ts';
import { retrainWith } from '../learning/retrain.ts';
import type { DemoResult } from './run-demo.ts';

export interface LearningPhase {
  analytics: string;
  retraining: string;
}

export async function runLearningPhase(result: DemoResult, options: { seed: number; progress?: (line: string) => void }): Promise<LearningPhase> {
  const { built } = result.gateway;
  const { store } = built.context;
  await built.context.flushRecords();
  const now = Date.now();
  const report = await analyticsReport(store.requests, { kind: 'grouped', from: now - 60 * 60 * 1000, to: now + 1000, groupBy: 'tier', tag: null });
  const analytics = renderAnalyticsReport(report);

  // The frozen eval set: the workload's own labelled prompts, written to a temporary file.
  const work = mkdtempSync(join(tmpdir(), 'rung-demo-learning-'));
  try {
    const evalFile = join(work, 'frozen-eval.jsonl');
    writeFileSync(evalFile, result.items.map((item) => JSON.stringify({ prompt: item.prompt, label: item.label })).join('\n') + '\n');
    options.progress?.('retraining a candidate scorer from the outcomes just logged, behind the eval gate');
    const retrain = await retrainWith(store.outcomes, store, {
      evalFile,
      outDir: join(work, 'candidates'),
      seed: options.seed,
      currentDir: result.gateway.scorer.directory,
      trainOptions: { encoderEpochs: 1 },
    });
    const counts = Object.entries(retrain.labels.counts).filter(([, count]) => count > 0).map(([reason, count]) => `${reason} ${count}`).join(', ');
    const lines = [
      `  Labelled outcomes: ${retrain.labels.examples} (${counts}).`,
      `  Candidate ${retrain.version} trained on ${retrain.training.rows} rows.`,
      `  Eval gate on the frozen set (${retrain.gate.dataset}): ${retrain.gate.decision.toUpperCase()}`,
      `    ${retrain.gate.reason}`,
      `  ${retrain.promoted ? `Promoted ${retrain.version}: the registry now serves it.` : `Kept ${retrain.currentVersion}: a candidate that is worse never goes live.`}`,
      '  Reproduce with a SQLite store: rung train --from-store DB --eval FROZEN.jsonl --out DIR',
    ];
    return { analytics, retraining: lines.join('\n') };
  } catch (error) {
    return { analytics, retraining: `  Retraining did not run: ${error instanceof Error ? error.message : String(error)}` };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export function renderLearningPhase(phase: LearningPhase): string {
  return [
    '',
    '9. Analytics recorded by the gateway (GET /api/v1/analytics?group_by=tier)',
    '--------------------------------------------------------------------------',
    phase.analytics.trimEnd(),
    '',
    '10. One retraining cycle from the logged outcomes',
    '-------------------------------------------------',
    phase.retraining,
    '',
  ].join('\n');
}
