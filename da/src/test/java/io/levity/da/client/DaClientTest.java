package io.levity.da.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.bls.Bls;
import io.levity.core.crypto.bls.BlsSignature;
import io.levity.da.node.DaNodeException;
import io.levity.da.node.DaNodeTransport;
import io.levity.da.node.NodeFaults;
import io.levity.da.node.StoreRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client against a DA layer in one process: six equal nodes, so a third is two. Each fault
 * below is one the issue names: nodes down, nodes serving bad cells, nodes withholding, nodes
 * returning signatures that do not verify.
 */
class DaClientTest {
  @TempDir Path dir;

  private static byte[] data(int length, long seed) {
    byte[] b = new byte[length];
    new Random(seed).nextBytes(b);
    return b;
  }

  @Test
  void submitCertifyGetSampleAndVerify() throws Exception {
    try (DaLayer layer = new DaLayer(dir, 6, Map.of())) {
      DaClient client = layer.client();
      byte[] blob = data(200_000, 1);
      DisperseOutcome out = client.disperse(blob, line -> {});
      Bytes32 id = out.record().blobId();
      assertThat(out.record().status()).isEqualTo(BlobStatus.CERTIFIED);
      assertThat(out.record().certificate().orElseThrow().signers().bitCount()).isEqualTo(6);
      assertThat(layer.chain.certified(id)).isPresent();
      assertThat(client.status(id)).isEqualTo(BlobStatus.CERTIFIED);
      RetrieveOutcome got = client.retrieve(id);
      assertThat(got.data().toArray()).isEqualTo(blob);
      assertThat(got.reported()).isEmpty();
      SampleOutcome s = client.sample(id, 16, 0.99, new Random(3));
      assertThat(s.available()).isTrue();
      assertThat(s.succeeded()).isEqualTo(2 * 16);
      assertThat(s.confidence()).isEqualTo(Sampling.confidence(16)).isGreaterThan(0.9999);
      VerifyOutcome v = client.verify(id);
      assertThat(v.valid()).isTrue();
      assertThat(v.onChainCheck()).contains(true);
    }
  }

  @Test
  void aThirdOfTheNodesDownStillSamplesAsAvailableWithEnoughSamples() throws Exception {
    try (DaLayer layer = new DaLayer(dir, 6, Map.of())) {
      DaClient client = layer.client();
      Bytes32 id = client.disperse(data(100_000, 9), line -> {}).record().blobId();
      layer.transport.setDown(DaLayer.endpoint(2), true);
      layer.transport.setDown(DaLayer.endpoint(5), true);
      SampleOutcome s = client.sample(id, 16, 0.99, new Random(11));
      assertThat(s.failed()).isNotEmpty();
      assertThat(s.available()).isTrue();
      assertThat(s.mostPerPiece()).as("more rounds than the first").isGreaterThan(16);
      assertThat(s.reported()).containsOnlyKeys(2, 5);
    }
  }

  @Test
  void aThirdOfTheNodesDownStillCertifiesAndRebuilds() throws Exception {
    try (DaLayer layer = new DaLayer(dir, 6, Map.of())) {
      layer.transport.setDown(DaLayer.endpoint(1), true);
      layer.transport.setDown(DaLayer.endpoint(4), true);
      DaClient client = layer.client();
      byte[] blob = data(300_000, 2);
      DisperseOutcome out = client.disperse(blob, line -> {});
      assertThat(out.record().status()).isEqualTo(BlobStatus.CERTIFIED);
      assertThat(out.record().nodeErrors()).containsOnlyKeys(1, 4);
      RetrieveOutcome got = client.retrieve(out.record().blobId());
      assertThat(got.data().toArray()).isEqualTo(blob);
      assertThat(got.reported()).containsOnlyKeys(1, 4);
    }
  }

  @Test
  void moreThanAThirdDownIsInsufficientSignatures() throws Exception {
    try (DaLayer layer = new DaLayer(dir, 6, Map.of())) {
      for (int i : new int[] {0, 2, 5}) layer.transport.setDown(DaLayer.endpoint(i), true);
      DaClient client = layer.client();
      DisperseOutcome out = client.disperse(data(50_000, 3), line -> {});
      assertThat(out.record().status()).isEqualTo(BlobStatus.INSUFFICIENT_SIGNATURES);
      assertThat(out.record().reason()).contains("3 of 6 nodes signed", "50.0%");
      assertThat(layer.chain.certified(out.record().blobId())).isEmpty();
      assertThat(client.status(out.record().blobId()))
          .isEqualTo(BlobStatus.INSUFFICIENT_SIGNATURES);
    }
  }

