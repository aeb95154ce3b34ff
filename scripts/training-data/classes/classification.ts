// Labelling texts. Easy: one clear item, a few obvious labels. Hard: sarcasm or mixed aspects,
// taxonomies with precedence rules, domain schemes (ICD, CWE, IFRS) or many items with
// cross-item rules. Label policy: single/clear items or small batches of clear items -> 0;
// sarcasm, multi-label with precedence rules, expert schemes or policy edge cases -> 1.
import type { Rng } from '../lib/prng.ts';
import type { Draft, DraftMaker } from '../lib/types.ts';
import { pickDifficulty } from '../lib/types.ts';
import { COMPANIES, PRODUCTS } from '../lib/vocab.ts';
import { dress } from '../lib/style.ts';
import { CLEAR_REVIEWS, TRICKY_REVIEWS, TICKETS, HEADLINES, MESSAGES, DOMAIN_ITEMS, INTENT_TAXONOMY } from './classification-pools.ts';

const FOREIGN = [
  'Je voudrais réserver une table pour deux personnes.', 'Wo ist der nächste Bahnhof?', '¿Cuánto cuesta el envío a Chile?',
  'Obrigado pela ajuda de ontem.', 'Ik heb mijn wachtwoord vergeten.', 'Dov\'è la farmacia più vicina?',
  'Dziękuję za szybką odpowiedź.', 'Jag vill avsluta mitt abonnemang.', 'Merhaba, siparişim nerede?', 'Hyvää huomenta kaikille!',
] as const;

const SENTIMENT_ASKS = [
  'Classify the sentiment of this review as positive, negative or neutral:\n"{t}"',
  'Sentiment? (pos/neg/neutral)\n{t}',
  'Is this customer review positive or negative? Reply with one word.\n\nReview: {t}',
  'You are a review-tagging assistant for {c}. Output only the label POSITIVE, NEGATIVE or NEUTRAL.\nText: {t}',
  'label this {p} review: "{t}"',
  'Return {"sentiment": "positive"|"negative"|"neutral"} for: {t}',
];

function easy(rng: Rng): string {
  const company = rng.pick(COMPANIES);
  const roll = rng.int(0, 6);
  if (roll <= 1) return rng.pick(SENTIMENT_ASKS).replace('{t}', rng.pick(CLEAR_REVIEWS).text).replace('{c}', company).replace('{p}', rng.pick(PRODUCTS));
  if (roll === 2) return `${rng.pick(['Is this message spam? Answer yes or no.', 'Spam or ham?', 'Classify as SPAM or NOT_SPAM:', 'Phishing check - is this legit or phishing?'])}\n\n${rng.pick(MESSAGES)}`;
  if (roll === 3) return `${rng.pick(['Route this support ticket to one of: Billing, Technical, Account, Shipping, Other.', 'Which team should handle this? Options: billing / tech / account / shipping / other', `You are a triage bot at ${company}. Pick a queue (Billing, Technical, Account, Shipping, Other) and output only the queue name.`])}\n\nTicket: ${rng.pick(TICKETS)}`;
  if (roll === 4) return `${rng.pick(['What category is this headline: politics, sports, business, science, culture, weather?', 'Tag this news headline with one topic.', 'Headline topic (one word):'])}\n"${rng.pick(HEADLINES)}"`;
  if (roll === 5) return `${rng.pick(['What language is this?', 'Detect the language, reply with the ISO 639-1 code only:', 'which language is this sentence in'])} ${rng.pick(FOREIGN)}`;
  return `${rng.pick(['Is this email urgent? yes/no', 'Priority (high/low) for this message:', 'Should this go to the urgent queue? Reply true or false.'])}\n${rng.pick([...TICKETS, ...MESSAGES])}`;
}

function medium(rng: Rng): string {
  const reviews = rng.sample(CLEAR_REVIEWS, rng.int(4, 6));
  if (rng.chance(0.5)) {
    return `Classify each review as positive, negative or neutral. Return a JSON array of labels in order.\n\n${reviews.map((review, index) => `${index + 1}. ${review.text}`).join('\n')}`;
  }
  const tickets = rng.sample(TICKETS, rng.int(3, 5));
  return `Tag each ticket with one queue (Billing, Technical, Account, Shipping, Other). Format: "<n>: <queue>".\n${tickets.map((ticket, index) => `${index + 1}) ${ticket}`).join('\n')}`;
}

