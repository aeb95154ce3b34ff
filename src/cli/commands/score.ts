// `rung score [--model DIR] --input FILE.jsonl --output FILE.jsonl`
// Reads {id, prompt} lines and writes {id, score} lines in the same order.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEFAULT_MODEL_DIRECTORY } from '../../scorer/default-model.ts';
import { loadScorerModel } from '../../scorer/scorer.ts';

const USAGE = `usage: rung score [--model DIR] --input FILE.jsonl --output FILE.jsonl
  --model DIR   model directory (default: the shipped model, ${DEFAULT_MODEL_DIRECTORY})
  input lines:  {"id": "...", "prompt": "..."}   output lines: {"id": "...", "score": 0.42}
`;

export async function run(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        model: { type: 'string' },
        input: { type: 'string' },
        output: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    process.stderr.write(`rung score: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  if (values.help === true) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (values.input === undefined || values.output === undefined) {
    process.stderr.write(`rung score: --input and --output are required\n\n${USAGE}`);
    return 2;
  }
  const inputPath = values.input;
  let items: { id: unknown; prompt: string }[];
  try {
    items = readFileSync(inputPath, 'utf8')
      .split('\n')
      .map((line, index) => ({ line: line.trim(), where: `${inputPath}:${index + 1}` }))
      .filter(({ line }) => line !== '')
      .map(({ line, where }) => {
        let parsed: unknown;
        try {
          parsed = JSON.parse(line);
        } catch (error) {
          throw new Error(`${where}: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
        }
        const record = parsed as { id?: unknown; prompt?: unknown } | null;
        if (record === null || typeof record !== 'object' || typeof record.prompt !== 'string') {
          throw new Error(`${where}: expected an object with a string "prompt"`);
        }
        return { id: record.id ?? null, prompt: record.prompt };
      });
  } catch (error) {
    process.stderr.write(`rung score: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  try {
    const scorer = await loadScorerModel(values.model ?? DEFAULT_MODEL_DIRECTORY);
    try {
      const lines: string[] = [];
      for (const item of items) {
        const result = await scorer.score({ text: item.prompt });
        lines.push(JSON.stringify({ id: item.id, score: result.score }));
      }
      writeFileSync(values.output, lines.length === 0 ? '' : `${lines.join('\n')}\n`);
    } finally {
      await scorer.close();
    }
    process.stderr.write(`rung score: wrote ${items.length} scores to ${values.output}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`rung score: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
