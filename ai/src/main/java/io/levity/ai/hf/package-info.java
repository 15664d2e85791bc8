/**
 * Hugging Face checkpoints in and out: a model folder (config.json and model.safetensors, or shards
 * with model.safetensors.index.json) of the GPT-2 or Llama family read into this runtime's weights,
 * and this runtime's weights written as such a folder so other engines can load them. See
 * docs/ai.md, Hugging Face checkpoints.
 */
package io.levity.ai.hf;