  @Test
  void badCellsAreCaughtByTheirProofsAndTheNodesReported() throws Exception {
    Map<Integer, NodeFaults> liars =
        Map.of(0, NodeFaults.corruptingAll(), 3, NodeFaults.corruptingAll());
    try (DaLayer layer = new DaLayer(dir, 6, liars)) {
      DaClient client = layer.client();
      byte[] blob = data(200_000, 4);
      Bytes32 id = client.disperse(blob, line -> {}).record().blobId();
      RetrieveOutcome got = client.retrieve(id);
      assertThat(got.data().toArray()).isEqualTo(blob);
      assertThat(got.reported()).containsOnlyKeys(0, 3);
      assertThat(got.reported().get(0)).contains("proof fails");
      // A third of the cells are bad, two thirds come back: still recoverable, and the liars named.
      SampleOutcome s = client.sample(id, 16, 0.99, new Random(5));
      assertThat(s.failed()).isNotEmpty();
      assertThat(s.available()).isTrue();
      assertThat(s.reported()).containsOnlyKeys(0, 3);
    }
  }

  @Test
  void aWithheldBlobFailsSamplingAndCannotBeRebuilt() throws Exception {
    Map<Integer, NodeFaults> hiders =
        Map.of(
            0, NodeFaults.withholdingAll(),
            1, NodeFaults.withholdingAll(),
            2, NodeFaults.withholdingAll(),
            3, NodeFaults.withholdingAll());
    try (DaLayer layer = new DaLayer(dir, 6, hiders)) {
      DaClient client = layer.client();
      Bytes32 id = client.disperse(data(150_000, 6), line -> {}).record().blobId();
      assertThat(client.status(id)).isEqualTo(BlobStatus.CERTIFIED); // they signed, then hid
      SampleOutcome s = client.sample(id, 16, 0.99, new Random(7));
      assertThat(s.available()).isFalse();
      assertThat(s.confidence()).isLessThan(0.5);
      assertThat(s.mostPerPiece()).as("it drew every cell before giving up").isEqualTo(128);
      assertThat(s.failed()).isNotEmpty();
      assertThatThrownBy(() -> client.retrieve(id))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("cannot be rebuilt");
    }
  }

  @Test
  void slowNodesDoNotHoldBackTheCertificate() throws Exception {
    try (DaLayer layer = new DaLayer(dir, 6, Map.of())) {
      Set<String> slow = Set.of(DaLayer.endpoint(2), DaLayer.endpoint(3));
      CountDownLatch never = new CountDownLatch(1);
      DaNodeTransport stalling =
          new ForwardingTransport(layer.transport) {
            @Override
            public BlsSignature store(String endpoint, StoreRequest request)
                throws DaNodeException {
              if (slow.contains(endpoint)) {
                try {
                  never.await(); // until the client gives up on it and interrupts
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  throw new DaNodeException(0, endpoint + ": interrupted", e);
                }
              }
              return super.store(endpoint, request);
            }
          };
      DisperseOutcome out = layer.client(stalling).disperse(data(30_000, 12), line -> {});
      assertThat(out.record().status()).isEqualTo(BlobStatus.CERTIFIED);
      assertThat(out.record().certificate().orElseThrow().signers().bitCount()).isEqualTo(4);
      assertThat(out.record().nodeErrors()).containsOnlyKeys(2, 3);
      assertThat(out.record().nodeErrors().get(2)).isEqualTo("no answer in time");
    }
  }

  @Test
  void aCertificateOverTakenByTheEpochIsDispersedAgainInTheNewOne() throws Exception {
    try (DaLayer layer = new DaLayer(dir, 6, Map.of())) {
      AtomicInteger stored = new AtomicInteger();
      long first = layer.chain.currentEpoch();
      DaNodeTransport slowChain =
          new ForwardingTransport(layer.transport) {
            @Override
            public BlsSignature store(String endpoint, StoreRequest request)
                throws DaNodeException {
              BlsSignature sig = super.store(endpoint, request);
              // the sixth signature of the first round arrives two epochs late
              if (stored.incrementAndGet() == 6) {
                layer.chain.advanceEpoch();
                layer.chain.advanceEpoch();
              }
              return sig;
            }
          };
      List<String> progress = new ArrayList<>();
      DisperseOutcome out = layer.client(slowChain).disperse(data(20_000, 13), progress::add);
      assertThat(out.record().status()).isEqualTo(BlobStatus.CERTIFIED);
      assertThat(out.record().epoch()).isEqualTo(first + 2);
      assertThat(stored.get()).isEqualTo(12);
      assertThat(progress).anyMatch(l -> l.contains("dispersing again in epoch " + (first + 2)));
    }
  }

  @Test
  void signaturesThatDoNotVerifyAreNotCounted() throws Exception {
    try (DaLayer layer = new DaLayer(dir, 6, Map.of())) {
      Set<String> forgers = Set.of(DaLayer.endpoint(0), DaLayer.endpoint(1), DaLayer.endpoint(2));
      DaNodeTransport forging =
          new ForwardingTransport(layer.transport) {
            @Override
            public BlsSignature store(String endpoint, StoreRequest request)
                throws DaNodeException {
              BlsSignature real = super.store(endpoint, request);
              if (!forgers.contains(endpoint)) return real;
              return Bls.sign(layer.keys.get(5).secret(), request.header().id());
            }
          };
      DisperseOutcome out = layer.client(forging).disperse(data(40_000, 8), line -> {});
      assertThat(out.record().status()).isEqualTo(BlobStatus.INSUFFICIENT_SIGNATURES);
      assertThat(out.record().nodeErrors().get(0)).contains("does not verify");
    }
  }
}
