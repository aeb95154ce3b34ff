// Builders for messy multi-paragraph records (hard extraction). Each mixes the facts with noise,
// later corrections and relative dates, then asks for a nested schema.
import type { Rng } from '../lib/prng.ts';
import { FIRST_NAMES, SURNAMES, COMPANIES, CITIES, PRODUCTS, MONTHS, WEEKDAYS } from '../lib/vocab.ts';

const person = (rng: Rng): string => `${rng.pick(FIRST_NAMES)} ${rng.pick(SURNAMES)}`;
const money = (rng: Rng, low: number, high: number): string => `${rng.int(low, high)}.${rng.int(10, 99)}`;

function claimRecord(rng: Rng): string {
  const insured = person(rng);
  const witness = person(rng);
  const month = rng.pick(MONTHS);
  return `Claim notes (copied from 3 systems, sorry for the mess)\n\n--- call log ---\nInsured ${insured} (policy ${rng.pick(['HM', 'AU', 'TR'])}-${rng.int(100000, 999999)}) rang on ${rng.pick(WEEKDAYS)} re: water damage at ${rng.int(2, 200)} ${rng.pick(['Elm', 'Station', 'Quarry', 'Mill'])} Road, ${rng.pick(CITIES)}. Says pipe burst "sometime Thursday night", noticed Friday morning ${month} ${rng.int(3, 26)}. Damaged: kitchen floor, ${rng.pick(PRODUCTS)}, two rugs. Estimate from plumber £${money(rng, 200, 900)}; flooring quote £${rng.int(1, 4)},${rng.int(100, 999)}.\n\n--- adjuster email ---\nVisited site. Neighbour ${witness} confirms water coming under the shared wall. NOTE correction: the flooring quote was revised to £${rng.int(1, 4)},${rng.int(100, 999)} after they measured again. The ${'rugs'} are excluded (wear and tear, see policy s.4.2). Excess on this policy is £${rng.pick([100, 250, 500])}.\n\n--- system ---\nstatus=OPEN; prior_claims=${rng.int(0, 3)}; fraud_score=${rng.int(1, 99)}/100; created_by=batch_import\n\nExtract into this JSON schema. Use the CORRECTED values, ISO 8601 dates (assume the year is ${rng.int(2023, 2025)}), null when unknown, and amounts as numbers in GBP:\n{\n  "policy_number": string,\n  "insured": {"name": string, "address": {"line1": string, "city": string}},\n  "incident": {"type": string, "date_of_loss": string|null, "date_discovered": string},\n  "items": [{"description": string, "claimed_amount": number|null, "covered": boolean, "exclusion_reason": string|null}],\n  "witnesses": [{"name": string, "statement_summary": string}],\n  "excess": number,\n  "net_payable_estimate": number\n}`;
}

function clinicalRecord(rng: Rng): string {
  const patient = person(rng);
  const doctor = person(rng);
  return `ED note - ${patient}, ${rng.int(19, 88)}y ${rng.pick(['M', 'F'])}\nPMH: T2DM (on metformin ${rng.pick([500, 850, 1000])}mg BD), HTN, ?asthma as child. Allergies: penicillin (rash), ${rng.pick(['NKDA otherwise', 'latex - anaphylaxis', 'shellfish - hives'])}.\nHPC: ${rng.int(2, 5)}/7 hx productive cough, fever 38.${rng.int(1, 9)} this AM, SOB on exertion. Wife says he "hasn't been taking the BP pills since last month".\nMeds on arrival: metformin, amlodipine ${rng.pick([5, 10])}mg OD (non-adherent), salbutamol PRN.\nObs: HR ${rng.int(88, 124)}, BP ${rng.int(140, 175)}/${rng.int(85, 105)}, SpO2 ${rng.int(89, 95)}% RA, RR ${rng.int(20, 28)}.\nPlan: CXR, bloods, start ${rng.pick(['doxycycline 100mg BD', 'clarithromycin 500mg BD'])} (pen allergic), review in 48h by ${doctor}. Correction 14:20 - SpO2 recheck ${rng.int(93, 97)}% after repositioning; sats on arrival likely artefact.\n\nReturn ONLY valid JSON with: patient {name, age, sex}, conditions [{name, status: "confirmed"|"suspected"}], allergies [{substance, reaction, severity: "mild"|"severe"|null}], medications [{name, dose_mg, frequency, adherent: bool|null}], vitals {hr, bp_systolic, bp_diastolic, spo2 (use the corrected value), rr}, plan [{action, owner|null, due_in_hours|null}]. Do not infer diagnoses that are not written.`;
}

