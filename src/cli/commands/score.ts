// `rung score [--model DIR] --input FILE.jsonl --output FILE.jsonl`
// Reads {id, prompt} lines and writes {id, score} lines in the same order.
import { readFileSync, writeFileSync } from 'node:fs';
import { PROCESS_OUTPUT, type CommandOutput } from '../../analytics/cli-io.ts';
import { DEFAULT_MODEL_DIRECTORY } from '../../scorer/default-model.ts';
import { loadScorerModel } from '../../scorer/scorer.ts';
import { requireFlags } from '../args.ts';
import { errorMessage } from '../command-error.ts';
import { runCommand } from '../run-command.ts';

const USAGE = `usage: rung score [--model DIR] --input FILE.jsonl --output FILE.jsonl
  --model DIR   model directory (default: the shipped model, ${DEFAULT_MODEL_DIRECTORY})
  input lines:  {"id": "...", "prompt": "..."}   output lines: {"id": "...", "score": 0.42}
`;

const OPTIONS = { model: { type: 'string' }, input: { type: 'string' }, output: { type: 'string' } } as const;

/** The prompts to score, or an error naming the first bad line as `file:line`. */
function readPrompts(inputPath: string): { id: unknown; prompt: string }[] {
  return readFileSync(inputPath, 'utf8')
    .split('\n')
    .map((line, index) => ({ line: line.trim(), where: `${inputPath}:${index + 1}` }))
    .filter(({ line }) => line !== '')
    .map(({ line, where }) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch (error) {
        throw new Error(`${where}: not valid JSON (${errorMessage(error)})`);
      }
      const record = parsed as { id?: unknown; prompt?: unknown } | null;
      if (record === null || typeof record !== 'object' || typeof record.prompt !== 'string') {
        throw new Error(`${where}: expected an object with a string "prompt"`);
      }
      return { id: record.id ?? null, prompt: record.prompt };
    });
}

export function run(argv: string[], output: CommandOutput = PROCESS_OUTPUT): Promise<number> {
  return runCommand({ name: 'score', usage: USAGE, options: OPTIONS }, argv, output, async ({ values }) => {
    const { input, output: outputPath } = requireFlags(values, ['input', 'output']);
    // Every line is read and checked before the model loads: a bad file fails fast, writing nothing.
    const items = readPrompts(input);
    const scorer = await loadScorerModel(values.model ?? DEFAULT_MODEL_DIRECTORY);
    try {
      const lines: string[] = [];
      for (const item of items) {
        const result = await scorer.score({ text: item.prompt });
        lines.push(JSON.stringify({ id: item.id, score: result.score }));
      }
      writeFileSync(outputPath, lines.length === 0 ? '' : `${lines.join('\n')}\n`);
    } finally {
      await scorer.close();
    }
    output.stderr.write(`rung score: wrote ${items.length} scores to ${outputPath}\n`);
    return 0;
  });
}
