// `rung <command> [options]`. Each command lives in its own file under commands/ and exports
// `run(argv): Promise<number>` (the exit code). Commands load lazily so `rung score` does not
// pay for the gateway's imports and vice versa.
type CommandModule = { run(argv: string[]): Promise<number> };

const COMMANDS: Record<string, { summary: string; load: () => Promise<CommandModule> }> = {
  serve: { summary: 'run the gateway (--config FILE, --port N, --host H)', load: () => import('./commands/serve.ts') },
  train: { summary: 'train a scorer model (--data FILE[,FILE] --out DIR [--seed N]) or retrain --from-store DB behind the eval gate', load: () => import('./commands/train.ts') },
  score: { summary: 'score prompts with a model (--input FILE --output FILE [--model DIR])', load: () => import('./commands/score.ts') },
  report: { summary: 'analytics from a store file (--db FILE [--from --to --group-by --tag --compare-before --json])', load: () => import('./commands/report.ts') },
  ab: { summary: 'A/B experiments: report --db FILE --config FILE --id EXP | replay --from-store DB --candidate DIR', load: () => import('./commands/ab.ts') },
  models: { summary: 'scorer model registry: list | promote VERSION | rollback (--db FILE)', load: () => import('./commands/models.ts') },
  drift: { summary: 'quality-drift check of a model on the frozen set and recent outcomes (--db --model --eval)', load: () => import('./commands/drift.ts') },
  eval: { summary: 'evaluate a model on labelled data (--data FILE [--model DIR] [--history FILE])', load: () => import('./commands/eval.ts') },
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, command]) => `  ${name.padEnd(8)} ${command.summary}`);
  return `usage: rung <command> [options]\n\ncommands:\n${lines.join('\n')}\n`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (command === undefined) {
    process.stderr.write(`rung: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  const module = await command.load();
  return module.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`rung: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
