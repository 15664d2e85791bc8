/**
 * The client side of the storage network: {@link io.levity.storage.client.StorageClient} (upload,
 * download, status, repair) over a {@link io.levity.storage.client.StorageNodeTransport}, the node
 * protocol as calls, which {@link io.levity.storage.client.HttpNodeClient} speaks over HTTP and
 * {@link io.levity.storage.client.InProcessNodeTransport} to nodes in this process; and the proof
 * auditor that challenges the nodes every epoch.
 */
package io.levity.storage.client;
