// Builds a tiny BERT-shaped model folder for TransformersEncoder tests: a WordPiece tokenizer with a
// dozen tokens and an ONNX "model" whose last_hidden_state is (word row + token-type row) × mask, so
// pooled outputs can be computed by hand.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeOnnxModel } from '../../../src/scorer/onnx/onnx-writer.ts';

export const TINY_VOCAB = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]', 'hello', 'world', 'rung', 'route', '##s', 'the', 'model'];
export const HIDDEN = 4;

/** Row i of the word table: distinct, non-degenerate values. */
export function wordRow(id: number): number[] {
  return [id + 1, (id % 3) - 1, 0.5 * id, id % 2 === 0 ? 2 : -2];
}
export const TYPE_ROW_0 = [0.25, -0.25, 1, 0];
export const TYPE_ROW_1 = [9, 9, 9, 9];

export function tokenId(token: string): number {
  const id = TINY_VOCAB.indexOf(token);
  if (id < 0) throw new Error(`unknown test token ${token}`);
  return id;
}

function tinyModel(): Uint8Array {
  const words = new Float32Array(TINY_VOCAB.length * HIDDEN);
  TINY_VOCAB.forEach((_, id) => words.set(wordRow(id), id * HIDDEN));
  const sequenceInput = (name: string) => ({ name, dataType: 'int64' as const, shape: ['batch_size', 'sequence_length'] });
  return writeOnnxModel({
    name: 'tiny_bert',
    inputs: [sequenceInput('input_ids'), sequenceInput('attention_mask'), sequenceInput('token_type_ids')],
    outputs: [{ name: 'last_hidden_state', dataType: 'float', shape: ['batch_size', 'sequence_length', HIDDEN] }],
    initializers: [
      { name: 'word_table', dataType: 'float', dims: [TINY_VOCAB.length, HIDDEN], data: words },
      { name: 'type_table', dataType: 'float', dims: [2, HIDDEN], data: Float32Array.from([...TYPE_ROW_0, ...TYPE_ROW_1]) },
      { name: 'last_axis', dataType: 'int64', dims: [1], data: BigInt64Array.of(-1n) },
    ],
    nodes: [
      { opType: 'Gather', inputs: ['word_table', 'input_ids'], outputs: ['word_vectors'] },
      { opType: 'Gather', inputs: ['type_table', 'token_type_ids'], outputs: ['type_vectors'] },
      { opType: 'Add', inputs: ['word_vectors', 'type_vectors'], outputs: ['summed'] },
      { opType: 'Cast', inputs: ['attention_mask'], outputs: ['mask_float'], attributes: [{ name: 'to', kind: 'int', value: 1 }] },
      { opType: 'Unsqueeze', inputs: ['mask_float', 'last_axis'], outputs: ['mask_column'] },
      { opType: 'Mul', inputs: ['summed', 'mask_column'], outputs: ['last_hidden_state'] },
    ],
  });
}

function special(id: number, content: string) {
  return { id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true };
}

export async function writeTinyBertFolder(folder: string, options: { skip?: string } = {}): Promise<void> {
  await mkdir(join(folder, 'onnx'), { recursive: true });
  const files: Record<string, string | Uint8Array> = {
    'config.json': JSON.stringify({
      model_type: 'bert',
      architectures: ['BertModel'],
      hidden_size: HIDDEN,
      num_attention_heads: 1,
      num_hidden_layers: 1,
      intermediate_size: 8,
      vocab_size: TINY_VOCAB.length,
      max_position_embeddings: 32,
      type_vocab_size: 2,
      pad_token_id: 0,
    }),
    'tokenizer_config.json': JSON.stringify({
      tokenizer_class: 'BertTokenizer',
      do_lower_case: true,
      model_max_length: 32,
      cls_token: '[CLS]',
      sep_token: '[SEP]',
      pad_token: '[PAD]',
      unk_token: '[UNK]',
      mask_token: '[MASK]',
    }),
    'tokenizer.json': JSON.stringify({
      version: '1.0',
      truncation: null,
      padding: null,
      added_tokens: [0, 1, 2, 3, 4].map((id) => special(id, TINY_VOCAB[id] ?? '')),
      normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
      pre_tokenizer: { type: 'BertPreTokenizer' },
      post_processor: {
        type: 'TemplateProcessing',
        single: [{ SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } }],
        pair: [
          { SpecialToken: { id: '[CLS]', type_id: 0 } },
          { Sequence: { id: 'A', type_id: 0 } },
          { SpecialToken: { id: '[SEP]', type_id: 0 } },
          { Sequence: { id: 'B', type_id: 1 } },
          { SpecialToken: { id: '[SEP]', type_id: 1 } },
        ],
        special_tokens: {
          '[CLS]': { id: '[CLS]', ids: [2], tokens: ['[CLS]'] },
          '[SEP]': { id: '[SEP]', ids: [3], tokens: ['[SEP]'] },
        },
      },
      decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
      model: {
        type: 'WordPiece',
        unk_token: '[UNK]',
        continuing_subword_prefix: '##',
        max_input_chars_per_word: 100,
        vocab: Object.fromEntries(TINY_VOCAB.map((token, id) => [token, id])),
      },
    }),
    'onnx/model.onnx': tinyModel(),
  };
  for (const [name, content] of Object.entries(files)) {
    if (name !== options.skip) await writeFile(join(folder, name), content);
  }
}
