// Tool-calling prompts: a system-style preamble with tool schemas, then a request. Easy: one
// obvious tool, arguments stated plainly. Hard: multi-step plans with dependencies, branching on
// tool results, recovering from tool errors, permission/confirmation rules, or arguments that
// must be derived from messy context. Label policy: one call (or two independent calls) with
// explicit arguments -> 0; dependent chains, conditionals, error recovery or policy constraints -> 1.
import type { Rng } from '../lib/prng.ts';
import type { Draft, DraftMaker } from '../lib/types.ts';
import { pickDifficulty } from '../lib/types.ts';
import { CITIES, COMPANIES, FIRST_NAMES, SURNAMES, PRODUCTS, WEEKDAYS } from '../lib/vocab.ts';
import { dress } from '../lib/style.ts';

interface Tool { name: string; description: string; params: Record<string, string> }

const TOOLS: readonly Tool[] = [
  { name: 'get_weather', description: 'Current weather and 3-day forecast for a city', params: { city: 'string', units: '"metric"|"imperial"' } },
  { name: 'search_orders', description: 'Find orders by customer email or order id', params: { email: 'string?', order_id: 'string?' } },
  { name: 'refund_order', description: 'Refund an order fully or partially. Irreversible.', params: { order_id: 'string', amount: 'number', reason: 'string' } },
  { name: 'send_email', description: 'Send an email', params: { to: 'string', subject: 'string', body: 'string' } },
  { name: 'create_calendar_event', description: 'Create an event', params: { title: 'string', start: 'ISO datetime', duration_min: 'number', attendees: 'string[]' } },
  { name: 'find_free_slots', description: 'Free slots shared by attendees in a date range', params: { attendees: 'string[]', from: 'ISO date', to: 'ISO date', duration_min: 'number' } },
  { name: 'run_sql', description: 'Run a read-only SQL query on the analytics warehouse', params: { query: 'string' } },
  { name: 'get_exchange_rate', description: 'FX rate between two currencies', params: { base: 'string', quote: 'string' } },
  { name: 'lookup_customer', description: 'Customer profile and tier by email', params: { email: 'string' } },
  { name: 'create_ticket', description: 'Open a ticket in the issue tracker', params: { title: 'string', priority: '"P1"|"P2"|"P3"', team: 'string', body: 'string' } },
  { name: 'delete_user', description: 'Permanently delete a user account. Requires confirmation=true from a human.', params: { user_id: 'string', confirmation: 'boolean' } },
  { name: 'book_flight', description: 'Book a flight', params: { from: 'IATA', to: 'IATA', date: 'ISO date', max_price: 'number' } },
  { name: 'search_flights', description: 'Search flights', params: { from: 'IATA', to: 'IATA', date: 'ISO date' } },
  { name: 'get_stock_level', description: 'Stock on hand for a SKU per warehouse', params: { sku: 'string' } },
  { name: 'transfer_stock', description: 'Move stock between warehouses', params: { sku: 'string', from_wh: 'string', to_wh: 'string', qty: 'number' } },
  { name: 'web_search', description: 'Search the web', params: { q: 'string' } },
  { name: 'read_file', description: 'Read a file from the workspace', params: { path: 'string' } },
  { name: 'run_tests', description: 'Run the test suite, optionally filtered', params: { filter: 'string?' } },
  { name: 'calculator', description: 'Evaluate an arithmetic expression', params: { expression: 'string' } },
  { name: 'translate_text', description: 'Translate text', params: { text: 'string', target_lang: 'string' } },
];

function toolBlock(rng: Rng, tools: readonly Tool[]): string {
  if (rng.chance(0.5)) {
    return JSON.stringify(tools.map((tool) => ({ type: 'function', function: { name: tool.name, description: tool.description, parameters: { type: 'object', properties: Object.fromEntries(Object.entries(tool.params).map(([key, type]) => [key, { type: type.replace('?', '') }])) } } })), null, 2);
  }
  return tools.map((tool) => `- ${tool.name}(${Object.entries(tool.params).map(([key, type]) => `${key}: ${type}`).join(', ')}) — ${tool.description}`).join('\n');
}

function byName(...names: string[]): Tool[] {
  return TOOLS.filter((tool) => names.includes(tool.name));
}

function system(rng: Rng, company: string): string {
  return rng.pick([
    `You are an operations assistant for ${company}. You can call the tools below. Respond with tool calls as JSON {"name":..., "arguments":{...}}; one per line.`,
    `SYSTEM: You are ${company}'s support agent. Use tools when needed. Never invent data a tool can fetch.`,
    'You have access to these functions. Call them by emitting JSON objects. Think about which one(s) you need first.',
    `You are an autonomous agent working for ${company}. Available tools:`,
  ]);
}

