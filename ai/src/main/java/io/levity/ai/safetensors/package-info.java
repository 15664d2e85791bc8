/**
 * The safetensors weight format: an 8-byte little-endian header length, a JSON header naming each
 * tensor's dtype, shape and byte range, then the raw little-endian data. F32 is read and written;
 * F16 and BF16 are read into float32. Every malformed file fails with {@link
 * io.levity.ai.safetensors.SafetensorsException}.
 */
package io.levity.ai.safetensors;