function hard(rng: Rng): string {
  const company = rng.pick(COMPANIES);
  const roll = rng.int(0, 5);
  if (roll === 0) {
    const items = rng.sample(TRICKY_REVIEWS, rng.int(3, 6));
    return `Do aspect-based sentiment for each review below. For each, output {"overall": pos|neg|mixed|neutral, "aspects": [{"aspect": str, "sentiment": pos|neg}], "sarcasm": bool}. Sarcasm must flip literal praise. Return a JSON array, no prose.\n\n${items.map((text, index) => `[${index + 1}] ${text}`).join('\n')}`;
  }
  if (roll === 1) {
    const tickets = rng.sample(TICKETS, rng.int(6, 10));
    return `You are the intake classifier for ${company}. Taxonomy (multi-label allowed, max 2 labels): ${INTENT_TAXONOMY.join(', ')}.\nRules:\n- account.security_incident always takes precedence and forces priority P1.\n- billing.double_charge implies billing.refund; output only the more specific label.\n- Enterprise customers (ticket mentions seats, contract or SLA) get priority one level higher than normal, max P1.\n- Feature requests are P4 unless paired with a bug.\n- If no label fits with confidence >= 0.6, use "other" and explain in "note".\nOutput JSONL: {"n": int, "labels": [...], "priority": "P1".."P4", "confidence": float, "note": str|null}\n\n${tickets.map((ticket, index) => `${index + 1}. ${ticket}`).join('\n')}`;
  }
  if (roll === 2) {
    const item = rng.pick(DOMAIN_ITEMS);
    return `${rng.pick(['Classify by', 'What is the correct', 'Assign the'])} ${item.scheme} for the following, give the code/label, a one-paragraph justification, and the most likely alternative with why you rejected it:\n\n"${item.text}"`;
  }
  if (roll === 3) {
    const items = rng.sample(DOMAIN_ITEMS, 3);
    return `For each case, name the ${'appropriate category under the scheme given in brackets'} and flag any case where the scheme is ambiguous.\n${items.map((item, index) => `${index + 1}. ${item.text} [${item.scheme}]`).join('\n')}`;
  }
  if (roll === 4) {
    const posts = rng.sample([
      'A news outlet quoting a politician\'s threat verbatim in an article about the threat.',
      'A user asking how to safely dispose of old prescription opioids.',
      'A novelist describing a murder in graphic detail in a crime excerpt.',
      'Someone saying "I could kill for a coffee right now".',
      'A post explaining which household chemicals must never be mixed, framed as a safety warning.',
      'A meme mocking a religious group using a slur spelled with numbers.',
      'A therapist-style message telling someone who mentions self-harm to seek help, with a hotline.',
      'A user selling a used hunting rifle with a licence check mentioned.',
    ], rng.int(4, 6));
    return `Apply this moderation policy for ${company}'s forum. Categories: ALLOW, ALLOW_WITH_WARNING, REMOVE, ESCALATE. Violence is REMOVE unless newsworthy or fictional (ALLOW) or idiomatic (ALLOW). Hate speech is REMOVE, including obfuscated slurs. Self-harm mentions are ESCALATE unless the post is offering support resources (ALLOW). Regulated goods sales are REMOVE even if legal. Safety information is ALLOW_WITH_WARNING.\nFor each item give the category and the policy sentence that decided it; where two rules conflict, explain which wins.\n\n${posts.map((post, index) => `${index + 1}. ${post}`).join('\n')}`;
  }
  const review = rng.pick(TRICKY_REVIEWS);
  return `Tricky one. Our sentiment model keeps getting this ${rng.pick(PRODUCTS)} review wrong:\n"${review}"\nWhat is the actual sentiment (toward the product, not the reviewer's mood), what linguistic cue fools a keyword model, and what 3 labelling-guideline rules would make annotators agree on cases like this?`;
}

function build(rng: Rng): Draft {
  const difficulty = pickDifficulty(rng, 0.42, 0.2);
  const prompt = difficulty === 'easy' ? easy(rng) : difficulty === 'medium' ? medium(rng) : hard(rng);
  return { prompt: dress(rng, prompt), label: difficulty === 'hard' ? 1 : 0, difficulty };
}

export const classification: DraftMaker = build;