function easy(rng: Rng, company: string): string {
  const city = rng.pick(CITIES);
  const person = `${rng.pick(FIRST_NAMES).toLowerCase()}@${rng.pick(['example.com', 'mail.test'])}`;
  const options = [
    { tools: ['get_weather', 'send_email'], ask: `What's the weather in ${city} right now?` },
    { tools: ['search_orders', 'get_weather'], ask: `Find order ${rng.pick(['A', 'B', 'X'])}-${rng.int(10000, 99999)} for me.` },
    { tools: ['get_exchange_rate', 'calculator'], ask: `What's the ${rng.pick(['EUR', 'GBP', 'JPY'])} to ${rng.pick(['USD', 'CHF', 'CAD'])} rate today?` },
    { tools: ['lookup_customer', 'create_ticket'], ask: `Look up the customer ${person}.` },
    { tools: ['calculator', 'web_search'], ask: `What is ${rng.int(100, 999)} * ${rng.int(10, 99)} / ${rng.int(2, 9)}?` },
    { tools: ['translate_text', 'send_email'], ask: `Translate "${rng.pick(['Your order has shipped', 'Thanks for your patience', 'We are closed tomorrow'])}" into ${rng.pick(['German', 'Spanish', 'French'])}.` },
    { tools: ['get_stock_level', 'transfer_stock'], ask: `How many units of SKU ${rng.pick(['KB', 'HP', 'DL'])}-${rng.int(100, 999)} do we have?` },
    { tools: ['send_email', 'read_file'], ask: `Email ${person} with subject "Meeting notes" and body "Notes attached, see you ${rng.pick(WEEKDAYS)}."` },
    { tools: ['create_calendar_event', 'find_free_slots'], ask: `Create a ${rng.pick([30, 45, 60])}-minute event "1:1 with ${rng.pick(FIRST_NAMES)}" on 2025-0${rng.int(3, 9)}-1${rng.int(0, 9)} at 10:00 with ${person}.` },
    { tools: ['search_flights', 'book_flight'], ask: `Search flights from ${rng.pick(['LIS', 'AMS', 'JFK', 'NRT'])} to ${rng.pick(['BCN', 'LHR', 'SFO', 'SIN'])} on 2025-${rng.int(10, 12)}-0${rng.int(1, 9)}.` },
  ];
  const choice = rng.pick(options);
  return `${system(rng, company)}\n\n${toolBlock(rng, byName(...choice.tools))}\n\nUser: ${choice.ask}`;
}

