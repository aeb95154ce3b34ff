// The fallback loop shared by streaming and non-streaming calls: walk the ordered targets, skip
// open breakers, retry retryable failures on the same target with backoff (honouring
// Retry-After), move on for the classes the policy falls back on, and stop at the deadline.
// Every attempt is appended to `attempts` in order; failures are aggregated, never swallowed.
import type { CancelSignal } from '../../chat/cancel-signal.ts';
import type { Clock } from '../../resilience/clock.ts';
import type { BreakerRegistry } from '../../resilience/circuit-breaker.ts';
import type { FinishCall, HealthTracker } from '../../resilience/health-tracker.ts';
import { retryDelayMs } from '../../resilience/backoff.ts';
import { sleep } from '../../resilience/sleep.ts';
import type { ProviderAdapter } from '../../providers/spec.ts';
import type { Catalog, Deployment } from '../../routing/catalog.ts';
import type { AttemptRecord } from '../../records/request-record.ts';
import { RungError, toRungError } from '../../errors/rung-error.ts';
import type { RetryConfig } from '../../config/schema.ts';
import type { UpstreamErrorClass } from '../../errors/catalogue.ts';
import { healthVerdict, redact } from './classify.ts';

export interface ExecutorDeps {
  catalog: Catalog;
  adapters: ReadonlyMap<string, ProviderAdapter>;
  breakers: BreakerRegistry;
  health: HealthTracker;
  clock: Clock;
  random: () => number;
}

export interface FailurePolicy {
  retry: RetryConfig;
  fallbackOn: ReadonlySet<UpstreamErrorClass>;
  deadlineMs: number;
}

/** Reports how a call that started successfully ended (streams can still fail after starting). */
export type Completion = (outcome: { ok: true } | { ok: false; error: RungError }) => void;

export interface AttemptSuccess<T> {
  value: T;
  deployment: Deployment;
  /** Epoch ms when the serving attempt started. */
  startedAt: number;
  complete: Completion;
}

/**
 * One call to one target. `signal` aborts when the client goes away; `deadlineMs` is what is left
 * of the route's deadline, which the call's transport enforces (`deadline_exceeded`), for a
 * stream until its last event.
 */
export type CallTarget<T> = (adapter: ProviderAdapter, deployment: Deployment, signal: CancelSignal, deadlineMs: number) => Promise<T>;

