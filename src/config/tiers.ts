// The model ladder's rungs, most capable first. Kept apart from schema.ts so section schemas
// (routing rules, guardrails) can import it without a cycle.
export const TIERS = ['premium', 'mid', 'light', 'small', 'local'] as const;
export type Tier = (typeof TIERS)[number];
