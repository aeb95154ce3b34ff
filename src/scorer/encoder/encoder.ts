// The encoder seam: turns prompt texts into fixed-size embeddings that the kNN index and the head consume.
// Implementations return one vector of length `dimensions` per input text, in input order. The built-in
// encoder always L2-normalises (a zero vector stays zero); TransformersEncoder does when configured to.

export interface Encoder {
  /** Stable identifier of the model and featuriser; a kNN index built with one id is only valid for that id. */
  readonly id: string;
  /** Length of every returned vector. */
  readonly dimensions: number;
  /** Embeds each text; the result has one vector per text, in the same order. */
  embed(texts: string[]): Promise<Float32Array[]>;
  /** Releases native resources (ONNX sessions). The encoder must not be used afterwards. */
  close(): Promise<void>;
}
