// The validated set of providers and deployments, with every deployment's effective tier.
import type { DeploymentConfig, ProviderConfig, RungConfig, Tier } from '../config/schema.ts';
import { inferTier } from './tier-inference.ts';

export interface Deployment extends DeploymentConfig {
  /** The configured tier, or the one inferred from price. */
  readonly tier: Tier;
  readonly tierInferred: boolean;
  readonly region: string | undefined;
}

export class Catalog {
  private readonly deployments = new Map<string, Deployment>();
  private readonly providers = new Map<string, ProviderConfig>();

  constructor(config: Pick<RungConfig, 'providers' | 'deployments'>) {
    for (const provider of config.providers) this.providers.set(provider.id, provider);
    for (const deployment of config.deployments) {
      const provider = this.providers.get(deployment.provider);
      this.deployments.set(deployment.id, Object.freeze({
        ...deployment,
        tier: deployment.tier ?? inferTier(deployment.price),
        tierInferred: deployment.tier === undefined,
        region: provider?.region,
      }));
    }
  }

  has(id: string): boolean {
    return this.deployments.has(id);
  }

  /** Throws on an unknown id: config validation guarantees ids used by strategies exist. */
  get(id: string): Deployment {
    const found = this.deployments.get(id);
    if (found === undefined) throw new Error(`unknown deployment "${id}"`);
    return found;
  }

  provider(id: string): ProviderConfig {
    const found = this.providers.get(id);
    if (found === undefined) throw new Error(`unknown provider "${id}"`);
    return found;
  }

  all(): Deployment[] {
    return [...this.deployments.values()];
  }

  /** Estimated USD cost of a call with these token counts. */
  estimateCost(id: string, promptTokens: number, outputTokens: number): number {
    const { price } = this.get(id);
    return (promptTokens * price.input_per_mtok + outputTokens * price.output_per_mtok) / 1_000_000;
  }
}
