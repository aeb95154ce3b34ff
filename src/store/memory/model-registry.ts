// The in-memory ModelRegistryStore and EvalHistoryStore.
import type { Clock } from '../../resilience/clock.ts';
import { checkEvalLimit, checkModelVersion, duplicateVersion, nextActivation, unknownVersion } from '../model-rules.ts';
import type { EvalHistoryStore, EvalRun, ModelActivation, ModelRegistryStore, ModelVersion, ModelVersionInput } from '../types.ts';

export class MemoryModelRegistry implements ModelRegistryStore {
  private readonly versions = new Map<string, ModelVersion>();
  private readonly activations: ModelActivation[] = [];

  constructor(private readonly clock: Clock) {}

  async register(input: ModelVersionInput): Promise<void> {
    checkModelVersion(input);
    if (this.versions.has(input.version)) throw duplicateVersion(input.version);
    this.versions.set(input.version, structuredClone(input));
  }

  async list(): Promise<ModelVersion[]> {
    return [...this.versions.values()].map((version) => structuredClone(version));
  }

  async setActive(version: string): Promise<ModelActivation | null> {
    if (!this.versions.has(version)) throw unknownVersion(version);
    const activation = nextActivation(this.activations, version, this.clock.now());
    if (activation !== null) this.activations.push(activation);
    return activation === null ? null : { ...activation };
  }

  async active(): Promise<ModelVersion | null> {
    const current = this.activations.at(-1);
    const version = current === undefined ? undefined : this.versions.get(current.version);
    return version === undefined ? null : structuredClone(version);
  }

  async history(): Promise<ModelActivation[]> {
    return this.activations.map((activation) => ({ ...activation }));
  }
}

export class MemoryEvalHistory implements EvalHistoryStore {
  private readonly runs: EvalRun[] = [];

  async append(run: EvalRun): Promise<void> {
    this.runs.push({ ...run });
  }

  async list(limit?: number): Promise<EvalRun[]> {
    const count = checkEvalLimit(limit);
    // Newest first by time; a stable sort of the reversed list puts later appends first on ties.
    return [...this.runs]
      .reverse()
      .sort((a, b) => b.at - a.at)
      .slice(0, count)
      .map((run) => ({ ...run }));
  }
}
