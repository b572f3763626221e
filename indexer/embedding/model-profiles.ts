/**
 * What Levd needs to know about each embedding model it can use. The schema's
 * `vector(384)` column fixes the dimension: a model of another size needs a migration.
 */
export interface ModelProfile {
  /** Hugging Face id, also the folder under MODEL_DIR and the `model` column of each chunk. */
  readonly id: string;
  readonly dimension: number;
  /** The model's input limit, prefix and special tokens included. */
  readonly maxTokens: number;
  readonly queryPrefix: string;
  readonly passagePrefix: string;
  /**
   * True when the tokenizer splits on whitespace before it tokenizes (XLM-R: a Metaspace
   * pre-tokenizer and a Unigram model), so a text's token count is the sum of its words'
   * counts and can be counted word by word from a memo. Checked against the tokenizer in
   * test/integration/chunking-real-tokenizer.test.ts.
   */
  readonly tokensAddUpByWord: boolean;
}

export const MODEL_PROFILES = {
  'Xenova/multilingual-e5-small': {
    id: 'Xenova/multilingual-e5-small',
    dimension: 384,
    maxTokens: 512,
    queryPrefix: 'query: ',
    passagePrefix: 'passage: ',
    tokensAddUpByWord: true,
  },
} as const satisfies Record<string, ModelProfile>;

export type ModelId = keyof typeof MODEL_PROFILES;

/** The dimension of the `chunks.embedding` column (see db/migrations). */
export const SCHEMA_VECTOR_DIMENSION = 384;
