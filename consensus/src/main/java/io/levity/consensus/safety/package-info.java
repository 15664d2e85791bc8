/**
 * What keeps a validator from contradicting itself: the {@link
 * io.levity.consensus.safety.SafetyRules} that decide what may be signed, the state they persist
 * before a signature leaves, and the port for that persistence.
 */
package io.levity.consensus.safety;
