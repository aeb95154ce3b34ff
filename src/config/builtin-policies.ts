// The three score-driven policies exist even when the config does not name them: each may use
// every deployment in the catalogue. A policy of the same name in the config replaces its default.
// They are added right after schema validation, so cross-checks, rules and allowlists see them.
import { DEFAULTS } from './defaults.ts';
import { OBJECTIVES, type PolicyConfig, type RungConfig } from './schema.ts';

export function withBuiltinPolicies(config: RungConfig): RungConfig {
  const policies: Record<string, PolicyConfig> = { ...config.policies };
  const all = config.deployments.map((deployment) => deployment.id);
  for (const objective of OBJECTIVES) {
    if (policies[objective] !== undefined) continue;
    policies[objective] = {
      strategy: { type: 'intelligent', objective, targets: all, uncertain_band: { ...DEFAULTS.uncertainBand, prefer: 'capable' } },
      retry: {
        attempts_per_target: DEFAULTS.retry.attemptsPerTarget,
        base_delay_ms: DEFAULTS.retry.baseDelayMs,
        max_delay_ms: DEFAULTS.retry.maxDelayMs,
        max_retry_after_ms: DEFAULTS.retry.maxRetryAfterMs,
      },
      deadline_ms: DEFAULTS.deadlineMs,
      fallback_on: [...DEFAULTS.fallbackOn],
      description: `built-in ${objective} policy over every deployment`,
    };
  }
  return { ...config, policies };
}
