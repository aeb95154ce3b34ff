// The near-duplicate key: two prompts that differ only in numbers, case or spacing count as one.
export function nearDuplicateKey(prompt: string): string {
  return prompt.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();
}
