// Creative writing and role-play. Easy: short free-form pieces (haiku, tagline, limerick,
// birthday note). Hard: strict forms (villanelle, sestina, acrostic sonnet), structural
// constraints (reverse chronology, alphabet sentences), sustained subtext, multi-POV consistency
// or long pieces with specified beats. Label policy: short piece with loose constraints -> 0;
// several verifiable formal constraints or long-range narrative consistency -> 1.
import type { Rng } from '../lib/prng.ts';
import type { Draft, DraftMaker } from '../lib/types.ts';
import { pickDifficulty } from '../lib/types.ts';
import { CITIES, COMPANIES, FIRST_NAMES, PRODUCTS } from '../lib/vocab.ts';
import { dress } from '../lib/style.ts';

const SUBJECTS = ['autumn rain', 'a lighthouse keeper', 'the first day of school', 'a lost umbrella', 'morning coffee', 'an old dog', 'the night shift at a hospital', 'a city after a snowstorm', 'moving house', 'a broken phone screen', 'the last bus home', 'a grandmother\'s recipe', 'a chess match', 'a server outage at 3am', 'a garden in spring', 'the sea at dusk', 'a retired astronaut', 'a market in ' + 'the rain'] as const;
const TONES = ['funny', 'melancholic', 'hopeful', 'eerie', 'whimsical', 'bittersweet', 'tense', 'warm'] as const;

const EASY: readonly ((rng: Rng, subject: string) => string)[] = [
  (_r, s) => `Write a haiku about ${s}.`,
  (r, s) => `Write a short ${r.pick(TONES)} poem about ${s}.`,
  (r) => `Give me 5 taglines for ${r.pick(COMPANIES)}'s new ${r.pick(PRODUCTS)}.`,
  (r) => `Write a birthday message for my coworker ${r.pick(FIRST_NAMES)}, friendly but not too personal.`,
  (_r, s) => `limerick about ${s} pls`,
  (r) => `Write a 50-word product description for a ${r.pick(PRODUCTS)}.`,
  (r, s) => `Write a ${r.int(3, 6)}-sentence story about ${s}.`,
  (r) => `Suggest 10 names for a ${r.pick(['coffee shop', 'podcast about history', 'fantasy football team', 'bakery', 'board game', 'cat'])}.`,
  (r) => `Write a toast for my ${r.pick(['sister\'s wedding', 'dad\'s retirement', 'best friend\'s 30th', 'team\'s product launch'])}, about 1 minute long.`,
  (_r, s) => `A short ${'four-line'} rhyming verse for a greeting card about ${s}.`,
  (r) => `Write an out-of-office reply that's a bit playful. I'm in ${r.pick(CITIES)} until the ${r.int(10, 28)}th.`,
  (_r, s) => `Describe ${s} in one vivid paragraph.`,
  (r) => `Write a fun Instagram caption for a photo of ${r.pick(['our team hike', 'my homemade pizza', 'a sunset in ' + r.pick(CITIES), 'our office dog'])}.`,
  (_r, s) => `Write a children's bedtime story (about 150 words) about ${s}.`,
];

