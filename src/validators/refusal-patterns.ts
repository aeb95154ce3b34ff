// English refusal openings. A refusal is recognised only at the very start of the answer (after
// markdown emphasis, quotes and leading whitespace are stripped), because models that refuse say
// so first, while a helpful answer may well *mention* "I can't" later on.
//
// False-positive risks (answers wrongly failed, which costs an unnecessary escalation, never a
// wrong answer): a partial refusal that goes on to help ("I can't give medical advice, but here
// are the usual causes..."), role-play or quoted dialogue that opens with such a line, a user who
// asked for exactly that sentence, and "As an AI, I don't have opinions, but..." caveats.
// False negatives: non-English refusals, refusals phrased as questions or that open with
// pleasantries ("Great question! Unfortunately I can't..."), and silent non-answers; pair this
// check with llm_judge when those matter. Extra patterns can be added in the config.

/** What a model says it cannot do; kept to verbs that mean the request itself is declined. */
const DECLINED_ACTS = '(?:help|assist|provide|comply|fulfil|fulfill|do|answer|support|create|generate|write|produce|engage|participate|share|give|offer|continue|complete|accommodate|process|respond)';
/** "I", "I'm" or "I am": the forms below follow it after a space. */
const SUBJECT = "I(?:'m| am)?";
const CANNOT = "(?:can't|cannot|can not|won't|will not|unable to|not able to|not allowed to|not permitted to|must decline to|not going to)";
const SHORT_CANNOT = "(?:can't|cannot|can not|won't|will not|unable|not able|must decline|must refuse|don't feel comfortable|do not feel comfortable|not comfortable|not going to)";

export const BUILT_IN_REFUSAL_PATTERNS: readonly RegExp[] = Object.freeze([
  // "I can't help with that", "I'm unable to provide ...", "I won't write ..."
  new RegExp(`^${SUBJECT} ${CANNOT} ${DECLINED_ACTS}\\b`, 'iu'),
  // "I'm sorry, but I cannot ...", "Sorry, I can't ...", "I am very sorry, but I won't ..."
  new RegExp(`^(?:I(?:'m| am) )?(?:very |so |really |truly )?sorry,?(?: but)?,? ${SUBJECT} ${SHORT_CANNOT}\\b`, 'iu'),
  // "I apologize, but I cannot ..."
  new RegExp(`^I apologi[sz]e,?(?: but)?,? ${SUBJECT} ${SHORT_CANNOT}\\b`, 'iu'),
  // "Unfortunately, I can't ...", "I'm afraid I cannot ..."
  new RegExp(`^(?:unfortunately|I(?:'m| am) afraid)(?: that)?,? ${SUBJECT} ${SHORT_CANNOT}\\b`, 'iu'),
  // "As an AI language model, I don't have ...", "As an AI developed by X, I cannot ..."
  /^As an AI\b[^.,\n]{0,60},\s*I (?:do not|don't|cannot|can't|can not|am not|'m not|am unable|'m unable|have no|lack|won't|will not|must)\b/iu,
  // "I must decline", "I must respectfully refuse"
  /^I (?:must|have to|need to) (?:respectfully |politely )?(?:decline|refuse)\b/iu,
  // "That's not something I can help with", "This isn't something I'm able to assist with"
  /^(?:that|this)(?:'s| is) not something I(?:'m| am)? (?:can|able to) (?:help|assist)\b/iu,
  /^(?:that|this) isn't something I(?:'m| am)? ?(?:can|able to) (?:help|assist)\b/iu,
]);

/** Leading characters that decorate an opening without changing it: whitespace, markdown, quotes. */
const DECORATION = /^[\s*_>#"'`“”‘’«»-]+/u;

/** Normalises the start of an answer so patterns can assume plain ASCII apostrophes and spacing. */
export function normaliseOpening(text: string, maxChars: number): string {
  return text
    .slice(0, maxChars + 32)
    .replace(DECORATION, '')
    .replace(/[‘’ʼ`´]/gu, "'")
    .replace(/\s+/gu, ' ')
    .slice(0, maxChars);
}
