// Long inputs (roughly 500-1,500 words): contracts, service logs, email threads, transcripts and
// reports, alone or bundled. Easy: find one stated value. Hard: combine facts spread across the
// document(s), respect overrides and exceptions, compute from scattered numbers, or reconcile
// sources. Label policy: single lookup of an explicitly stated value -> 0 even if the input is
// long; multi-hop synthesis, reconciliation, computation over the document or exhaustive listing
// with citations -> 1.
import type { Rng } from '../lib/prng.ts';
import type { Draft, DraftMaker } from '../lib/types.ts';
import { pickDifficulty } from '../lib/types.ts';
import { dress } from '../lib/style.ts';
import { emailThread, serviceLog, transcript } from '../lib/docs.ts';
import { contract, quarterlyReport } from '../lib/docs-contract.ts';

function easy(rng: Rng): string {
  const roll = rng.int(0, 3);
  if (roll === 0) {
    const doc = contract(rng, rng.int(9, 14));
    const ask = rng.pick(['What is the governing law?', 'How many days\' notice is needed to stop auto-renewal?', 'Within how many days must invoices be paid?', 'What is the breach notification deadline in hours?', 'How long does the confidentiality obligation last?', 'What is the cure period for a material breach?']);
    return `${doc.text}\n\n${ask} If the contract does not say, reply "not stated".`;
  }
  if (roll === 1) {
    const log = serviceLog(rng, rng.int(60, 150));
    return `${rng.pick(['Here are the logs from last night.', 'Logs below.', 'Pasting the raw log:'])}\n\n\`\`\`\n${log.text}\n\`\`\`\n\n${rng.pick(['What time was the first ERROR line?', 'Which service logged the first OOMKilled message, if any?', 'What is the trace id of the last line?', 'How many distinct services appear? Just list them.'])}`;
  }
  if (roll === 2) {
    const thread = emailThread(rng, 6);
    return `${thread.text}\n\n${rng.pick(['Who sent the second email?', 'What is the subject of this thread?', 'Who is asked to draft or own the next step at the end?', 'What day were these emails sent?'])}`;
  }
  const report = quarterlyReport(rng);
  return `${report.text}\n\n${rng.pick(['What was the headcount at the end of the quarter?', 'What is the revenue guidance for next quarter?', 'Which city were the warehouses consolidated into?', 'What was the gross margin?'])}`;
}

function medium(rng: Rng): string {
  const doc = contract(rng, rng.int(10, 14));
  return `${doc.text}\n\nAnswer both, quoting the clause number: (1) how long does the initial term last, and (2) what happens to the customer's data after termination? Say "not stated" for anything missing.`;
}

function hard(rng: Rng): string {
  const roll = rng.int(0, 6);
  if (roll === 0) {
    const doc = contract(rng, 16);
    return `You are reviewing this agreement for ${doc.customer}.\n\n${doc.text}\n\nTasks:\n1. List every obligation of the Supplier that has a deadline, as a table: obligation | deadline | trigger event | clause.\n2. Identify every place where one clause carves out or overrides another, and explain the combined effect.\n3. Scenario: a data breach caused by a subcontractor goes unreported for 5 days and causes third-party claims. Walk through which clauses apply, whether the liability cap bites, and what ${doc.customer} can do. Cite clause numbers for every statement.`;
  }
  if (roll === 1) {
    const log = serviceLog(rng, rng.int(130, 190));
    return `Incident review. Using only the log below:\n(a) determine the start and end of the incident window (first and last ERROR in the dense cluster, ignoring isolated errors),\n(b) compute its duration, the number of ERROR and WARN lines inside it, and the error rate per minute,\n(c) identify the most likely originating service and the causal chain, citing trace ids,\n(d) say what evidence is missing to confirm root cause.\n\n\`\`\`log\n${log.text}\n\`\`\``;
  }
  if (roll === 2) {
    const thread = emailThread(rng, 6);
    const meeting = transcript(rng);
    return `Two sources below may disagree. Build a reconciled timeline of decisions across BOTH, mark each entry with its source (email sender/time or transcript timestamp), and list every conflict where a later source changes an earlier figure, with which value should be treated as current and why.\n\n=== EMAIL THREAD ===\n${thread.text}\n\n=== MEETING TRANSCRIPT ===\n${meeting.text}`;
  }
  if (roll === 3) {
    const report = quarterlyReport(rng);
    const thread = emailThread(rng, 5);
    return `${report.text}\n\n=== Related email thread ===\n${thread.text}\n\nQuestion from the CFO: compute total revenue and the quarter-over-quarter change across all regions from the table, then recompute it excluding the one-off deal in footnote 3. Which region's growth changes sign after the adjustment, if any? Finally, does anything in the email thread affect next quarter's cost outlook? Show calculations and cite the section.`;
  }
  if (roll === 4) {
    const docs = [contract(rng, 8), contract(rng, 8)];
    return `Compare these two supplier agreements for our procurement team. Produce a clause-by-clause comparison table for every topic that appears in either (mark "absent" where one lacks it), then recommend which is more favourable to the Customer on (i) liability, (ii) data protection, (iii) exit, with reasoning that cites clause numbers from each.\n\n=== AGREEMENT A ===\n${docs[0]?.text}\n\n=== AGREEMENT B ===\n${docs[1]?.text}`;
  }
  if (roll === 5) {
    const meetings = [transcript(rng), transcript(rng)];
    return `These are transcripts from two different meetings the same week. For each person who appears in either, list their commitments, whether any commitment conflicts with another (time, owner or budget), and what they are blocked on. Output JSON: {"people": [{"name", "commitments": [{"what", "source", "timestamp"}], "conflicts": [...], "blocked_on": [...]}]}.\n\nMEETING 1\n${meetings[0]?.text}\n\nMEETING 2\n${meetings[1]?.text}`;
  }
  const log = serviceLog(rng, rng.int(90, 140));
  const thread = emailThread(rng, 6);
  return `Our status page claimed "no customer impact". Check that claim against the log and the internal thread below. For each claim in the thread about timing or scale, say whether the log supports, contradicts or cannot verify it, quoting the relevant lines.\n\nLOG:\n\`\`\`\n${log.text}\n\`\`\`\n\nTHREAD:\n${thread.text}`;
}

function build(rng: Rng): Draft {
  const difficulty = pickDifficulty(rng, 0.38, 0.2);
  const prompt = difficulty === 'easy' ? easy(rng) : difficulty === 'medium' ? medium(rng) : hard(rng);
  return { prompt: dress(rng, prompt, { typo: 0, opener: 0.08 }), label: difficulty === 'hard' ? 1 : 0, difficulty };
}

export const longContextSynthesis: DraftMaker = build;
