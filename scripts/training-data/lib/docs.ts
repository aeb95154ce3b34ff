// Synthetic documents embedded in summarisation and long-context prompts: email threads,
// meeting transcripts, service logs, contracts and business reports. Facts inside them are
// drawn from slots, and some are deliberately revised later in the document so that a faithful
// answer has to track the latest value.
import type { Rng } from './prng.ts';
import { FIRST_NAMES, SURNAMES, COMPANIES, CITIES, MONTHS, WEEKDAYS, PRODUCTS } from './vocab.ts';

export interface Topic {
  subject: string;
  lines: readonly string[];
}

/** Lines use {a}/{b} (people), {d} (day), {n}/{m} (numbers), {c} (city), {p} (product), {v} (vendor). */
export const TOPICS: readonly Topic[] = [
  {
    subject: 'Vendor renewal',
    lines: [
      'The current contract with {v} expires at the end of {mo}; we need a decision by {d}.',
      '{v} quoted a {n}% increase, which is above the {m}% we budgeted.',
      'I asked {v} for a two-year term in exchange for holding the price flat. Waiting to hear back.',
      '{a}, can you pull usage numbers? I suspect we only use about {m}0% of the seats.',
      'Usage report attached: {n}0 active seats out of {m}0 licensed.',
      'Legal flagged that the auto-renew clause needs {m} days notice, so the real deadline is earlier.',
      '{v} came back: flat price if we sign for two years, but support drops from 24/7 to business hours.',
      'I don\'t think we can accept business-hours support given the on-call rota.',
      'Alternative: the competitor {w} is {n}% cheaper but migration would take about {m} weeks.',
      'Let\'s not switch mid-quarter. I\'d rather negotiate harder with {v}.',
      'Update: {v} agreed to keep 24/7 support on a two-year term at a {m}% increase.',
      'Finance is OK with that. {b}, please draft the approval memo.',
    ],
  },
  {
    subject: 'Office move to {c}',
    lines: [
      'The lease on the current floor ends on {d} {mo}; the new office in {c} is ready two weeks earlier.',
      'Movers quoted for {n} desks and {m} server racks.',
      'IT needs the network installed before any staff move, that takes about {m} working days.',
      '{a}: the meeting rooms in the new place only seat {n}, which is smaller than we thought.',
      'We could split the move into two waves: engineering first, then everyone else a week later.',
      'Correction: the movers can only do {m} racks in one trip, so servers go on a separate day.',
      'Parking at the new site is limited to {n} spaces; we need a policy before day one.',
      'HR will send the travel-allowance update on {d}.',
      'Facilities confirmed: keys handed over on {d}, fire inspection passed.',
      'I\'m worried about the server downtime; can we keep the old site\'s link up for a week?',
      'Agreed, the old link stays live until the end of {mo}.',
      '{b} will own the move checklist from here.',
    ],
  },
  {
    subject: 'Launch date for the {p} line',
    lines: [
      'Marketing wants to launch on {d} {mo} to hit the trade show.',
      'Manufacturing says the first batch of {n}00 units is ready {m} days later than that.',
      'We could launch with pre-orders and ship when stock lands.',
      'Pre-orders are risky; last time {n}% of customers cancelled when shipping slipped.',
      '{a}: the safety certification for {c} is still pending, ETA unknown.',
      'Without certification we cannot sell in that market at all.',
      'Proposal: launch everywhere except {c} on the original date, add it later.',
      'Sales is against a partial launch, they already promised {c} customers.',
      'Certification came through this morning!',
      'Then let\'s launch on the original date everywhere, with shipping starting {m} days after.',
      'Price stays at the planned level; the discount code for early buyers is {n}% off.',
      '{b} will update the launch plan and the FAQ.',
    ],
  },
  {
    subject: 'Hiring plan for Q{q}',
    lines: [
      'We have budget for {n} new hires this quarter, down from {m} in the original plan.',
      'Engineering needs at least two senior backend people; that\'s non-negotiable.',
      '{a}: support is drowning, ticket backlog is {n}00 and rising.',
      'Could we use contractors for support for {m} months instead of permanent hires?',
      'Contractors cost about {n}% more per month but no recruiting fee.',
      'The recruiter says senior backend roles take {m} weeks to fill on average in {c}.',
      'Let\'s open the two backend roles today and one support role.',
      'Correction from finance: the budget is {m} hires, not {n}; the freeze on one team was lifted.',
      'In that case add a data analyst role.',
      'I disagree; the analyst can wait. Put the extra headcount into support.',
      'Fine, support gets it. Data analyst goes into next quarter\'s plan.',
      '{b} will post the job ads by {d}.',
    ],
  },
  {
    subject: 'Incident follow-up: checkout errors',
    lines: [
      'Checkout failed for about {n} minutes on {d} between 14:{m}0 and 15:{m}5.',
      'Roughly {n}00 orders were affected; some customers were charged but got no confirmation.',
      'Root cause looks like a connection pool exhaustion after the config change on the payments service.',
      '{a}: it was actually the new retry policy. Retries tripled the load on the pool.',
      'Either way, we need to refund the double charges. Finance counts {m}0 of them.',
      'We should add an alert on pool saturation above {n}%.',
      'And a canary for config changes, the change went to 100% of hosts at once.',
      'Customers in {c} were hit hardest because of the time zone (lunch peak).',
      'Status page was updated {m}0 minutes late. Comms needs an on-call rota.',
      'Correction: the affected window was {m} minutes longer than first reported.',
      'Action items are in the postmortem doc; {b} owns the retry-policy fix.',
      'Refunds will go out by {d}.',
    ],
  },
] as const;

