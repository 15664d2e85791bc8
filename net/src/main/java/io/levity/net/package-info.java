/**
 * Netty plumbing shared by every Levity server (the node's JSON-RPC, the storage node, and the HTTP
 * services of the layers to come), so that each protection against clients that hold connections
 * open is written and tested once: {@link io.levity.net.HeadDeadline} against slow request heads.
 */
package io.levity.net;
