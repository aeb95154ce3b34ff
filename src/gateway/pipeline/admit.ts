// Admission: everything decided before the first upstream call.
//   signals → budget state → routing rules → route → key allowlist → plan (score, strategy)
//   → guardrails → controls (block > throttle > needs configuration) → budget reservation.
// Throws RungError for any refusal; the caller answers and records it.
import type { ChatRequest } from '../../chat/types.ts';
import { estimatePromptTokens } from '../../chat/token-estimate.ts';
import { RungError } from '../../errors/rung-error.ts';
import { maxCallCostUsd } from '../../budgets/estimate.ts';
import type { Reservation } from '../../budgets/reservation.ts';
import type { BudgetCheck } from '../../budgets/budget-service.ts';
import { gatherSignals, type RequestSignals } from '../../policy/signals.ts';
import { applyGuardrails } from '../../policy/guardrails.ts';
import { decideControls, ruleControl } from '../../policy/decide-controls.ts';
import { describeRemovals, describeRuleDecision, toReasonLine } from '../../policy/explain.ts';
import type { RuleDecision } from '../../policy/rules.ts';
import type { HeaderBag } from '../../policy/signal-headers.ts';
import { ANONYMOUS, isAllowed, type KeyIdentity } from '../auth/virtual-keys.ts';
import type { GatewayRuntime, Route } from '../runtime.ts';
import { AUTO_MODEL } from '../runtime.ts';
import { planRoute, type RoutePlan } from './plan-route.ts';
import { matchExperiment } from '../../experiments/assign.ts';

export interface AdmitInput {
  runtime: GatewayRuntime;
  identity: KeyIdentity;
  headers: HeaderBag;
  /** The model or policy the client asked for (the router path's policy wins over the body). */
  requested: string;
  request: ChatRequest;
  metadata: Readonly<Record<string, string>>;
  /** True when the policy came from the router path, which must name a policy. */
  fromPath: boolean;
  requestId: string;
}

export interface Admission {
  route: Route;
  plan: RoutePlan;
  /** The targets that passed the guardrails, in order. */
  targets: string[];
  signals: RequestSignals;
  rule: RuleDecision;
  /** The control that decided the route: `default`, `rule:<name>`, ... */
  control: string;
  /** One printable line: rule, score, tier, guardrail removals. */
  reason: string;
  budget: BudgetCheck;
  reservation: Reservation;
  experiment: ExperimentAssignment | null;
}

export interface ExperimentAssignment {
  id: string;
  arm: string;
  unit: string;
}

/** What is known when admission stops early, so the refusal can still be recorded. */
export interface PartialAdmission {
  route?: Route;
  plan?: RoutePlan;
  rule?: RuleDecision;
  control?: string;
  reason?: string;
  experiment?: ExperimentAssignment;
}

