/**
 * The p2p transport: authenticated connections between node keys, framed messages, gossip with
 * deduplication, peer scores and bans, and static peers kept dialed. The runtime sees it through
 * {@link io.levity.node.p2p.PeerNetwork}.
 */
package io.levity.node.p2p;
