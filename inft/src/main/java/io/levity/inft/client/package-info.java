/**
 * The SDK-level iNFT operations of one account ({@link io.levity.inft.client.InftClient}):
 * register, mint, update, transfer, clone, authorize, revoke, open, use, show, market list and buy.
 */
package io.levity.inft.client;