export async function admit(input: AdmitInput, partial: PartialAdmission): Promise<Admission> {
  const { runtime, identity, request } = input;
  const budgetIdentity = { keyId: identity === ANONYMOUS ? null : identity.id, agent: identity.agent, department: identity.department, workspace: identity.workspace };
  const budget = await runtime.budgets.check(budgetIdentity);
  const promptTokens = estimatePromptTokens(request);
  const signals = gatherSignals({
    headers: input.headers,
    metadata: input.metadata,
    key: identity === ANONYMOUS ? null : identity,
    request,
    model: input.requested,
    tokens: promptTokens,
    budget: budget.state,
  });

  const rule = runtime.rules.evaluate(signals);
  partial.rule = rule;
  partial.control = ruleControl(rule);
  if (rule.action.kind === 'block') {
    const controls = decideControls({ rules: rule, guardrails: { allowed: [], removed: [], floorTier: null, regions: null }, budget });
    partial.reason = controls.reason;
    throw controls.error ?? new RungError('blocked_by_rule', 'Blocked by a routing rule.');
  }

  const chosen = chooseRoute(runtime, input, rule);
  const route = chosen.route;
  partial.route = route;
  if (chosen.experiment !== undefined) partial.experiment = chosen.experiment;
  // An explicit choice by the client must be on the key's list; routes chosen by rules or by
  // `rung/auto` are narrowed to the key's deployments by the guardrails below instead.
  const explicit = rule.action.kind === 'default' && input.requested !== AUTO_MODEL && input.requested !== 'auto';
  if (explicit && !isAllowed(identity, input.requested, route.name)) {
    throw new RungError('model_not_allowed', `Key "${identity.id}" may not use "${input.requested}".`, { param: 'model' });
  }

  const armScorer = chosen.scorerModel === undefined ? undefined : runtime.scorerVersions.get(chosen.scorerModel);
  const plan = await planRoute(runtime, route, request, { downgrade: budget.state === 'soft', estimatedPromptTokens: promptTokens, ...(armScorer === undefined ? {} : { scorer: armScorer }) });
  partial.plan = plan;
  const scored: RequestSignals = plan.scoring?.score == null
    ? signals
    : { ...signals, score: plan.scoring.score, task: signals.task ?? plan.scoring.taskClass };

  const guarded = applyGuardrails(plan.targets.map((id) => runtime.catalog.get(id)), scored, {
    guardrails: runtime.guardrails,
    keyAllowedDeployments: runtime.keyAllowedDeployments(identity),
  });
  const controls = decideControls({ rules: rule, guardrails: guarded, budget });
  const removals = describeRemovals(guarded);
  const reason = toReasonLine([describeRuleDecision(rule), plan.reason, ...removals].filter((part) => part !== '').join('; '));
  partial.reason = reason;
  if (controls.outcome !== 'route') {
    partial.control = controls.control;
    partial.reason = controls.reason;
    throw controls.error ?? new RungError('no_eligible_deployment', controls.reason);
  }
  const targets = guarded.allowed.map((deployment) => deployment.id);

  const estimate = maxCallCostUsd(runtime.catalog, targets, {
    promptTokens: plan.input.estimatedPromptTokens,
    maxOutputTokens: request.maxTokens,
    fallbackOutputTokens: plan.input.estimatedOutputTokens,
  });
  const reservation = await runtime.budgets.reserve(budgetIdentity, estimate);
  if (reservation instanceof RungError) {
    partial.control = 'budget';
    throw reservation;
  }
  return { route, plan, targets, signals: scored, rule, control: partial.control, reason, budget, reservation, experiment: chosen.experiment ?? null };
}

interface ChosenRoute {
  route: Route;
  experiment?: ExperimentAssignment;
  scorerModel?: string;
}

/**
 * Rules may name a policy or a model list; otherwise an active experiment may assign an arm;
 * otherwise the client's choice (`rung/auto` → the default policy).
 */
function chooseRoute(runtime: GatewayRuntime, input: AdmitInput, rule: RuleDecision): ChosenRoute {
  const action = rule.action;
  if (action.kind === 'policy') return { route: mustResolve(runtime, action.policy, 'policy') };
  if (action.kind === 'models') return { route: runtime.routeForModels(action.models) };
  const { identity } = input;
  const matched = matchExperiment(runtime.config.experiments, {
    requested: input.requested,
    keyId: identity === ANONYMOUS ? null : identity.id,
    workspace: identity.workspace,
    user: input.request.user ?? null,
    requestId: input.requestId,
    now: runtime.executor.clock.now(),
  });
  // Both arms must be open to this key, or the arms would see different populations.
  if (matched !== null && matched.experiment.arms.every((arm) => isAllowed(identity, arm.policy))) {
    const experiment = { id: matched.experiment.id, arm: matched.arm.name, unit: matched.unit };
    return {
      route: mustResolve(runtime, matched.arm.policy, 'policy'),
      experiment,
      ...(matched.arm.scorer_model === undefined ? {} : { scorerModel: matched.arm.scorer_model }),
    };
  }
  if (input.requested === AUTO_MODEL || input.requested === 'auto') {
    const policy = action.kind === 'default' && action.policy !== null ? action.policy : runtime.config.routing_rules.default_policy ?? 'balanced';
    return { route: mustResolve(runtime, policy, 'policy') };
  }
  const route = runtime.resolve(input.requested);
  if (route === undefined || (input.fromPath && route.kind !== 'policy')) {
    const what = input.fromPath ? 'policy' : 'model';
    throw new RungError('unknown_model', `The ${what} "${input.requested}" does not exist. GET /v1/models lists what you can use.`, input.fromPath ? {} : { param: 'model' });
  }
  return { route };
}

function mustResolve(runtime: GatewayRuntime, name: string, what: string): Route {
  const route = runtime.resolve(name);
  if (route === undefined) throw new RungError('internal_error', `routing rule names unknown ${what} "${name}"`);
  return route;
}
