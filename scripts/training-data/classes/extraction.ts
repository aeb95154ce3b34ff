// Pulling structured fields out of text. Easy: one field from one sentence, or a handful of
// labelled fields. Hard: messy multi-paragraph records with corrections, relative dates, several
// entities and a nested JSON schema to fill. Label policy: <=5 flat fields stated explicitly -> 0;
// nested/array schemas, normalisation (ISO dates, currencies), corrections that override earlier
// values, relative dates or null-handling across a long record -> 1.
import type { Rng } from '../lib/prng.ts';
import type { Draft, DraftMaker } from '../lib/types.ts';
import { pickDifficulty } from '../lib/types.ts';
import { FIRST_NAMES, SURNAMES, COMPANIES, CITIES, PRODUCTS, MONTHS, WEEKDAYS } from '../lib/vocab.ts';
import { dress } from '../lib/style.ts';
import { messyRecord } from './extraction-records.ts';

function person(rng: Rng): string {
  return `${rng.pick(FIRST_NAMES)} ${rng.pick(SURNAMES)}`;
}

function easy(rng: Rng): string {
  const name = person(rng);
  const date = `${rng.pick(MONTHS)} ${rng.int(1, 28)}, ${rng.int(2023, 2025)}`;
  const email = `${name.split(' ')[0]?.toLowerCase()}.${rng.pick(SURNAMES).toLowerCase()}@${rng.pick(['example.com', 'mail.test', 'corp.example'])}`;
  const sentences = [
    { text: `The kickoff meeting with ${rng.pick(COMPANIES)} is scheduled for ${date}.`, field: 'the date' },
    { text: `Please contact ${name} at ${email} for access.`, field: 'the email address' },
    { text: `Your order ${rng.pick(['#', 'No. ', 'ORD-'])}${rng.int(10000, 99999)} has shipped to ${rng.pick(CITIES)}.`, field: 'the order number' },
    { text: `Call me back on +1 ${rng.int(200, 989)}-${rng.int(200, 989)}-${rng.int(1000, 9999)} after 5pm. - ${name}`, field: 'the phone number' },
    { text: `Total due: $${rng.int(10, 900)}.${rng.int(10, 99)} (incl. tax) for the ${rng.pick(PRODUCTS)}.`, field: 'the total amount' },
    { text: `${name} joined ${rng.pick(COMPANIES)} as ${rng.pick(['a data analyst', 'head of sales', 'a nurse', 'an intern', 'CFO'])} last spring.`, field: 'the person\'s name and job title' },
    { text: `Flight ${rng.pick(['KL', 'BA', 'LH', 'DL', 'QF'])}${rng.int(100, 999)} to ${rng.pick(CITIES)} departs from gate ${rng.pick(['A', 'B', 'C', 'D'])}${rng.int(1, 40)}.`, field: 'the flight number and gate' },
    { text: `The ${rng.pick(PRODUCTS)} weighs ${rng.int(1, 20)}.${rng.int(1, 9)} kg and ships in ${rng.int(2, 10)} business days.`, field: 'the weight' },
  ];
  const pick = rng.pick(sentences);
  const asks = [
    `Extract ${pick.field} from this sentence: "${pick.text}"`,
    `${pick.text}\n\nWhat is ${pick.field}? Reply with just the value.`,
    `get ${pick.field} out of: ${pick.text}`,
    `From the text below, return ${pick.field} as JSON {"value": ...}.\n${pick.text}`,
  ];
  return rng.pick(asks);
}

function medium(rng: Rng): string {
  const name = person(rng);
  const company = rng.pick(COMPANIES);
  const day = rng.pick(WEEKDAYS);
  const text = `Hi,\n\nThis is ${name} from ${company}. We'd like to book the ${rng.pick(['Orchid', 'Summit', 'Harbour', 'Atrium'])} room for ${rng.int(8, 40)} people on ${day} ${rng.int(1, 28)} ${rng.pick(MONTHS)} from ${rng.int(9, 14)}:00 to ${rng.int(15, 18)}:00. Budget is around ${rng.int(1, 9)},${rng.int(100, 999)} EUR. My number is ${rng.int(600, 699)} ${rng.int(100, 999)} ${rng.int(100, 999)}.\n\nThanks,\n${name.split(' ')[0]}`;
  return `${rng.pick(['Extract these fields as JSON: contact_name, company, headcount, date, budget.', 'Pull out name, company, number of attendees, date and budget. JSON please.', 'Fill this form from the email: Name / Company / Attendees / Date / Budget / Phone'])}\n\n${text}`;
}

function build(rng: Rng): Draft {
  const difficulty = pickDifficulty(rng, 0.4, 0.2);
  const prompt = difficulty === 'easy' ? easy(rng) : difficulty === 'medium' ? medium(rng) : messyRecord(rng);
  return { prompt: dress(rng, prompt), label: difficulty === 'hard' ? 1 : 0, difficulty };
}

export const extraction: DraftMaker = build;
