/**
 * Small language helpers every module may use: argument checks that name what was wrong, so value
 * types state their invariants in one line instead of a block of repeated statements.
 */
package io.levity.core.lang;
