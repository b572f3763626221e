/**
 * Counts the content tokens of a text: what the model reads of it, without the `passage: `
 * prefix and the special tokens. Synchronous, because chunking counts every sentence; and
 * roughly additive over pieces, because chunking sums sentence counts to size a passage
 * (and then checks the finished passage once).
 */
export type CountTokens = (text: string) => number;
