// Surface variation: greetings, sign-offs, personas and the occasional typo. Applied after a class
// builds its prompt so the register varies independently of the difficulty (a router must not
// learn "polite means easy").
import type { Rng } from './prng.ts';

const OPENERS = [
  'hey, ', 'Hi! ', 'Quick question: ', 'Hello, ', 'pls help - ', 'Good morning. ', 'Hi team, ',
  'Need a hand with this. ', 'ok so ', 'Hey there! ', 'Sorry if this is basic: ', 'Urgent: ',
] as const;

const CLOSERS = [
  ' Thanks!', ' thx', ' Thank you in advance.', ' Cheers.', ' Be concise.', ' Keep it brief please.',
  ' Appreciate it!', ' ty', ' (need this for a meeting in 10 min)', ' Much appreciated.',
] as const;

/** Swaps two adjacent letters or drops one, as a hurried typist would. */
function typoWord(rng: Rng, word: string): string {
  const position = rng.int(1, word.length - 2);
  if (rng.chance(0.5)) return word.slice(0, position) + word.charAt(position + 1) + word.charAt(position) + word.slice(position + 2);
  return word.slice(0, position) + word.slice(position + 1);
}

/** Adds one or two typos to plain prose words; prompts with code or JSON are left untouched. */
export function addTypos(rng: Rng, text: string): string {
  if (/```|[{}<>]/.test(text)) return text;
  const words = text.split(' ');
  const candidates = words.map((word, index) => ({ word, index })).filter((entry) => /^[a-z]{5,}$/.test(entry.word));
  for (const target of rng.sample(candidates, rng.int(1, 2))) words[target.index] = typoWord(rng, target.word);
  return words.join(' ');
}

export interface DressOptions {
  /** Probability of a greeting in front (default 0.15). */
  opener?: number;
  /** Probability of a sign-off (default 0.12). */
  closer?: number;
  /** Probability of typos (default 0.07). */
  typo?: number;
}

/** Applies register variation; the semantics of the request never change. */
export function dress(rng: Rng, prompt: string, options: DressOptions = {}): string {
  let text = prompt;
  if (rng.chance(options.typo ?? 0.07)) text = addTypos(rng, text);
  if (rng.chance(options.opener ?? 0.15)) {
    const opener = rng.pick(OPENERS);
    text = opener + (opener.endsWith(': ') || opener.endsWith('- ') ? text : text.charAt(0).toUpperCase() + text.slice(1));
  }
  // Multi-line prompts get the sign-off on its own line so it never reads as part of quoted data.
  if (rng.chance(options.closer ?? 0.12)) text += text.includes('\n') ? '\n' + rng.pick(CLOSERS).trimStart() : rng.pick(CLOSERS);
  return text;
}

/** Lower-cases and drops the final period: the terse developer register. */
export function terse(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1).replace(/\.$/, '');
}

/** Replaces {slot} markers; a missing slot is a generator bug, so it throws. */
export function fill(template: string, slots: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_match, key: string) => {
    const value = slots[key];
    if (value === undefined) throw new RangeError(`template slot {${key}} has no value`);
    return String(value);
  });
}