const VENDORS = ['Cirrus Cloud', 'Datafold Analytics', 'PaperTrail HR', 'Stackline CRM', 'Quanta Print', 'Helix Security'] as const;

interface Cast {
  people: string[];
  slots: Record<string, string>;
}

export function castFor(rng: Rng, topic: Topic): Cast {
  const people = rng.sample(FIRST_NAMES, rng.int(3, 5)).map((first) => `${first} ${rng.pick(SURNAMES)}`);
  const [vendor, rival] = rng.sample(VENDORS, 2) as [string, string];
  const slots: Record<string, string> = {
    a: people[1]?.split(' ')[0] ?? 'Sam', b: people[2]?.split(' ')[0] ?? 'Alex', d: rng.pick(WEEKDAYS), mo: rng.pick(MONTHS),
    c: rng.pick(CITIES), p: rng.pick(PRODUCTS), v: vendor, w: rival, q: String(rng.int(1, 4)),
  };
  slots.subject = topic.subject.replace(/\{(\w+)\}/g, (_m, key: string) => slots[key] ?? key);
  return { people, slots };
}

function fillLine(rng: Rng, line: string, slots: Record<string, string>): string {
  return line.replace(/\{(\w+)\}/g, (_m, key: string) => {
    if (key === 'n') return String(rng.int(3, 40));
    if (key === 'm') return String(rng.int(2, 9));
    return slots[key] ?? key;
  });
}

/** An email thread; messages keep the topic's narrative order so later corrections come last. */
export function emailThread(rng: Rng, messages: number): { text: string; subject: string; people: string[] } {
  const topic = rng.pick(TOPICS);
  const cast = castFor(rng, topic);
  const company = rng.pick(COMPANIES);
  const domain = company.toLowerCase().replace(/[^a-z]/g, '');
  const lines = topic.lines.slice(0, Math.min(messages * 2, topic.lines.length));
  const parts: string[] = [];
  let hour = rng.int(8, 10);
  for (let index = 0; index < messages; index += 1) {
    const sender = cast.people[index % cast.people.length] ?? 'Sam Reyes';
    const body = lines.slice(index * 2, index * 2 + 2).map((line) => fillLine(rng, line, cast.slots)).join(' ');
    if (!body) break;
    hour += rng.int(0, 2);
    parts.push(`From: ${sender} <${sender.split(' ')[0]?.toLowerCase()}@${domain}.example>\nDate: ${cast.slots.d} ${String(Math.min(hour, 23)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}\nSubject: ${index === 0 ? '' : 'RE: '}${cast.slots.subject}\n\n${body}\n\n${sender.split(' ')[0]}`);
  }
  return { text: parts.join('\n\n-----\n\n'), subject: cast.slots.subject ?? topic.subject, people: cast.people };
}