function shipmentRecord(rng: Rng): string {
  const sender = rng.pick(COMPANIES);
  const lines = Array.from({ length: rng.int(4, 7) }, () => `  - ${rng.int(1, 40)} x ${rng.pick(PRODUCTS)} @ ${rng.pick(['USD', 'EUR'])} ${money(rng, 10, 400)} (HS ${rng.int(8400, 9500)}.${rng.int(10, 99)})`);
  return `FW: FW: RE: shipment ${rng.int(1000, 9999)} - docs\n\n> From: ${person(rng)} <ops@${sender.toLowerCase().replace(/[^a-z]/g, '')}.example>\n> Sent: ${rng.pick(WEEKDAYS)}\n> Pls find manifest below. Container ${rng.pick(['MSKU', 'TGHU', 'CMAU'])}${rng.int(1000000, 9999999)}, ETD ${rng.pick(MONTHS)} ${rng.int(1, 28)} from ${rng.pick(CITIES)}, ETA "about 3 weeks later".\n${lines.join('\n')}\n> Incoterms: ${rng.pick(['FOB', 'CIF', 'DAP', 'EXW'])}. Consignee: ${rng.pick(COMPANIES)}, attn ${person(rng)}.\n\nUpdate from carrier: line 2 was short-shipped by ${rng.int(1, 5)} units and the ETD slipped ${rng.int(2, 6)} days. Also the EUR lines were invoiced in USD at 1.${rng.int(5, 12)} by mistake.\n\nTask: produce JSON {"container_id", "etd" (ISO, year ${rng.int(2024, 2025)}, apply the slip), "eta_estimate" (ISO or null, explain assumption in "notes"), "incoterm", "consignee": {"company","attention"}, "lines": [{"qty" (after short-ship), "item", "unit_price", "currency" (corrected), "hs_code"}], "total_by_currency": {"USD": number, "EUR": number}, "notes": [string]}.`;
}

function contractRecord(rng: Rng): string {
  const partyA = rng.pick(COMPANIES);
  const partyB = rng.pick(COMPANIES.filter((company) => company !== partyA));
  return `Below is clause 9 of an MSA between ${partyA} ("Supplier") and ${partyB} ("Customer").\n\n9.1 Supplier shall meet the availability target of 99.${rng.int(5, 9)}% per calendar month, excluding Scheduled Maintenance notified at least ${rng.int(2, 7)} days in advance.\n9.2 If availability falls below the target, Customer is entitled to a service credit of ${rng.int(5, 10)}% of the monthly fee for each full 0.${rng.int(1, 5)}% shortfall, capped at ${rng.int(25, 50)}% of the monthly fee.\n9.3 Service credits are Customer's sole remedy for availability failures, save that if availability is below ${rng.int(95, 98)}% in any ${rng.int(2, 3)} consecutive months Customer may terminate under clause 14.2 without penalty.\n9.4 Credits must be claimed in writing within ${rng.int(15, 45)} days of the end of the affected month, failing which they lapse.\n9.5 Notwithstanding 9.2, no credit applies where the failure results from Customer's breach of clause 6 (Acceptable Use).\n\nExtract a JSON object: {"parties": {"supplier", "customer"}, "sla": {"target_pct", "measurement_period", "exclusions": [ {"type", "condition"} ]}, "remedies": [{"type", "trigger", "calculation", "cap_pct"|null, "cross_reference"|null}], "deadlines": [{"action", "days", "from_event"}], "exclusive_remedy": bool, "carve_outs": [string]}. Cite the sub-clause for every value in a parallel "sources" map.`;
}

function applicationRecord(rng: Rng): string {
  const applicant = person(rng);
  return `Candidate pasted their CV into the chat, here it is:\n\n${applicant.toUpperCase()} | ${rng.pick(CITIES)} (open to relocate) | ${applicant.split(' ')[0]?.toLowerCase()}@mail.test\n\nexperience\n${rng.pick(COMPANIES)} — Senior Analyst, ${rng.pick(MONTHS).slice(0, 3)} ${rng.int(2019, 2021)} – present\n • built forecasting pipeline (Python, dbt), cut stockouts ${rng.int(10, 30)}%\n • managed 3 juniors\n${rng.pick(COMPANIES)} - analyst (contract) ${rng.int(2016, 2018)}-${rng.int(2019, 2020)}; before that a gap year travelling + freelance tutoring\nEDU: MSc Statistics (${rng.pick(['distinction', 'merit'])}), BSc Econ - ${rng.int(2012, 2015)}\nskills: SQL, Python, R (rusty), Tableau, "some Spark", Spanish (B2), German (basic)\nrefs on request. Note: the contract role overlapped with the MSc by ${rng.int(3, 9)} months.\n\nConvert to JSON Resume-like structure: {"basics": {"name","email","location","relocation": bool}, "work": [{"company","title","start","end"|null,"employment_type","highlights":[...]}], "education": [{"degree","field","grade"|null,"year"|null}], "skills": [{"name","level": "expert"|"working"|"basic"}], "languages": [{"language","cefr"|null}], "gaps_or_overlaps": [{"description","months"}]}. Dates as YYYY-MM where possible; infer skill level only from explicit cues and say which cue.`;
}


