/**
 * The client side of the storage network: {@link io.levity.storage.client.StorageClient} (upload,
 * download, status, repair), the HTTP client of a storage node, and the network file that says
 * where the chain and nodes are.
 */
package io.levity.storage.client;
