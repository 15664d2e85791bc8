/** The forks Levity implements, as data: each fork's rules are derived from the previous fork's. */
package io.levity.execution.fork;
