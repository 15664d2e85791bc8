/** The well-known development accounts (BIP-39/BIP-32 keys) funded on devnets. */
package io.levity.node.keys;