/** A meeting transcript with speaker turns and some filler talk, drawn from the same topics. */
export function transcript(rng: Rng): { text: string; subject: string } {
  const topic = rng.pick(TOPICS);
  const cast = castFor(rng, topic);
  const fillers = ['Can everyone hear me?', 'Sorry, I was on mute.', 'Let\'s move on.', 'Good point.', 'I\'ll take that offline.', 'Can you repeat that?', 'Yes, agreed.', 'Hmm, not sure about that.', 'Quick side note: the coffee machine is fixed.', 'We\'re running out of time.'];
  const turns: string[] = [];
  let minute = 0;
  for (const line of topic.lines) {
    if (rng.chance(0.4)) turns.push(`[00:${String(minute).padStart(2, '0')}] ${rng.pick(cast.people)}: ${rng.pick(fillers)}`);
    minute += rng.int(1, 4);
    turns.push(`[00:${String(minute).padStart(2, '0')}] ${rng.pick(cast.people)}: ${fillLine(rng, line, cast.slots)}`);
  }
  return { text: `Meeting: ${cast.slots.subject}\nAttendees: ${cast.people.join(', ')}\n\n${turns.join('\n')}`, subject: cast.slots.subject ?? topic.subject };
}

const SERVICES = ['api-gateway', 'payments', 'auth', 'inventory', 'search', 'notifier', 'billing-worker'] as const;
const INFO = ['request completed', 'cache hit ratio 0.{n}', 'health check ok', 'scheduled job started', 'config reloaded', 'connection established to db-{m}'];
const WARN = ['slow query {n}00ms', 'retrying upstream call (attempt {m})', 'pool utilisation {n}%', 'certificate expires in {m} days', 'queue depth {n}00'];
const ERROR = ['upstream timeout after 30000ms', 'connection pool exhausted', 'HTTP 503 from payments', 'deadlock detected, transaction rolled back', 'OOMKilled, container restarted', 'disk usage 9{m}% on /var'];

/** A service log with an incident window: warnings ramp up, errors cluster, then recovery. */
export function serviceLog(rng: Rng, lines: number): { text: string; incidentService: string } {
  const incidentService = rng.pick(SERVICES);
  const start = rng.int(Math.floor(lines * 0.3), Math.floor(lines * 0.5));
  const end = start + rng.int(Math.floor(lines * 0.15), Math.floor(lines * 0.3));
  const output: string[] = [];
  let seconds = rng.int(0, 3000);
  const hour = rng.int(0, 20);
  const date = `2025-0${rng.int(1, 9)}-${rng.int(10, 28)}`;
  for (let index = 0; index < lines; index += 1) {
    seconds += rng.int(1, 40);
    const stamp = `${date}T${String(hour + Math.floor(seconds / 3600)).padStart(2, '0')}:${String(Math.floor(seconds / 60) % 60).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}Z`;
    const inIncident = index >= start && index <= end;
    const roll = rng.next();
    const level = inIncident ? (roll < 0.5 ? 'ERROR' : roll < 0.8 ? 'WARN' : 'INFO') : roll < 0.85 ? 'INFO' : roll < 0.97 ? 'WARN' : 'ERROR';
    const service = inIncident && rng.chance(0.7) ? incidentService : rng.pick(SERVICES);
    const pool = level === 'ERROR' ? ERROR : level === 'WARN' ? WARN : INFO;
    const message = fillLine(rng, rng.pick(pool), {});
    output.push(`${stamp} ${level.padEnd(5)} ${service} trace=${rng.int(100000, 999999).toString(16)} ${message}`);
  }
  return { text: output.join('\n'), incidentService };
}

export { VENDORS };
