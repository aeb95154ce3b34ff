// Contract clauses and a quarterly business report, for long-context prompts. Clause numbers and
// amounts vary per document so questions have to be answered from the text, not memory.
import type { Rng } from './prng.ts';
import { COMPANIES, CITIES, PRODUCTS } from './vocab.ts';

const CLAUSES: readonly ((rng: Rng, supplier: string, customer: string) => string)[] = [
  (r) => `Term. This Agreement starts on the Effective Date and continues for ${r.int(12, 48)} months ("Initial Term"). It renews automatically for successive ${r.int(6, 24)}-month periods unless either party gives at least ${r.int(30, 120)} days' written notice before the end of the then-current term.`,
  (r, s) => `Fees. Customer shall pay ${s} the fees in Schedule ${r.pick(['A', 'B', 'C'])} within ${r.int(14, 60)} days of invoice. Late amounts bear interest at ${r.int(1, 2)}.${r.int(0, 9)}% per month. ${s} may increase fees once per year by no more than the lower of ${r.int(3, 7)}% and CPI.`,
  (r, s, c) => `Service Levels. ${s} shall make the Service available ${r.pick(['99.5', '99.9', '99.95'])}% of each calendar month. If it fails, ${c} receives a credit of ${r.int(5, 15)}% of the monthly fee per ${r.pick(['0.1', '0.5', '1'])} percentage point below target, capped at ${r.int(20, 50)}% of that month's fee.`,
  (r, s) => `Confidentiality. Each party shall keep the other's Confidential Information secret for ${r.int(2, 7)} years after termination, except information that is public, independently developed, or required to be disclosed by law, in which case the disclosing party shall give prompt notice where lawful. ${s}'s source code remains confidential indefinitely.`,
  (r, s, c) => `Data Protection. ${s} processes Personal Data only on ${c}'s documented instructions, notifies ${c} of a Personal Data Breach within ${r.int(24, 72)} hours of becoming aware, and may appoint sub-processors only after ${r.int(10, 30)} days' notice, during which ${c} may object on reasonable grounds.`,
  (r, s, c) => `Limitation of Liability. Except for breach of confidentiality, indemnities and wilful misconduct, each party's total liability in any ${r.int(12, 24)}-month period is capped at ${r.pick(['100%', '150%', '200%'])} of the fees paid or payable by ${c} in the ${r.int(6, 12)} months before the claim. Neither party is liable for indirect or consequential loss, including lost profits.`,
  (r, s, c) => `Indemnity. ${s} shall defend ${c} against third-party claims that the Service infringes intellectual property rights, provided ${c} notifies ${s} within ${r.int(10, 30)} days, gives ${s} sole control of the defence, and does not admit liability.`,
  (r, s, c) => `Termination for Cause. Either party may terminate if the other materially breaches and fails to cure within ${r.int(15, 45)} days of notice. ${c} may also terminate on ${r.int(30, 90)} days' notice if ${s} undergoes a change of control to a competitor of ${c}.`,
  (r, s, c) => `Effect of Termination. On termination ${s} shall make ${c}'s data available for export for ${r.int(15, 90)} days and then delete it within a further ${r.int(15, 60)} days, except copies kept in backups, which are deleted in the ordinary backup cycle (no longer than ${r.int(60, 180)} days).`,
  (r) => `Force Majeure. Neither party is liable for delay caused by events beyond its reasonable control. If such an event lasts more than ${r.int(30, 120)} days, either party may terminate the affected order on written notice. Payment obligations are not excused.`,
  (r, s) => `Subcontracting. ${s} may subcontract obligations but remains responsible for its subcontractors. Subcontractors located outside ${r.pick(['the EEA', 'the UK', 'the United States', 'Canada'])} require prior written approval.`,
  (r, s, c) => `Audit. Once per year, on ${r.int(15, 45)} days' notice, ${c} may audit ${s}'s compliance with the Data Protection clause. Audits are at ${c}'s cost unless they reveal a material breach, in which case ${s} reimburses reasonable audit costs.`,
  (r) => `Governing Law. This Agreement is governed by the laws of ${r.pick(['England and Wales', 'the State of New York', 'Ontario', 'Ireland', 'Singapore'])}. Disputes go first to executive negotiation for ${r.int(10, 30)} days, then to ${r.pick(['arbitration', 'the courts'])} in ${r.pick(CITIES)}.`,
  (r) => `Non-Solicitation. During the term and for ${r.int(6, 18)} months after, neither party shall solicit for employment any employee of the other who worked on the Services, except through general job advertisements. Breach triggers a fee of ${r.int(20, 50)}% of that employee's annual salary.`,
  (r, s, c) => `Assignment. Neither party may assign this Agreement without consent, except ${s} may assign to an affiliate or a successor of its business, provided it notifies ${c} within ${r.int(10, 30)} days.`,
  (r) => `Notices. Notices must be in writing and sent by courier or to the email addresses in Schedule ${r.pick(['D', 'E'])}. Email notices of breach or termination are effective only if confirmed by courier within ${r.int(3, 10)} business days.`,
];

