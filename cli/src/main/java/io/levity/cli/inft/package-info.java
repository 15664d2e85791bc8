/** {@code levity inft}: the oracle server and the iNFT user commands (docs/inft.md). */
package io.levity.cli.inft;
