/**
 * A byte-level BPE tokenizer: merges trained from a text, deterministic encode and exact decode.
 */
package io.levity.ai.tokenizer;