const HARD: readonly ((rng: Rng, subject: string) => string)[] = [
  (_r, s) => `Write a villanelle about ${s}. Strict form: 19 lines, five tercets and a quatrain, two refrains (A1 and A2) repeated in the exact positions, rhyme scheme ABA throughout and ABAA at the end. Label the refrains after the poem.`,
  (r, s) => `Write a Petrarchan sonnet about ${s} whose first letters of each line spell ${r.pick(['REMEMBER THE SEA', 'LIGHT AND STONE', 'NOTHING IS LOST'])} (ignore spaces), with the volta at line 9 and no line over 11 syllables.`,
  (r, s) => `Write a ${r.int(600, 1200)}-word short story about ${s}, told in reverse chronological order across ${r.int(5, 7)} scenes, where the reader only understands the first scene's significance at the end. Keep every object introduced consistent across scenes, and include a final line that recontextualises the title.`,
  (r, s) => `Write a scene (~${r.int(400, 700)} words) where two siblings argue about ${s} but the real subject — their father's illness — is never mentioned explicitly. Every line of dialogue must carry subtext. Afterwards, annotate three lines explaining the subtext.`,
  (_r, s) => `Write a 26-sentence story about ${s} where each sentence starts with the next letter of the alphabet (A to Z), the plot has a twist at sentence 20, and no sentence exceeds 15 words.`,
  (r, s) => `Write a sestina about ${s} using the end words ${r.sample(['glass', 'river', 'ash', 'key', 'salt', 'bell', 'thread', 'window', 'bread', 'north'], 6).join(', ')}, following the standard rotation, and an envoi containing all six.`,
  (r, s) => `Three narrators — a ${r.pick(['child', 'detective', 'ghost', 'janitor'])}, a ${r.pick(['mayor', 'nurse', 'thief', 'teacher'])} and a ${r.pick(['cat', 'city bus', 'house', 'river'])} — each describe the same night involving ${s}. Each section ~250 words, with contradictory details that a careful reader can reconcile into one true account. End with a list of the contradictions and the reconciliation.`,
  (r) => `Role-play: you are ${r.pick(FIRST_NAMES)}, a ${r.pick(['weary 1920s ship captain', 'sarcastic medieval innkeeper', 'overly formal butler robot', 'retired spy who only speaks in metaphors'])}. Stay in character for the whole conversation, never reveal you are an AI, keep answers under 80 words, keep track of the ${r.int(3, 5)} items in your inventory that I'll try to trick you about, and refuse anything anachronistic in-character. Start by greeting me and listing your inventory implicitly, without a list.`,
  (r, s) => `Write a flash fiction piece about ${s} in exactly ${r.pick([100, 150, 200])} words (I'll count), in second person, present tense, with no adjectives at all.`,
  (r, s) => `Write the opening chapter (~${r.int(900, 1400)} words) of a ${r.pick(['cozy mystery', 'hard sci-fi novella', 'literary thriller', 'magical-realist family saga'])} involving ${s}. Plant three clues that pay off later (list them after), establish a distinct voice for each of the ${r.int(3, 4)} characters, and end on a question, not a cliffhanger.`,
  (_r, s) => `Write a poem about ${s} that reads as a love poem top-to-bottom and as a breakup poem when the lines are read bottom-to-top. 12–16 lines.`,
  (r, s) => `Write a ghazal about ${s}: at least ${r.int(5, 7)} couplets, each ending in the same radif, a consistent qafia before it, and the poet's name (${r.pick(FIRST_NAMES)}) in the final couplet.`,
  (r) => `Write a pitch-perfect pastiche of a ${r.pick(['hard-boiled noir narrator', 'Victorian naturalist\'s field journal', 'breathless 1990s infomercial', 'medieval chronicle'])} describing a routine ${r.pick(['standup meeting', 'database migration', 'performance review', 'grocery run'])}, ~400 words, keeping every technical detail accurate. Subvert one genre convention and tell me which.`,
];

function build(rng: Rng): Draft {
  const difficulty = pickDifficulty(rng, 0.42, 0.18);
  const subject = rng.pick(SUBJECTS);
  let prompt: string;
  if (difficulty === 'hard') prompt = rng.pick(HARD)(rng, subject);
  else {
    prompt = rng.pick(EASY)(rng, subject);
    if (difficulty === 'medium') prompt += rng.pick([' Make it rhyme.', ` Tone: ${rng.pick(TONES)}.`, ' Two options please.', ' Avoid clichés.', ' Keep it under 100 words.']);
  }
  return { prompt: dress(rng, prompt), label: difficulty === 'hard' ? 1 : 0, difficulty };
}

export const creativeWriting: DraftMaker = build;
