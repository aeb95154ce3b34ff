// Checks that the names in a schema-valid config refer to things that exist. Each issue carries
// the path of the offending value, e.g. `policies.support.strategy.targets[2]: unknown deployment "gpt-5x"`.
import { formatPath } from './config-error.ts';
import type { RungConfig, StrategyConfig, TargetConfig } from './schema.ts';
import { checkPolicyReferences } from '../policy/referenced-names.ts';
import { crossCheckBudgets } from './budget-schema.ts';
import { cascadeReferencedNames } from './cascade-schema.ts';
import { crossCheckExperiments } from './experiment-schema.ts';

export function crossCheck(config: RungConfig): string[] {
  const issues: string[] = [];
  const at = (path: PropertyKey[], message: string) => issues.push(`${formatPath(path)}: ${message}`);

  const providers = new Set<string>();
  config.providers.forEach((provider, index) => {
    if (providers.has(provider.id)) at(['providers', index, 'id'], `duplicate provider id "${provider.id}"`);
    providers.add(provider.id);
  });

  const deployments = new Set<string>();
  config.deployments.forEach((deployment, index) => {
    if (deployments.has(deployment.id)) at(['deployments', index, 'id'], `duplicate deployment id "${deployment.id}"`);
    deployments.add(deployment.id);
    if (!providers.has(deployment.provider)) at(['deployments', index, 'provider'], `unknown provider "${deployment.provider}"`);
  });

  const policies = new Set(Object.keys(config.policies));
  for (const name of policies) {
    if (deployments.has(name)) at(['policies', name], `policy name "${name}" is also a deployment id`);
  }

  for (const [alias, target] of Object.entries(config.aliases)) {
    if (deployments.has(alias) || policies.has(alias)) at(['aliases', alias], `alias "${alias}" shadows a deployment or policy`);
    if (!deployments.has(target) && !policies.has(target)) at(['aliases', alias], `unknown deployment or policy "${target}"`);
  }

  const checkTarget = (target: TargetConfig, path: PropertyKey[]) => {
    if (typeof target === 'string') {
      if (!deployments.has(target)) at(path, `unknown deployment "${target}"`);
    } else {
      checkStrategy(target, path);
    }
  };
  const checkStrategy = (strategy: StrategyConfig, path: PropertyKey[]) => {
    if (strategy.type === 'intelligent') {
      strategy.targets.forEach((target, index) => checkTarget(target, [...path, 'targets', index]));
      return;
    }
    if (strategy.type === 'single') {
      checkTarget(strategy.target, [...path, 'target']);
      return;
    }
    strategy.targets.forEach((target, index) => checkTarget(target, [...path, 'targets', index]));
  };
  for (const [name, policy] of Object.entries(config.policies)) {
    if (policy.strategy.type === 'cascade') {
      for (const { name: target, path } of cascadeReferencedNames(policy.strategy)) {
        if (!deployments.has(target)) at(['policies', name, 'strategy', ...path], `unknown deployment "${target}"`);
      }
      continue;
    }
    checkStrategy(policy.strategy, ['policies', name, 'strategy']);
  }

  const names = new Set([...deployments, ...policies, ...Object.keys(config.aliases)]);
  const keyIds = new Set<string>();
  config.keys.forEach((key, index) => {
    if (keyIds.has(key.id)) at(['keys', index, 'id'], `duplicate key id "${key.id}"`);
    keyIds.add(key.id);
    key.allowed_models?.forEach((model, modelIndex) => {
      if (!names.has(model)) at(['keys', index, 'allowed_models', modelIndex], `unknown deployment, alias or policy "${model}"`);
    });
  });

  const defaultPolicy = config.routing_rules.default_policy;
  if (defaultPolicy !== undefined && !policies.has(defaultPolicy)) at(['routing_rules', 'default_policy'], `unknown policy "${defaultPolicy}"`);
  issues.push(...checkPolicyReferences(config, config));
  issues.push(...crossCheckExperiments(config.experiments, {
    policies: config.policies,
    scorerModels: new Set(Object.keys(config.scorer.versions)),
    keyIds,
    workspaces: new Set(config.keys.flatMap((key) => (key.workspace === undefined ? [] : [key.workspace]))),
    isRequestable: (name) => names.has(name) || name === 'rung/auto' || (name.startsWith('rung/') && policies.has(name.slice(5))),
  }));
  if (!config.server.auth_disabled) issues.push(...crossCheckBudgets(config.budgets, config.keys));
  return issues;
}
