/**
 * {@code levity ai ...}: generate with the deterministic runtime, train (offline or as a job
 * recorded on chain), verify a training segment by re-running it, import a model to storage.
 */
package io.levity.cli.ai;