export async function runAttempts<T>(
  targets: readonly string[],
  policy: FailurePolicy,
  deps: ExecutorDeps,
  clientSignal: CancelSignal,
  attempts: AttemptRecord[],
  call: CallTarget<T>,
): Promise<AttemptSuccess<T>> {
  const { clock } = deps;
  const deadlineAt = clock.now() + policy.deadlineMs;
  let lastError: RungError | undefined;
  let skippedForBreaker = 0;

  for (const deploymentId of targets) {
    const deployment = deps.catalog.get(deploymentId);
    const adapter = deps.adapters.get(deployment.provider);
    if (adapter === undefined) throw new RungError('internal_error', `no adapter for provider "${deployment.provider}"`);
    const breaker = deps.breakers.get(deploymentId);

    for (let attempt = 1; attempt <= policy.retry.attempts_per_target; attempt += 1) {
      if (clientSignal.aborted) throw clientGone();
      if (clock.now() >= deadlineAt) throw deadlineError(attempts);
      if (!breaker.tryAcquire()) {
        if (attempt === 1) skippedForBreaker += 1;
        attempts.push(skipped(deployment, clock.now(), attempt));
        break;
      }
      const startedAt = clock.now();
      const finishHealth = deps.health.begin(deploymentId);
      try {
        const value = await call(adapter, deployment, clientSignal, deadlineAt - startedAt);
        let completed = false;
        const complete: Completion = (outcome) => {
          if (completed) return;
          completed = true;
          if (outcome.ok) {
            breaker.recordSuccess();
            finishHealth({ ok: true });
          } else {
            settleFailure(outcome.error, breaker, finishHealth);
          }
        };
        attempts.push({ deployment: deploymentId, provider: deployment.provider, model: deployment.model, startedAt, latencyMs: clock.now() - startedAt, status: 'ok', try: attempt });
        return { value, deployment, startedAt, complete };
      } catch (thrown) {
        const latencyMs = clock.now() - startedAt;
        if (clientSignal.aborted) {
          breaker.release();
          finishHealth();
          throw clientGone();
        }
        const raw = toRungError(thrown);
        const error = raw.code === 'deadline_exceeded' ? deadlineError(attempts, thrown) : raw;
        settleFailure(error, breaker, finishHealth);
        attempts.push({
          deployment: deploymentId,
          provider: deployment.provider,
          model: deployment.model,
          startedAt,
          latencyMs,
          status: 'error',
          errorClass: error.code,
          message: redact(error.message),
          try: attempt,
        });
        if (error.code === 'deadline_exceeded') throw error;
        lastError = error;
        if (!isFallbackClass(error, policy)) throw error;
        if (!error.retryable || attempt === policy.retry.attempts_per_target) break;
        const delay = retryDelayMs(error, attempt, policy.retry, deps.random);
        if (delay === undefined || clock.now() + delay >= deadlineAt) break;
        // The sleep ends before the deadline (checked above); only the client can cut it short.
        try {
          await sleep(delay, clientSignal);
        } catch {
          throw clientGone();
        }
      }
    }
  }

  if (lastError === undefined && skippedForBreaker > 0) {
    const states = targets.map((id) => `${id}: ${deps.breakers.get(id).state()}`).join(', ');
    throw new RungError('breakers_open', `Every target is unavailable (circuit breakers ${states}); retry later.`, {
      details: { breakers: Object.fromEntries(targets.map((id) => [id, deps.breakers.get(id).state()])) },
    });
  }
  // One deployment failed (perhaps over several tries): its own error says more than a summary,
  // and keeps its status and Retry-After (a 429 stays a 429).
  const failedDeployments = new Set(attempts.filter((attempt) => attempt.status === 'error').map((attempt) => attempt.deployment));
  if (failedDeployments.size === 1 && lastError !== undefined) throw lastError;
  throw new RungError('all_targets_failed', `All ${targets.length} targets failed: ${summarise(attempts)}`, {
    details: { attempts: attempts.map(publicAttempt) },
    cause: lastError,
  });
}

function isFallbackClass(error: RungError, policy: FailurePolicy): boolean {
  return (policy.fallbackOn as ReadonlySet<string>).has(error.code);
}

function settleFailure(
  error: RungError,
  breaker: { recordFailure(): void; release(): void },
  finishHealth: FinishCall,
): void {
  if (healthVerdict(error.code) === 'failure') {
    breaker.recordFailure();
    finishHealth({ ok: false, errorClass: error.code });
  } else {
    breaker.release();
    finishHealth();
  }
}

function skipped(deployment: Deployment, now: number, attempt: number): AttemptRecord {
  return { deployment: deployment.id, provider: deployment.provider, model: deployment.model, startedAt: now, latencyMs: 0, status: 'skipped', errorClass: 'breaker_open', try: attempt };
}

function clientGone(): RungError {
  return new RungError('connection', 'client disconnected');
}

function deadlineError(attempts: AttemptRecord[], cause?: unknown): RungError {
  return new RungError('deadline_exceeded', `The route's deadline passed after ${attempts.length} attempt(s).`, {
    details: { attempts: attempts.map(publicAttempt) },
    cause,
  });
}

function summarise(attempts: readonly AttemptRecord[]): string {
  return attempts.map((a) => `${a.deployment}#${a.try} ${a.errorClass ?? a.status}`).join('; ');
}

/** The attempt as shown to clients: no timestamps they cannot use, no upstream messages. */
function publicAttempt(attempt: AttemptRecord): Record<string, unknown> {
  return { deployment: attempt.deployment, provider: attempt.provider, try: attempt.try, status: attempt.status, error_class: attempt.errorClass ?? null, latency_ms: attempt.latencyMs };
}
