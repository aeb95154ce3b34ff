// Turns a resolved route into an ordered target list: scores the prompt first when the route is
// score-driven (under the scorer deadline; no score → the most capable allowed deployment).
import type { ChatRequest } from '../../chat/types.ts';
import { estimateOutputTokens, estimatePromptTokens } from '../../chat/token-estimate.ts';
import type { RouteInput } from '../../routing/types.ts';
import type { GatewayRuntime, Route } from '../runtime.ts';
import { scoreWithDeadline, type ScoreOutcome } from '../scoring.ts';
import { requestNeeds } from './request-needs.ts';
import type { ComplexityScorer } from '../../scorer/complexity-scorer.ts';

export interface RoutePlan {
  targets: string[];
  reason: string;
  input: RouteInput;
  scoring: ScoreOutcome | null;
}

export interface PlanOptions {
  downgrade?: boolean;
  /** The prompt-token estimate, when the caller already made it. */
  estimatedPromptTokens?: number;
  /** A scorer version pinned by an experiment arm, instead of the default scorer. */
  scorer?: ComplexityScorer;
}

export async function planRoute(runtime: GatewayRuntime, route: Route, request: ChatRequest, options: PlanOptions = {}): Promise<RoutePlan> {
  const input: RouteInput = {
    estimatedPromptTokens: options.estimatedPromptTokens ?? estimatePromptTokens(request),
    estimatedOutputTokens: estimateOutputTokens(request),
    needs: requestNeeds(request),
    downgrade: options.downgrade === true,
  };
  let scoring: ScoreOutcome | null = null;
  if (route.intelligent !== null) {
    const scorer = options.scorer ?? runtime.scorer;
    scoring = await scoreWithDeadline(scorer, request.messages, runtime.config.scorer.deadline_ms);
    input.score = scoring.score;
    // The thresholds of the model that scored, so a promoted model brings its own calibration.
    if (scorer !== null) input.thresholds = scorer.thresholds;
  }
  const decision = route.strategy.decide(input, runtime.view);
  return { targets: decision.targets, reason: decision.reason, input, scoring };
}
