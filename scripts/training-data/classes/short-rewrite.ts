// Rewriting a short text. Easy: one style change (fix grammar, more formal, shorter, bullets).
// Hard: several hard constraints at once (exact word counts, lipograms, acrostics, metre, keeping
// legal meaning or every figure, reading level plus technical accuracy). Label policy: one
// stylistic operation -> 0; two or more verifiable constraints, or meaning-preservation of
// legal/technical content under simplification -> 1.
import type { Rng } from '../lib/prng.ts';
import type { Draft, DraftMaker } from '../lib/types.ts';
import { pickDifficulty } from '../lib/types.ts';
import { COMPANIES } from '../lib/vocab.ts';
import { dress } from '../lib/style.ts';

const TEXTS = [
  'hey so the meeting got moved to thursday because half the team is out, let me know if that dont work for you',
  'We regret to inform you that your application has not been successful at this time.',
  'The server went down at 3am and we lost about two hours of orders before anyone noticed.',
  'Our new app lets you track your spending, set budgets and get alerts when you go over.',
  'I think maybe we should consider possibly looking into whether the vendor could potentially lower the price.',
  'Due to unforeseen circumstances the event has been postponed until further notice.',
  'pls send me the report asap, the client is asking and i have nothing to show them',
  'The results suggest a modest association between sleep duration and test scores, though causality cannot be established.',
  'Thank you for reaching out! Unfortunately, refunds are only available within 30 days of purchase.',
  'Me and him went to the store and buyed three bags of apples.',
  'Your password must contain at least 12 characters, one number and one symbol.',
  'We are excited to announce that our office in Lisbon will open next month!',
  'The patient should take one tablet twice a day with food for ten days.',
  'This function retries the request up to three times with exponential backoff before giving up.',
  'Despite the rain, the crowd stayed until the very last song.',
  'I wanted to follow up on my previous email regarding the invoice, which is now 45 days overdue.',
  'The landlord shall return the deposit within 14 days of the end of the tenancy, less any lawful deductions.',
  'Click the blue button in the top right corner to export your data as a CSV file.',
  'Sorry I missed your call, I was in back-to-back meetings all afternoon.',
  'Revenue grew 12% year over year, driven mainly by the enterprise segment, while churn fell to 3.1%.',
  'The committee has decided, after lengthy deliberation, to approve the budget with minor amendments.',
  'honestly the onboarding was confusing and i almost gave up but support helped me',
  'Employees who work more than 40 hours in a week are entitled to overtime pay at 1.5 times their hourly rate.',
  'Water boils at a lower temperature at high altitude because the air pressure is lower.',
  'The update fixes a bug where notifications were delivered twice on some Android devices.',
] as const;

const EASY_ASKS = [
  'Fix the grammar and spelling: "{t}"',
  'Make this more formal:\n{t}',
  'Rewrite this to sound friendlier: "{t}"',
  'Shorten this sentence: {t}',
  'Rephrase in plain English: "{t}"',
  'Turn this into a bullet list:\n{t}',
  'can you make this sound more professional? "{t}"',
  'Rewrite in the passive voice: {t}',
  'Paraphrase: {t}',
  'Make this email line more polite for a customer at {c}: "{t}"',
  'Rewrite as a tweet: {t}',
  'Simplify this for a general audience:\n> {t}',
  'Convert to past tense: "{t}"',
  'Give me 3 alternative phrasings of: "{t}"',
  'Rewrite more concisely, keep the meaning: {t}',
];

const HARD_ASKS = [
  'Rewrite the text below in EXACTLY {n} words (I will count), without using the letter "e" anywhere, keeping every fact:\n"{t}"',
  'Rewrite as an acrostic where the first letters of each line spell {w}, keeping the original meaning, one sentence per line:\n{t}',
  'Rewrite this as a single line of iambic pentameter (ten syllables, da-DUM x5) that keeps every number and named entity:\n"{t}"',
  'Rewrite for a 9-year-old reader (Flesch-Kincaid grade <= 3) WITHOUT changing any legal obligation, number or deadline. Then list every term you simplified and argue why the meaning is unchanged:\n"{t}"',
  'Produce three rewrites: (a) exactly {n} words, (b) under 80 characters including spaces, (c) a version where every word starts with a different letter. All must preserve the core claim:\n{t}',
  'Rewrite so that it is neutral in tone, keeps the original hedging strength exactly (do not make claims stronger or weaker), removes all first-person pronouns, and is under {n} words:\n"{t}"',
  'Rewrite it so each sentence has exactly {m} words and the word count of the whole text is {n}, in a formal register, with no word repeated:\n{t}',
  'Translate the register, not the language: rewrite as a {s} would say it, while keeping every technical term exact and adding no new facts. Constraint: {n} words max, no adjectives:\n"{t}"',
  'Rewrite the sentence as a haiku (5-7-5 syllables, count them for me) that still communicates the key instruction unambiguously:\n{t}',
  'Rewrite for an SMS to customers of {c}: max 160 GSM-7 characters, must include the words "{w}" and "today", must not include "sorry" or "unfortunately", and must keep all numbers:\n{t}',
  'Make it a lipogram without "a" AND keep it grammatical and formal. Then give the character count:\n"{t}"',
  'Rewrite in two versions for A/B testing: one using loss framing and one using gain framing, each exactly {m} words, identical factual content, and explain which cognitive bias each exploits:\n{t}',
];

const ACROSTIC_WORDS = ['SHIP', 'CARE', 'TRUST', 'PLAN', 'FAST', 'CLEAR', 'SAFE', 'GROW'] as const;
const SPEAKERS = ['ship captain', '1920s radio announcer', 'kindergarten teacher', 'court clerk', 'sports commentator', 'airline pilot'] as const;

function build(rng: Rng): Draft {
  const difficulty = pickDifficulty(rng, 0.45, 0.15);
  const slots = (template: string): string =>
    template
      .replace('{t}', rng.pick(TEXTS))
      .replace('{c}', rng.pick(COMPANIES))
      .replace('{n}', String(rng.int(12, 30)))
      .replace('{m}', String(rng.int(6, 9)))
      .replace('{w}', rng.pick(ACROSTIC_WORDS))
      .replace('{s}', rng.pick(SPEAKERS));
  let prompt: string;
  if (difficulty === 'hard') prompt = slots(rng.pick(HARD_ASKS));
  else if (difficulty === 'medium') prompt = slots(rng.pick(EASY_ASKS)) + rng.pick([' Keep it under 25 words.', ' Keep the numbers.', ' Two versions please.', ' Keep my voice, just tidy it.']);
  else prompt = slots(rng.pick(EASY_ASKS));
  return { prompt: dress(rng, prompt), label: difficulty === 'hard' ? 1 : 0, difficulty };
}

export const shortRewrite: DraftMaker = build;