function hard(rng: Rng, company: string): string {
  const customer = `${rng.pick(FIRST_NAMES)} ${rng.pick(SURNAMES)}`;
  const email = `${customer.split(' ')[0]?.toLowerCase()}@${rng.pick(['example.com', 'mail.test'])}`;
  const roll = rng.int(0, 6);
  if (roll === 0) {
    return `${system(rng, company)}\n\n${toolBlock(rng, byName('lookup_customer', 'search_orders', 'refund_order', 'send_email', 'create_ticket'))}\n\nPolicy: refunds over $${rng.int(100, 300)} need a P2 ticket to Finance instead of refund_order. Gold-tier customers get shipping refunded too. Never refund an order older than ${rng.int(30, 60)} days.\n\nUser (${email}): "Hi, two of my recent orders arrived damaged, the ${rng.pick(PRODUCTS)} and the ${rng.pick(PRODUCTS)}. I also got charged shipping twice on one of them. Please sort it out and email me what you did."\n\nPlan the sequence of calls, show each call with arguments, and say which later calls depend on which earlier results and how you would branch.`;
  }
  if (roll === 1) {
    const people = rng.sample(FIRST_NAMES, rng.int(3, 5)).map((name) => `${name.toLowerCase()}@${company.toLowerCase().replace(/[^a-z]/g, '')}.example`);
    return `${system(rng, company)}\n\n${toolBlock(rng, byName('find_free_slots', 'create_calendar_event', 'send_email', 'get_weather'))}\n\nUser: Set up a ${rng.pick([60, 90])}-minute planning session next week with ${people.join(', ')}. It must be before 13:00 in ${rng.pick(CITIES)} time because ${people[0]} is in ${rng.pick(CITIES)}, not on ${rng.pick(WEEKDAYS)}, and if nobody is free, fall back to two 45-minute sessions on consecutive days. Send everyone a summary email afterwards that mentions the fallback if used.\n\nPrevious tool result:\n{"name": "find_free_slots", "result": {"slots": [], "warning": "${people[1]} calendar not shared"}}\n\nWhat do you do next? Emit the next call(s) and explain.`;
  }
  if (roll === 2) {
    return `${system(rng, company)}\n\n${toolBlock(rng, byName('run_sql', 'calculator', 'send_email', 'create_ticket'))}\n\nTables: orders(id, customer_id, created_at, total_usd, region), refunds(order_id, amount_usd, created_at), customers(id, tier, signup_at).\n\nUser: Compare refund rate (refunded $ / order $) by region for gold vs other tiers over the last ${rng.int(2, 6)} full months, flag any region where gold's rate is more than double the others, and open a P3 ticket for each flagged region to the ${rng.pick(['Quality', 'Ops', 'CX'])} team with the numbers. Don't email anyone unless more than ${rng.int(2, 3)} regions are flagged.\n\nWrite the SQL you would run (one query if possible), then the follow-up calls conditioned on the result.`;
  }
  if (roll === 3) {
    return `${system(rng, company)}\n\n${toolBlock(rng, byName('lookup_customer', 'delete_user', 'send_email', 'create_ticket'))}\n\nUser (support agent): "Customer ${email} wants their account gone ASAP, they said so on the phone. Just delete it, I'll take responsibility. Also ${rng.pick(FIRST_NAMES).toLowerCase()}@mail.test, same thing, they emailed last week."\n\nDecide what you can and cannot do under the tool rules, make the allowed calls, and write the message back to the agent. Note that account deletion may also conflict with an open invoice — check first.`;
  }
  if (roll === 4) {
    const sku = `${rng.pick(['KB', 'HP', 'DL', 'MX'])}-${rng.int(100, 999)}`;
    return `${system(rng, company)}\n\n${toolBlock(rng, byName('get_stock_level', 'transfer_stock', 'create_ticket', 'calculator'))}\n\nConversation so far:\nUser: Make sure every warehouse has at least ${rng.int(40, 120)} units of ${sku} for the weekend promo.\nAssistant: {"name":"get_stock_level","arguments":{"sku":"${sku}"}}\nTool: {"WH-${rng.pick(CITIES).slice(0, 3).toUpperCase()}": ${rng.int(0, 60)}, "WH-${rng.pick(CITIES).slice(0, 3).toUpperCase()}": ${rng.int(150, 400)}, "WH-${rng.pick(CITIES).slice(0, 3).toUpperCase()}": ${rng.int(20, 90)}, "in_transit": ${rng.int(0, 80)}}\nAssistant: {"name":"transfer_stock","arguments":{...}}\nTool: {"error": "transfer exceeds daily limit of ${rng.int(50, 120)} units per route"}\n\nContinue: recover from the error, plan the minimal set of transfers that satisfies the goal within the limit (in-transit stock arrives Monday, so it doesn't count), and open a ticket if the goal is impossible.`;
  }
  if (roll === 5) {
    return `${system(rng, company)}\n\n${toolBlock(rng, byName('read_file', 'run_tests', 'web_search', 'create_ticket'))}\n\nTask: the CI job "${rng.pick(['unit', 'integration', 'e2e'])}" started failing after the dependency bump in package.json. Investigate using the tools: decide which files to read first, which test filter to run, when a web search for the changelog is justified, and when to stop and file a P2 ticket instead of continuing. Emit your first three calls and the decision rule for each next step. Budget: at most ${rng.int(6, 12)} tool calls.`;
  }
  const from = rng.pick(['LIS', 'AMS', 'JFK', 'NRT', 'GRU']);
  return `${system(rng, company)}\n\n${toolBlock(rng, byName('search_flights', 'book_flight', 'get_exchange_rate', 'get_weather', 'send_email'))}\n\nUser: Book me the cheapest flight from ${from} to ${rng.pick(['BCN', 'LHR', 'SFO', 'SIN', 'NBO'])} on either 2025-${rng.int(10, 11)}-1${rng.int(0, 5)} or the day after, under ${rng.int(300, 700)} EUR (prices come back in USD), but only if the forecast at the destination isn't storms on arrival day. If both days are stormy, don't book — email me the two best options instead at ${email}.\n\nShow the calls in order with arguments, including parallel ones, and the branching.`;
}

function build(rng: Rng): Draft {
  const difficulty = pickDifficulty(rng, 0.42, 0.16);
  const company = rng.pick(COMPANIES);
  let prompt: string;
  if (difficulty === 'hard') prompt = hard(rng, company);
  else {
    prompt = easy(rng, company);
    if (difficulty === 'medium') prompt += rng.pick([' Then tell me the result in one sentence.', ' Use metric units.', ' Reply in the same language as me.']);
  }
  return { prompt: dress(rng, prompt, { typo: 0, opener: 0 }), label: difficulty === 'hard' ? 1 : 0, difficulty };
}

export const agenticToolUse: DraftMaker = build;
