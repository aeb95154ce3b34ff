// One-line, human-readable reasons for rule and guardrail decisions, e.g.
//   rule staging-is-cheap -> policy cost_optimized; residency eu removed gpt-4o (us)
// The line travels in the `x-rung-reason` response header, so it is plain printable ASCII
// ("->", not an arrow glyph: node rejects header values outside Latin-1) and bounded in length.
import type { GuardrailControl, GuardrailResult, RemovedDeployment } from './guardrails.ts';
import type { RuleDecision } from './rules.ts';

/** Deployment ids shown per control before "+N more". */
export const MAX_IDS_PER_CONTROL = 4;
export const MAX_REASON_LENGTH = 400;

const CONTROL_LABELS: Readonly<Record<GuardrailControl, string>> = {
  key_allowlist: 'key allowlist',
  workspace_allowlist: 'workspace allowlist',
  department_allowlist: 'department allowlist',
  agent_allowlist: 'agent allowlist',
  residency: 'residency',
  paid: 'paid policy',
  floor: 'floor',
};

/** `rule x -> policy p`, `project checkout rule x -> models a, b`, `no rule matched -> default policy p`. */
export function describeRuleDecision(decision: RuleDecision): string {
  const project = decision.project === null ? '' : `project ${decision.project} `;
  const { action } = decision;
  if (action.kind === 'default') {
    return `${project}no rule matched -> ${action.policy === null ? 'no default policy' : `default policy ${action.policy}`}`;
  }
  const target =
    action.kind === 'policy' ? `policy ${action.policy}` : action.kind === 'models' ? `models ${action.models.join(', ')}` : 'block';
  return `${project}rule ${decision.rule ?? '?'} -> ${target}`;
}

/** One part per control, in the order controls first removed something: `floor mid removed a (light), b (small)`. */
export function describeRemovals(result: Pick<GuardrailResult, 'removed' | 'floorTier' | 'regions'>): string[] {
  const byControl = new Map<GuardrailControl, RemovedDeployment[]>();
  for (const entry of result.removed) {
    const group = byControl.get(entry.control);
    if (group === undefined) byControl.set(entry.control, [entry]);
    else group.push(entry);
  }
  const parts: string[] = [];
  for (const [control, entries] of byControl) {
    let label = CONTROL_LABELS[control];
    if (control === 'residency') label += ` ${result.regions === null || result.regions.length === 0 ? 'none' : result.regions.join('|')}`;
    if (control === 'floor' && result.floorTier !== null) label += ` ${result.floorTier}`;
    const shown = entries.slice(0, MAX_IDS_PER_CONTROL).map((entry) => (entry.detail === null ? entry.id : `${entry.id} (${entry.detail})`));
    const more = entries.length > MAX_IDS_PER_CONTROL ? ` +${entries.length - MAX_IDS_PER_CONTROL} more` : '';
    parts.push(`${label} removed ${shown.join(', ')}${more}`);
  }
  return parts;
}

/** The full line: the rule decision, then what the guardrails removed. */
export function explainRouting(decision: RuleDecision, guardrails?: Pick<GuardrailResult, 'removed' | 'floorTier' | 'regions'>): string {
  const parts = [describeRuleDecision(decision), ...(guardrails === undefined ? [] : describeRemovals(guardrails))];
  return toReasonLine(parts.join('; '));
}

/** Printable ASCII only (anything else becomes "?"), cut to MAX_REASON_LENGTH with "...". */
export function toReasonLine(text: string): string {
  // One "?" per code point (the `u` flag), so an emoji is one character of the line, not two.
  const line = PRINTABLE_ONLY.test(text) ? text : text.replace(NOT_PRINTABLE, '?');
  return line.length <= MAX_REASON_LENGTH ? line : `${line.slice(0, MAX_REASON_LENGTH - 3)}...`;
}

const PRINTABLE_ONLY = /^[\x20-\x7e]*$/;
const NOT_PRINTABLE = /[^\x20-\x7e]/gu;
