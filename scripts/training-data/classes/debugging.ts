// Finding and fixing bugs. Easy: one visible mistake with the error message in hand (typo,
// off-by-one, missing await, wrong operator). Hard: concurrency, NULL semantics, time zones,
// floating point, lifetimes, resource leaks or distributed symptoms where the message points
// away from the cause. Label policy: local, single-line bugs with a direct error -> 0; bugs
// needing a model of runtime behaviour across components or time -> 1.
import type { Rng } from '../lib/prng.ts';
import type { Draft, DraftMaker } from '../lib/types.ts';
import { pickDifficulty } from '../lib/types.ts';
import { ENTITIES } from '../lib/vocab.ts';
import type { Entity } from '../lib/vocab.ts';
import { dress } from '../lib/style.ts';
import { HARD_BUGS } from './debugging-hard.ts';

type Bug = (e: Entity) => { code: string; symptom: string };
const cap = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

const EASY_BUGS: readonly Bug[] = [
  (e) => ({ code: `\`\`\`python\ndef average_${e.field}(${e.many}):\n    total = 0\n    for item in ${e.many}:\n        total += item["${e.field}"]\n    return total / len(${e.many}\n\`\`\``, symptom: 'SyntaxError: \'(\' was never closed' }),
  (e) => ({ code: `\`\`\`typescript\nasync function load${cap(e.many)}() {\n  const res = fetch('/api/${e.many}');\n  return res.json();\n}\n\`\`\``, symptom: 'TypeError: res.json is not a function' }),
  (e) => ({ code: `\`\`\`python\nfor i in range(len(${e.many}) + 1):\n    print(${e.many}[i]["${e.field}"])\n\`\`\``, symptom: 'IndexError: list index out of range' }),
  (e) => ({ code: `\`\`\`javascript\nif (${e.one}.${e.field} = 0) {\n  console.log('empty ${e.one}');\n}\n\`\`\``, symptom: `it logs "empty ${e.one}" for every ${e.one} and the ${e.field} becomes 0` }),
  (e) => ({ code: `\`\`\`sql\nSELECT ${e.one}_id, SUM(${e.field})\nFROM ${e.many}\nWHERE created_at > '2025-01-01';\n\`\`\``, symptom: `ERROR: column "${e.many}.${e.one}_id" must appear in the GROUP BY clause or be used in an aggregate function` }),
  (e) => ({ code: `\`\`\`go\nfunc Total(${e.many} []${cap(e.one)}) int {\n\tvar total int\n\tfor _, x := range ${e.many} {\n\t\ttotal += x.${cap(e.field)}\n\t}\n}\n\`\`\``, symptom: 'missing return' }),
  (e) => ({ code: `\`\`\`bash\nfor f in $(ls *.csv)\ndo\n  echo "processing $f"\n  wc -l $f\ndone\n\`\`\``, symptom: `breaks on the file "${e.many} march.csv" (has a space)` }),
  (e) => ({ code: `\`\`\`rust\nfn first_${e.one}(${e.many}: Vec<String>) -> &String {\n    &${e.many}[0]\n}\n\`\`\``, symptom: 'error[E0106]: missing lifetime specifier' }),
  (e) => ({ code: `\`\`\`python\nimport json\nwith open("${e.many}.json") as f:\n    data = json.load(f)\nprint(data["${e.many}"][0]["${e.field}"]\n\`\`\``, symptom: 'SyntaxError: unexpected EOF while parsing' }),
  (e) => ({ code: `\`\`\`typescript\nconst ${e.many}: ${cap(e.one)}[] = [];\n${e.many}.push({ id: 1, ${e.field}: '42' });\n\`\`\``, symptom: `Type 'string' is not assignable to type 'number'` }),
  (e) => ({ code: `\`\`\`java\nString status = get${cap(e.one)}Status();\nif (status == "ACTIVE") {\n    activate();\n}\n\`\`\``, symptom: 'activate() is never called even when the status prints as ACTIVE' }),
  (e) => ({ code: `\`\`\`python\ndef add_${e.one}(item, ${e.many}=[]):\n    ${e.many}.append(item)\n    return ${e.many}\n\`\`\``, symptom: 'calling it twice returns both items in the second call' }),
  (e) => ({ code: `\`\`\`javascript\nconst ids = ${e.many}.map(x => { x.id });\n\`\`\``, symptom: 'ids is an array of undefined' }),
  (e) => ({ code: `\`\`\`sql\nSELECT * FROM ${e.many} WHERE ${e.field} = NULL;\n\`\`\``, symptom: `returns 0 rows but I know some ${e.many} have no ${e.field}` }),
];

const EASY_ASKS = [
  'Why does this fail?\n\n{code}\n\nError: {symptom}',
  'fix pls\n{code}\n{symptom}',
  'I get "{symptom}" with this code:\n{code}\nWhat\'s wrong?',
  'Can you spot the bug?\n{code}\nSymptom: {symptom}',
  '{code}\n^ {symptom}. how do I fix it',
  'Beginner here. My code:\n{code}\nand it says {symptom}. Explain simply please.',
];

const HARD_ASKS = [
  '{context}\n\n{code}\n\nSymptom: {symptom}\n\nFind the root cause, explain the exact interleaving/sequence that triggers it, give a minimal fix, and a test that would have caught it.',
  'Production issue, need a second pair of eyes.\n{context}\n{code}\nWhat we see: {symptom}\nWhat\'s going on? Rank your hypotheses by likelihood and tell me how to confirm each.',
  'Debug this. {symptom}.\n\n{code}\n\n{context} Don\'t just patch the symptom — explain why it happens.',
  'You are a senior reviewer. {context}\n\n{code}\n\nReported: {symptom}\nWrite a short RCA (cause, trigger conditions, blast radius) and the corrected code.',
];

function build(rng: Rng): Draft {
  const difficulty = pickDifficulty(rng, 0.42, 0.16);
  const entity = rng.pick(ENTITIES);
  let prompt: string;
  if (difficulty === 'hard') {
    const bug = rng.pick(HARD_BUGS)(entity, rng);
    prompt = rng.pick(HARD_ASKS).replace('{context}', bug.context).replace('{code}', bug.code).replace('{symptom}', bug.symptom);
  } else {
    const bug = rng.pick(EASY_BUGS)(entity);
    prompt = rng.pick(EASY_ASKS).replace('{code}', bug.code).replace('{symptom}', bug.symptom);
    if (difficulty === 'medium') prompt += rng.pick(['\nAlso, is there a more idiomatic way to write it?', '\nAnd how would I write a test for this?', '\nPlease show the corrected full snippet.']);
  }
  return { prompt: dress(rng, prompt, { typo: 0 }), label: difficulty === 'hard' ? 1 : 0, difficulty };
}

export const debugging: DraftMaker = build;
