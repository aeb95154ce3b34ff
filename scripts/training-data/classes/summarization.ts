// Summaries. Easy: one short paragraph or a short thread, one-sentence or bullet output. Hard:
// transcripts or reports where the summary must track later corrections, attribute decisions to
// owners, keep figures exact, serve two audiences or cite sources. Label policy: short input and
// a single free-form summary -> 0; structured, attributed, correction-aware or multi-audience
// summaries of long inputs -> 1.
import type { Rng } from '../lib/prng.ts';
import type { Draft, DraftMaker } from '../lib/types.ts';
import { pickDifficulty } from '../lib/types.ts';
import { CITIES, COMPANIES, FIRST_NAMES, PRODUCTS } from '../lib/vocab.ts';
import { dress } from '../lib/style.ts';
import { emailThread, transcript } from '../lib/docs.ts';
import { quarterlyReport } from '../lib/docs-contract.ts';

const PARAGRAPHS: readonly ((rng: Rng) => string)[] = [
  (r) => `The city of ${r.pick(CITIES)} will pilot free public transport on weekends starting next month. Officials say the trial, which runs for ${r.int(3, 12)} months, aims to cut car traffic in the centre and help local shops. Critics argue the ${r.int(2, 9)} million budget would be better spent on more frequent weekday services.`,
  (r) => `${r.pick(COMPANIES)} reported that its customer support team resolved ${r.int(70, 95)}% of tickets within 24 hours last quarter, up from ${r.int(50, 69)}%. The improvement followed the introduction of a shared knowledge base and a new triage step. The company plans to extend the same approach to its billing team.`,
  (r) => `A new study of ${r.int(200, 4000)} adults found that people who walked at least ${r.int(5, 9)},000 steps a day reported better sleep quality. The researchers caution that the study was observational, so it cannot show that walking causes better sleep, and they call for a randomised trial.`,
  (r) => `Our ${r.pick(PRODUCTS)} now ships with a longer warranty: ${r.int(2, 5)} years instead of one. Customers who bought in the last ${r.int(30, 90)} days get the extension automatically. No registration is needed, but keep your receipt.`,
  (r) => `Starting ${r.pick(['Monday', 'next week', 'on the 1st'])}, all staff must use the new expense tool. Receipts older than ${r.int(30, 90)} days will not be reimbursed. Training sessions are available every Tuesday, and the old system will be read-only until the end of the quarter.`,
  (r) => `Engineers at ${r.pick(COMPANIES)} reduced the time to deploy a change from ${r.int(40, 90)} minutes to ${r.int(5, 15)} minutes by caching build steps and running tests in parallel. The team says the biggest win came from removing a single slow integration test that rarely caught bugs.`,
  (r) => `Heavy rain caused flooding in parts of ${r.pick(CITIES)} overnight. ${r.int(2, 40)} roads were closed and several schools delayed opening. Emergency services advise residents to avoid driving through standing water, and more rain is expected on ${r.pick(['Thursday', 'Friday', 'the weekend'])}.`,
  (r) => `The library will extend its opening hours to ${r.int(20, 22)}:00 on weekdays during exam season. Study rooms can be booked online up to ${r.int(2, 7)} days ahead, for a maximum of three hours. Quiet zones on the second floor will be strictly enforced.`,
  (r) => `${r.pick(FIRST_NAMES)} presented the results of the user survey: ${r.int(55, 80)}% of respondents found the new navigation easier, but many older users struggled to find settings. The design team will test a simplified settings page with ${r.int(5, 12)} users next sprint.`,
  (r) => `Volcanic ash from an eruption disrupted flights across the region for ${r.int(2, 4)} days. Airlines cancelled about ${r.int(300, 1500)} flights. Aviation authorities say ash can damage jet engines, which is why airspace is closed even when the sky looks clear.`,
  (r) => `A local bakery in ${r.pick(CITIES)} switched to a four-day week for its ${r.int(6, 20)} employees. The owner says sales held steady, staff turnover dropped, and the ovens now run at full capacity on fewer days, saving ${r.int(10, 25)}% on energy.`,
  (r) => `The software update released today fixes a bug that drained the battery of the ${r.pick(PRODUCTS)} app on some phones, adds a dark mode, and removes the old export format. Users who rely on that format should convert their files before updating.`,
];

function easy(rng: Rng): string {
  const text = rng.pick(PARAGRAPHS)(rng);
  return rng.pick([
    `Summarize in one sentence:\n\n${text}`,
    `TL;DR this:\n${text}`,
    `${text}\n\nCan you give me a 2-line summary?`,
    `Summarise the following in under 30 words.\n"""${text}"""`,
    `Give me 3 bullet points summarizing this:\n${text}`,
    `tldr pls\n\n${text}`,
    `Write a headline and a one-sentence summary for: ${text}`,
  ]);
}

function medium(rng: Rng): string {
  const thread = emailThread(rng, rng.int(2, 4));
  return `${rng.pick(['Summarize this email thread in 3 bullets.', 'What\'s this thread about? Short summary please.', 'Give me a quick recap of this conversation.'])}\n\n${thread.text}`;
}

function hard(rng: Rng): string {
  const roll = rng.int(0, 5);
  if (roll <= 1) {
    const meeting = transcript(rng);
    return `${rng.pick(['You are a meeting-notes assistant.', 'Act as a chief of staff writing minutes.', ''])} Turn this transcript into minutes with these sections: Decisions (final state only — later statements override earlier ones), Action items (owner, due date if stated, else "unspecified"), Open questions, Disagreements that were not resolved. Every item must cite the timestamp(s) it came from. Max ${rng.int(150, 250)} words.\n\n${meeting.text}`;
  }
  if (roll === 2) {
    const thread = emailThread(rng, rng.int(5, 6));
    return `Summarize this thread for the VP who has not read it. Requirements: (1) first line = the final decision or "no decision yet"; (2) list every number that changed during the thread with its old and new value; (3) flag anything still blocked; (4) no more than ${rng.int(90, 140)} words; (5) do not mention anyone who only made filler comments.\n\n${thread.text}`;
  }
  if (roll === 3) {
    const report = quarterlyReport(rng);
    return `Write two summaries of the report below: (a) for the board — 5 bullets, every figure exact and with units, call out the footnote adjustment; (b) for frontline staff — 80 words, no figures except delivery time, encouraging but honest about risks. Then list any figure you could not verify from the text.\n\n${report.text}`;
  }
  if (roll === 4) {
    const first = emailThread(rng, 4);
    const meeting = transcript(rng);
    return `I have two sources about ongoing work. Produce a combined status summary (max 200 words) that separates the two topics, highlights where either source contradicts itself, and ends with the three most urgent next steps across both, ranked, each with an owner.\n\nSOURCE 1 (email):\n${first.text}\n\nSOURCE 2 (meeting):\n${meeting.text}`;
  }
  const meeting = transcript(rng);
  return `Progressive summary: give (1) a one-sentence summary, (2) a one-paragraph summary, (3) a bullet summary per speaker of what each one committed to. The three levels must be consistent with each other and with the final state of the discussion.\n\n${meeting.text}`;
}

function build(rng: Rng): Draft {
  const difficulty = pickDifficulty(rng, 0.42, 0.18);
  const prompt = difficulty === 'easy' ? easy(rng) : difficulty === 'medium' ? medium(rng) : hard(rng);
  return { prompt: dress(rng, prompt, { typo: 0.04 }), label: difficulty === 'hard' ? 1 : 0, difficulty };
}

export const summarization: DraftMaker = build;
