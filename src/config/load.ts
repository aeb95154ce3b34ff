// Reads, interpolates, validates and freezes the config. The only place a config file is parsed.
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { ConfigError, formatPath } from './config-error.ts';
import { crossCheck } from './cross-check.ts';
import { interpolateEnv } from './interpolate.ts';
import { ConfigSchema, type RungConfig } from './schema.ts';
import { withBuiltinPolicies } from './builtin-policies.ts';

export function parseConfig(
  document: unknown,
  source = '(inline)',
  env: Readonly<Record<string, string | undefined>> = process.env,
): RungConfig {
  const issues: string[] = [];
  const interpolated = interpolateEnv(document, env, issues);
  if (issues.length > 0) throw new ConfigError(source, issues);
  const parsed = ConfigSchema.safeParse(interpolated);
  if (!parsed.success) {
    throw new ConfigError(
      source,
      parsed.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`),
    );
  }
  const config = withBuiltinPolicies(parsed.data);
  const crossIssues = crossCheck(config);
  if (crossIssues.length > 0) throw new ConfigError(source, crossIssues);
  return deepFreeze(config);
}

export function loadConfigFile(path: string, env: Readonly<Record<string, string | undefined>> = process.env): RungConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(path, [`cannot read file: ${(error as Error).message}`]);
  }
  let document: unknown;
  try {
    document = path.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new ConfigError(path, [`cannot parse: ${(error as Error).message}`]);
  }
  return parseConfig(document, path, env);
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}
