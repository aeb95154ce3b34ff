// The `experiments:` section of a config file, for offline reports. Only that section is
// interpolated and validated: a report must not need the providers' API keys in the environment.
// The cross-checks against policies and keys are the gateway's job at boot, not a report's.
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { ConfigError, formatPath } from '../config/config-error.ts';
import { ExperimentsSchema, type ExperimentConfig } from '../config/experiment-schema.ts';
import { interpolateEnv } from '../config/interpolate.ts';

export function readExperimentsConfig(path: string, env: Readonly<Record<string, string | undefined>> = process.env): ExperimentConfig[] {
  let document: unknown;
  try {
    const text = readFileSync(path, 'utf8');
    document = path.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new ConfigError(path, [`cannot read or parse: ${error instanceof Error ? error.message : String(error)}`]);
  }
  const section = document !== null && typeof document === 'object' ? (document as Record<string, unknown>).experiments : undefined;
  const issues: string[] = [];
  const interpolated = interpolateEnv(section, env, issues, ['experiments']);
  if (issues.length > 0) throw new ConfigError(path, issues);
  const parsed = ExperimentsSchema.safeParse(interpolated);
  if (!parsed.success) throw new ConfigError(path, parsed.error.issues.map((issue) => `${formatPath(['experiments', ...issue.path])}: ${issue.message}`));
  return parsed.data;
}
