// Rules both ModelRegistryStore and EvalHistoryStore implementations share.
import { RungError } from '../errors/rung-error.ts';
import type { ModelActivation, ModelVersionInput } from './types.ts';

export function checkModelVersion(input: ModelVersionInput): void {
  if (input.version === '') throw new RungError('internal_error', 'model registry: version must not be empty');
  for (const [name, value] of Object.entries(input.metrics)) {
    if (!Number.isFinite(value)) throw new RungError('internal_error', `model registry: metric ${name} of ${input.version} is not a finite number`);
  }
}

export function duplicateVersion(version: string): RungError {
  return new RungError('internal_error', `model registry: version ${version} is already registered`);
}

export function unknownVersion(version: string): RungError {
  return new RungError('internal_error', `model registry: no version ${version} is registered`);
}

/** The activation to record, or null when `version` is already the active one. */
export function nextActivation(history: readonly ModelActivation[], version: string, at: number): ModelActivation | null {
  const previous = history.at(-1)?.version ?? null;
  if (previous === version) return null;
  const wasActive = history.some((activation) => activation.version === version);
  return { version, previous, kind: wasActive ? 'rollback' : 'promotion', at };
}

export function checkEvalLimit(limit: number | undefined): number {
  const value = limit ?? 100;
  if (!Number.isInteger(value) || value < 1) throw new RungError('invalid_request', 'limit must be a positive integer.', { param: 'limit' });
  return value;
}
