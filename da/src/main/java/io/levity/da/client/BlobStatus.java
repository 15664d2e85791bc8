package io.levity.da.client;

/**
 * Where a dispersed blob stands, named as 0G DA's {@code GetBlobStatus} names them.
 *
 * <ul>
 *   <li>{@code PROCESSING}: encoded and being sent to the quorum, or its certificate is in flight;
 *   <li>{@code CERTIFIED}: the DataAvailability contract recorded its certificate;
 *   <li>{@code INSUFFICIENT_SIGNATURES}: the nodes that signed held less than the threshold of
 *       stake;
 *   <li>{@code FAILED}: anything else (the chain refused the certificate, the chain was down);
 *   <li>{@code UNKNOWN}: neither this client nor the chain knows the id.
 * </ul>
 */
public enum BlobStatus {
  PROCESSING,
  CERTIFIED,
  INSUFFICIENT_SIGNATURES,
  FAILED,
  UNKNOWN
}