export function contract(rng: Rng, clauseCount: number): { text: string; supplier: string; customer: string } {
  const [supplier, customer] = rng.sample(COMPANIES, 2) as [string, string];
  const chosen = rng.sample(CLAUSES, clauseCount);
  const body = chosen.map((clause, index) => `${index + 1}. ${clause(rng, supplier, customer)}`).join('\n\n');
  return { text: `MASTER SERVICES AGREEMENT between ${supplier} ("Supplier") and ${customer} ("Customer")\n\n${body}`, supplier, customer };
}

const REGIONS = ['North America', 'EMEA', 'APAC', 'LATAM'] as const;

/** A quarterly report with a table, narrative and a footnote that restates one number. */
export function quarterlyReport(rng: Rng): { text: string; company: string } {
  const company = rng.pick(COMPANIES);
  const rows = REGIONS.map((region) => {
    const revenue = rng.int(8, 60);
    const prior = revenue + rng.int(-8, 8);
    return `| ${region} | ${revenue}.${rng.int(0, 9)} | ${prior}.${rng.int(0, 9)} | ${rng.int(1, 9)}.${rng.int(0, 9)}% | ${rng.int(50, 400)} |`;
  });
  const product = rng.pick(PRODUCTS);
  const text = `${company} — Q${rng.int(1, 4)} business review (internal)\n\n## Summary\nRevenue came in ${rng.pick(['slightly above', 'below', 'in line with'])} plan. The ${product} category grew fastest, while ${rng.pick(REGIONS)} was affected by a distributor change. Gross margin was ${rng.int(38, 62)}%, ${rng.pick(['up', 'down'])} ${rng.int(1, 4)} points, mainly from freight costs.\n\n## Regional table (USD millions)\n| Region | Revenue | Prior quarter | Churn | New customers |\n|---|---|---|---|---|\n${rows.join('\n')}\n\n## Operations\nHeadcount ended at ${rng.int(300, 1400)}. Two warehouse sites were consolidated into one in ${rng.pick(CITIES)}; one-off costs of $${rng.int(1, 6)}.${rng.int(0, 9)}M are excluded from adjusted figures. Average delivery time improved from ${rng.int(4, 7)}.${rng.int(0, 9)} to ${rng.int(2, 4)}.${rng.int(0, 9)} days.\n\n## Risks\n- Currency: ${rng.int(20, 45)}% of revenue is non-USD.\n- Concentration: the top ${rng.int(3, 10)} customers are ${rng.int(15, 40)}% of revenue.\n- A pending regulatory review in ${rng.pick(CITIES)} could delay the next launch.\n\n## Outlook\nGuidance for next quarter is revenue of $${rng.int(80, 200)}M–$${rng.int(201, 260)}M.\n\nFootnote 3: the ${rng.pick(REGIONS)} revenue figure above includes a $${rng.int(1, 4)}.${rng.int(0, 9)}M one-off licence deal that will not recur; restated recurring revenue is shown in the appendix (not attached).`;
  return { text, company };
}