function receiptRecord(rng: Rng): string {
  const store = rng.pick(COMPANIES).toUpperCase();
  const rows = Array.from({ length: rng.int(5, 9) }, () => `${rng.pick(PRODUCTS).toUpperCase().slice(0, 14).padEnd(15)} ${rng.int(1, 3)} x ${money(rng, 1, 60)}`);
  return `OCR output from a crumpled receipt (some characters misread):\n\n${store}\n${rng.pick(CITIES)} st0re #${rng.int(10, 99)}\n${rng.int(1, 28)}/${rng.int(1, 12)}/${rng.int(23, 25)}  ${rng.int(8, 21)}:${rng.int(10, 59)}\n${rows.join('\n')}\nPR0M0 -${money(rng, 1, 9)}\nSUBT0TAL ??\nVAT ${rng.pick([5, 10, 20])}% incl\nT0TAL ${money(rng, 40, 300)}\nCARD ****${rng.int(1000, 9999)}\n\nThe date is day/month/year. Fix OCR errors (0 vs O), and return JSON {"merchant", "store_number", "datetime" (ISO), "items": [{"name", "qty", "unit_price", "line_total"}], "discounts": [...], "subtotal" (computed), "vat_rate", "vat_amount" (computed from the inclusive total), "total", "total_matches_lines": bool, "card_last4"}. If the printed total disagrees with the lines, keep the printed value and explain in "discrepancy".`;
}

function meetingRecord(rng: Rng): string {
  const people = rng.sample(FIRST_NAMES, 4);
  const day = rng.pick(WEEKDAYS);
  return `Notes from ${day}'s launch sync (raw, typed live):\n\n- ${people[0]}: pricing page copy still not final, ${people[1]} to send by EOD tomorrow?? (${people[1]} said "maybe thursday")\n- legal review blocked on DPA - ${people[2]} chasing, needs answer before we sign, which is "end of next week"\n- ${people[3]} will NOT do the webinar after all, ${people[0]} takes it, date moves +1 week from the ${rng.int(10, 20)}th\n- budget: ads spend approved ${rng.int(10, 40)}k, NOT the ${rng.int(45, 60)}k asked; ${people[2]} to re-plan by Monday\n- open q: do we localise to ${rng.pick(['German', 'Japanese', 'Portuguese'])} for launch or after? nobody owns this\n- actually scratch the first point, copy is done, ${people[1]} confirmed in chat\n\nMeeting date: ${rng.pick(MONTHS)} ${rng.int(1, 9)}, ${rng.int(2024, 2025)} (a ${day}).\nExtract action items as JSON array [{"task","owner"|null,"due_date" (ISO, resolve relative dates against the meeting date; null if vague),"status": "open"|"done"|"cancelled","depends_on": [task indices]}] plus "decisions" and "open_questions" arrays. Apply the later corrections.`;
}

function statementRecord(rng: Rng): string {
  const lines = Array.from({ length: rng.int(7, 11) }, () => `${rng.int(1, 28).toString().padStart(2, '0')}.${rng.int(1, 12).toString().padStart(2, '0')}  ${rng.pick(['CARD PURCHASE', 'DD', 'SO', 'FPI', 'REFUND', 'ATM', 'FX FEE'])} ${rng.pick(['SUPERMKT', 'RENT ' + rng.pick(SURNAMES).toUpperCase(), 'GYM', 'TRAINLINE', 'SALARY ' + rng.pick(COMPANIES).toUpperCase(), 'COFFEE', 'AIRLINE', 'PHARMACY'])}  ${rng.chance(0.3) ? '+' : '-'}${money(rng, 2, 1900)}${rng.chance(0.2) ? ' (' + rng.pick(['EUR', 'USD']) + ' ' + money(rng, 2, 200) + ')' : ''}`);
  return `Here's my bank statement export, it's a mess:\n\n${lines.join('\n')}\n\nOpening balance ${money(rng, 100, 5000)}.\n\nParse into JSON: {"transactions": [{"date" (ISO, year ${rng.int(2024, 2025)}), "type" (expand the code: DD=direct debit, SO=standing order, FPI=faster payment in), "counterparty", "amount" (signed, GBP), "original_currency"|null, "original_amount"|null, "category": "income"|"housing"|"groceries"|"transport"|"health"|"leisure"|"fees"|"other"}], "closing_balance" (computed), "fx_fees_total"}. Sort by date.`;
}

export function messyRecord(rng: Rng): string {
  return rng.pick([claimRecord, clinicalRecord, shipmentRecord, contractRecord, applicationRecord, receiptRecord, meetingRecord, statementRecord])(rng);
}
