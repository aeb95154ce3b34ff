// The requests every row sends: small, realistic non-streaming chat completions (a system prompt,
// one user message, a token cap), 300 to 1,500 bytes of JSON. 64 different prompts (4 system
// prompts × 16 user messages) cycle on each connection, so a row that scores or caches by prompt
// sees the variety of real traffic rather than one prompt over and over.
const SYSTEM_PROMPTS = [
  'You are a concise support assistant for an online store. Answer in two sentences at most.',
  'You are a helpful assistant. Be accurate; say so when you are not sure.',
  'You are a senior software engineer reviewing code and answering questions from colleagues.',
  'You help students with homework. Explain the reasoning, then give the final answer on its own line.',
];

const USER_MESSAGES = [
  'My order #48213 arrived with a cracked screen protector. Can I get a replacement, and do I need to send the damaged one back?',
  'What are your opening hours on public holidays?',
  'Translate "the delivery is delayed by two days" into French and German.',
  'Summarise this in one line: the meeting moved from Tuesday to Thursday because the venue flooded, and catering is cancelled.',
  'Is it safe to run two instances of the same cron job at once if the job writes to a shared CSV file? What could go wrong and how would you prevent it?',
  'Write a TypeScript function that groups an array of orders by customer id and returns the total spent per customer, sorted from highest to lowest.',
  'A train leaves at 09:40 and travels 180 km at 72 km/h. A second train leaves the same station at 10:10 on the same line at 90 km/h. When and where does it catch up?',
  'Classify the sentiment of this review as positive, negative or mixed: "Fast shipping, but the colour is nothing like the photos and the strap broke after a week."',
  'Our Postgres query went from 40 ms to 4 s after we added an index on created_at. The query filters on status and orders by created_at desc with a limit of 50. Why might the planner now choose a worse plan, and what would you check first?',
  'Extract the name, date and amount from: "Invoice 2291 for Dana Whitfield, issued 3 March 2025, total due EUR 1,240.50 within 30 days."',
  'Which of these is a prime number? (a) 91 (b) 97 (c) 111 (d) 121',
  'I get "TypeError: Cannot read properties of undefined (reading \'map\')" when my React component first renders, but the list shows up a second later. What is happening and how do I fix it properly?',
  'Draft a polite two-paragraph email declining a vendor proposal while leaving the door open for next quarter.',
  'Explain the difference between a mutex and a semaphore with an example of when each is the right tool.',
  'We have 3 warehouses and 5 stores. Shipping costs per unit differ by route, each warehouse has limited stock, and each store has a demand. Outline how you would set this up as a linear program and what the decision variables and constraints are.',
  'Hi! Can you reset my password? I no longer have access to the email on the account.',
];

/** Every prompt pairing, as request bodies for `model`. */
export function chatBodies(model: string): string[] {
  return SYSTEM_PROMPTS.flatMap((system) =>
    USER_MESSAGES.map((user) =>
      JSON.stringify({
        model,
        messages: [
          { role: 'system', content: system },
          { role: 'user', content: user },
        ],
        max_tokens: 128,
        temperature: 0.2,
      }),
    ),
  );
}

/** One request before any load, so a row that cannot work says why instead of just counting errors. */
export async function probeOnce(url: string, headers: Record<string, string>, body: string): Promise<string | undefined> {
  try {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    const text = await response.text();
    if (response.ok) return undefined;
    return `probe got HTTP ${response.status}: ${text.slice(0, 300)}`;
  } catch (error) {
    return `probe failed: ${error instanceof Error ? error.message : String(error)}`;
  }
}
