// A deterministic, varied prompt corpus for parity tests: hand-picked edge cases plus generated mixes
// of scripts, code, maths, emoji and whitespace, including multi-thousand-character prompts.
import { SeededRandom } from '../../../src/scorer/encoder/builtin/prng.ts';

const EDGE_CASES = [
  '',
  ' ',
  '\n\n\t',
  'a',
  '?',
  'Hello, world!',
  'What is 2 + 2?',
  'def fib(n):\n    return n if n < 2 else fib(n - 1) + fib(n - 2)',
  'const x = { a: 1, b: [2, 3] }; console.log(`${x.a}`);',
  'SELECT name, COUNT(*) FROM users GROUP BY name HAVING COUNT(*) > 1;',
  '∫₀^∞ e^{-x²} dx = √π / 2',
  'Prove that $\\sum_{k=1}^{n} k = n(n+1)/2$ by induction.',
  '你好，请帮我把这段话翻译成英文。',
  '東京の天気はどうですか？',
  '안녕하세요, 반갑습니다.',
  'مرحبا، كيف حالك اليوم؟',
  'שלום, מה שלומך?',
  'नमस्ते, आप कैसे हैं?',
  'Ελληνικά και Кириллица вместе.',
  '😀😃😄 🚀 👨‍👩‍👧 👍🏽 🇫🇷',
  'ｆｕｌｌｗｉｄｔｈ ＡＢＣ １２３',
  'e\u0301e\u0301e\u0301 cafe\u0301',
  '\u200b\u200d\u2060',
  '\ud800 lone surrogate \udfff',
  'x'.repeat(5000),
  'The quick brown fox jumps over the lazy dog. '.repeat(120),
];

const FRAGMENTS = [
  'please summarise', 'refactor this function', 'why does', 'explain like I am five', 'translate to French',
  'for (let i = 0; i < n; i++) {', '}', 'return a * b;', 'λx.x', 'O(n log n)', 'matrix [[1, 2], [3, 4]]',
  'TypeError: cannot read properties of undefined', 'SELECT * FROM t', '#include <stdio.h>', 'fn main() {}',
  '数学', 'プログラミング', 'برمجة', 'תכנות', '🙂', '🤖', '∀ε>0 ∃δ>0', 'α β γ', '42', '3.14159', '-1e-9',
  '\n', '\t', '   ', '!!!', '???', '...', '"quoted"', "'single'", '`tick`', '<tag attr="v">', '&amp;', '\\n',
];

export function parityCorpus(size: number, seed: number): string[] {
  const random = new SeededRandom(seed);
  const corpus = [...EDGE_CASES];
  while (corpus.length < size) {
    const parts: string[] = [];
    const length = random.nextInt(5) === 0 ? 200 + random.nextInt(800) : 1 + random.nextInt(30);
    for (let index = 0; index < length; index++) parts.push(FRAGMENTS[random.nextInt(FRAGMENTS.length)] ?? '');
    corpus.push(parts.join(random.nextInt(3) === 0 ? '' : ' '));
  }
  return corpus;
}
