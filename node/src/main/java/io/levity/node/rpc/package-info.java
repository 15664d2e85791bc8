/**
 * JSON-RPC 2.0 plumbing: method registry and dispatch, HTTP and WebSocket servers with limits, and
 * subscriptions (newHeads, logs).
 */
package io.levity.node.rpc;
