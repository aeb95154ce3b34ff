// The demo from start to finish: sample the workload, start the fake ladder and a real gateway,
// send every prompt through Rung's policies (with provider faults injected), send the same
// prompts straight to the premium model as the baseline, and summarise both.
import type OpenAI from 'openai';
import { loadCorpus } from './corpus.ts';
import { startDemoGateway, type DemoGateway } from './demo-gateway.ts';
import { createFaultPlan, DEFAULT_FAULT_RATE, type FaultPlan } from './fault-plan.ts';
import type { PhaseResult } from './join.ts';
import { createDemoClient, runPool, sendItem } from './send.ts';
import { createSimulatedResponder, TIERS_BY_CAPABILITY, type SimulatedTier } from './simulated-quality.ts';
import { summarise } from './summary.ts';
import type { DemoSummary } from './summary-types.ts';
import { buildWorkload, POLICY_NAMES, type WorkloadItem } from './workload.ts';

export interface DemoOptions {
  requests: number;
  seed: number;
  concurrency: number;
  /** Multiplies the fake providers' latencies; 1 = realistic-looking, 0 = none. */
  latencyScale: number;
  /** Share of premium and mid attempts that fail with 503/429 during the routed phase. */
  faultRate: number;
  /** A scorer model directory; default: the shipped models/rung-scorer-v1. */
  scorerModelDir?: string;
  corpusPath?: string;
  /** Progress lines (the CLI sends them to stderr). */
  progress?: (line: string) => void;
}

export const DEFAULT_DEMO_OPTIONS: DemoOptions = { requests: 200, seed: 1, concurrency: 8, latencyScale: 1, faultRate: DEFAULT_FAULT_RATE };

export interface DemoResult {
  items: WorkloadItem[];
  routed: PhaseResult;
  baseline: PhaseResult;
  faults: FaultPlan;
  summary: DemoSummary;
  /** Still running: the caller closes it (or keeps it for `--serve`). */
  gateway: DemoGateway;
}


/** How long to wait for the last records of a phase (records are written as responses finish). */
const RECORD_WAIT_MS = 2_000;

export async function runDemo(partial: Partial<DemoOptions> = {}): Promise<DemoResult> {
  const options: DemoOptions = { ...DEFAULT_DEMO_OPTIONS, ...partial };
  const progress = options.progress ?? (() => undefined);
  const items = buildWorkload(loadCorpus(options.corpusPath), { requests: options.requests, seed: options.seed });
  // The responder needs the ladder's model names, which exist once the ladder runs.
  let tierOfModel: (model: string) => SimulatedTier | undefined = () => undefined;
  const respond = createSimulatedResponder(items, (model) => tierOfModel(model));
  progress('starting four fake providers and the gateway');
  const gateway = await startDemoGateway({
    latencyScale: options.latencyScale,
    respond,
    ...(options.scorerModelDir === undefined ? {} : { scorerModelDir: options.scorerModelDir }),
  });
  tierOfModel = gateway.tierOfModel;
  try {
    if (gateway.scorer.state === 'missing') {
      progress(`scorer model not found at ${gateway.scorer.directory}: cost_optimized will send every request to the most capable model`);
    }
    const client = createDemoClient(gateway.baseURL, gateway.clientKey);
    // The baseline goes first, on healthy providers: routed-phase faults must not touch it
    // (an open circuit breaker would otherwise fail baseline requests).
    const premium = gateway.ladder.rung('premium').deploymentId;
    progress(`baseline run: ${items.length} requests straight to ${premium} (the all-premium comparison), no faults`);
    const baseline = await runPhase(gateway, client, items, options.concurrency, () => premium);
    const faults = createFaultPlan(items, options.seed, options.faultRate);
    for (const rung of gateway.ladder.rungs) rung.fake.setFaults(faults.scriptFor(rung.tier));
    progress(`routed run: the same ${items.length} requests through Rung's policies, ${options.concurrency} at a time, with provider faults`);
    const routed = await runPhase(gateway, client, items, options.concurrency, (item) => `rung/${POLICY_NAMES[item.policy]}`);
    for (const rung of gateway.ladder.rungs) rung.fake.setFaults(undefined);

    const costOptimised = gateway.built.runtime.resolve(`rung/${POLICY_NAMES.cost_optimized}`)?.intelligent ?? null;
    const summary = summarise({
      items,
      routed,
      baseline,
      faults,
      scorer: gateway.scorer,
      ladder: ladderRows(gateway),
      cutPoints:
        costOptimised === null || gateway.scorer.state === 'missing'
          ? null
          : costOptimised.cutPoints(TIERS_BY_CAPABILITY).map((minScore, position) => ({ tier: TIERS_BY_CAPABILITY[position] ?? '?', minScore: Number.isFinite(minScore) ? minScore : null })),
      uncertainBand: costOptimised === null || gateway.scorer.state === 'missing' ? null : { low: costOptimised.options.band.low, high: costOptimised.options.band.high },
      seed: options.seed,
      concurrency: options.concurrency,
      faultRate: options.faultRate,
    });
    return { items, routed, baseline, faults, summary, gateway };
  } catch (error) {
    await gateway.close();
    throw error;
  }
}

async function runPhase(gateway: DemoGateway, client: OpenAI, items: readonly WorkloadItem[], concurrency: number, modelOf: (item: WorkloadItem) => string): Promise<PhaseResult> {
  const firstRecord = gateway.records.records.length;
  const started = performance.now();
  const outcomes = await runPool(items, concurrency, (item) => sendItem(client, item, modelOf(item)));
  const durationMs = performance.now() - started;
  await waitForRecords(gateway, firstRecord + outcomes.length);
  return { outcomes, records: gateway.records.records.slice(firstRecord), durationMs };
}

/** A streamed response can reach the client a moment before its record is written. */
async function waitForRecords(gateway: DemoGateway, count: number): Promise<void> {
  const deadline = performance.now() + RECORD_WAIT_MS;
  while (gateway.records.records.length < count && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function ladderRows(gateway: DemoGateway): DemoSummary['ladder'] {
  const config = gateway.ladder.config;
  return gateway.ladder.rungs.map((rung) => {
    const deployment = config.deployments.find((entry) => entry.id === rung.deploymentId);
    const provider = config.providers.find((entry) => entry.id === rung.providerId);
    return {
      tier: rung.tier,
      deployment: rung.deploymentId,
      api: provider?.type ?? '?',
      inputPerMtok: deployment?.price.input_per_mtok ?? 0,
      outputPerMtok: deployment?.price.output_per_mtok ?? 0,
    };
  });
}
