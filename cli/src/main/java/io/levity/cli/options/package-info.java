/**
 * Option groups shared by several {@code levity} commands, as picocli mixins: each declares its
 * options once (names, defaults, checks; the help text is in the one help bundle) and hands the
 * command an immutable value of what was given, so two commands that take the same option cannot
 * drift apart.
 */
package io.levity.cli.options;
