// Resolves rules, budget state and guardrails into one outcome, always the safest that applies:
//   block (a rule's block action, an exhausted budget)
//   > throttle (a budget past its throttle threshold)
//   > needs_configuration (the guardrails left no candidate: answer no_eligible_deployment, listing
//     each removed deployment and the control that removed it)
//   > route (over the guardrails' `allowed` list only).
// A route is never chosen outside `allowed`, so a cost rule can change which policy is tried but
// never what the allowlists, residency, paid policy and floors permit.
import type { BudgetState } from '../config/policy-schema.ts';
import { RungError } from '../errors/rung-error.ts';
import { explainRouting, toReasonLine } from './explain.ts';
import type { GuardrailControl, GuardrailResult } from './guardrails.ts';
import type { RuleDecision } from './rules.ts';

export type ControlOutcome = 'route' | 'block' | 'throttle' | 'needs_configuration';

export interface ControlDecision {
  readonly outcome: ControlOutcome;
  /**
   * The control that made the decision, for the request record: `rule:<name>` (or
   * `rule:<project>/<name>`), `default`, `budget`, or the guardrail controls that removed the last
   * candidates (`residency`, `paid+floor`, ...; `no_candidates` when there were none to begin with).
   */
  readonly control: string;
  /** One printable-ASCII line for `x-rung-reason`. */
  readonly reason: string;
  /** The error to answer with; null for `route`. */
  readonly error: RungError | null;
}

/** The budget service's verdict; its reason and error are used as they are when given. */
export interface BudgetStatus {
  state: BudgetState;
  reason?: string | null;
  error?: RungError | null;
}

export interface ControlInputs {
  rules: RuleDecision;
  guardrails: GuardrailResult;
  budget: BudgetState | BudgetStatus;
}

export function ruleControl(decision: RuleDecision): string {
  if (decision.rule === null) return 'default';
  return decision.project === null ? `rule:${decision.rule}` : `rule:${decision.project}/${decision.rule}`;
}

export function decideControls(inputs: ControlInputs): ControlDecision {
  const { rules, guardrails } = inputs;
  const budget: BudgetStatus = typeof inputs.budget === 'string' ? { state: inputs.budget } : inputs.budget;

  if (rules.action.kind === 'block') {
    const message = `Blocked by routing rule "${rules.rule ?? ''}": ${rules.action.message}`;
    return {
      outcome: 'block',
      control: ruleControl(rules),
      reason: explainRouting(rules),
      error: new RungError('blocked_by_rule', message, { details: { rule: rules.rule, project: rules.project } }),
    };
  }
  if (budget.state === 'exhausted') {
    return {
      outcome: 'block',
      control: 'budget',
      reason: toReasonLine(budget.reason ?? 'budget exhausted'),
      error: budget.error ?? new RungError('budget_exceeded', 'A hard budget limit was reached.'),
    };
  }
  if (budget.state === 'throttle') {
    return {
      outcome: 'throttle',
      control: 'budget',
      reason: toReasonLine(budget.reason ?? 'budget throttle'),
      error: budget.error ?? new RungError('budget_throttled', 'Spending is near a budget limit; retry later.'),
    };
  }
  if (guardrails.allowed.length === 0) return needsConfiguration(rules, guardrails);
  return { outcome: 'route', control: ruleControl(rules), reason: explainRouting(rules, guardrails), error: null };
}

function needsConfiguration(rules: RuleDecision, guardrails: GuardrailResult): ControlDecision {
  const controls = [...new Set<GuardrailControl>(guardrails.removed.map((entry) => entry.control))];
  const reason = explainRouting(rules, guardrails);
  if (guardrails.removed.length === 0) {
    return {
      outcome: 'needs_configuration',
      control: 'no_candidates',
      reason,
      error: new RungError('no_eligible_deployment', 'No deployment can serve this request: the route has no candidates. Explicit configuration is required.'),
    };
  }
  const listed = guardrails.removed.map((entry) => `${entry.id} by ${entry.control} (${entry.reason})`).join('; ');
  return {
    outcome: 'needs_configuration',
    control: controls.join('+'),
    reason,
    error: new RungError(
      'no_eligible_deployment',
      `No allowed deployment can serve this request; explicit configuration is required. Removed: ${listed}.`,
      { details: { removed: guardrails.removed.map((entry) => ({ deployment: entry.id, control: entry.control, reason: entry.reason })) } },
    ),
  };
}
