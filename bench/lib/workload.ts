// The request every row sends: a small, realistic non-streaming chat completion (a system prompt,
// one customer question, a token cap), about 400 bytes of JSON.
export function chatBody(model: string): string {
  return JSON.stringify({
    model,
    messages: [
      { role: 'system', content: 'You are a concise support assistant for an online store. Answer in two sentences at most.' },
      {
        role: 'user',
        content: 'My order #48213 arrived with a cracked screen protector. Can I get a replacement, and do I need to send the damaged one back?',
      },
    ],
    max_tokens: 128,
    temperature: 0.2,
  });
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
