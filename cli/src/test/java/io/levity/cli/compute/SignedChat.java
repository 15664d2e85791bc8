package io.levity.cli.compute;

import io.levity.compute.inference.InferenceRequest;
import io.levity.compute.inference.InferenceResponse;
import io.levity.compute.inference.InferenceTypedData;
import io.levity.compute.serving.InferenceApi;
import io.levity.compute.serving.SignedRequestGate;
import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.core.crypto.Secp256k1;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;

/**
 * What the provider ITs share on the wire: a chat request signed the way the gate checks it (the
 * X-Levity-* headers over the exact body), and the provider's receipt headers read back as the
 * market's Response terms and their signer.
 */
final class SignedChat {
  private SignedChat() {}

  /**
   * {@code body} to the provider on {@code port}, signed by {@code user} with a 10-minute deadline.
   */
  static HttpRequest request(
      int port,
      InferenceTypedData.Domain domain,
      Secp256k1.KeyPair user,
      Address provider,
      byte[] body,
      long nonce,
      BigInteger maxFee) {
    long deadline = System.currentTimeMillis() / 1000 + 600;
    InferenceRequest q =
        new InferenceRequest(user.address(), provider, Keccak.hash(body), maxFee, nonce, deadline);
    Bytes sig = InferenceTypedData.sign(user, InferenceTypedData.requestDigest(domain, q));
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .header("Content-Type", "application/json")
        .header(SignedRequestGate.USER, user.address().toHex())
        .header(SignedRequestGate.NONCE, Long.toString(nonce))
        .header(SignedRequestGate.MAX_FEE, maxFee.toString())
        .header(SignedRequestGate.DEADLINE, Long.toString(deadline))
        .header(SignedRequestGate.SIGNATURE, sig.toHex())
        .build();
  }

  /**
   * The Response terms {@code r}'s receipt headers state for answer {@code text} to {@code body}.
   */
  static InferenceResponse terms(
      HttpResponse<String> r,
      byte[] body,
      String text,
      Bytes32 modelRoot,
      Address user,
      long nonce) {
    return new InferenceResponse(
        Keccak.hash(body),
        InferenceApi.text(text),
        modelRoot,
        Long.parseLong(header(r, "X-Levity-Input-Tokens")),
        Long.parseLong(header(r, "X-Levity-Output-Tokens")),
        new BigInteger(header(r, "X-Levity-Fee")),
        user,
        nonce);
  }

  /** Who signed {@code r}'s receipt over {@code terms}, by the market's Response digest. */
  static Optional<Address> signer(
      HttpResponse<String> r, InferenceTypedData.Domain domain, InferenceResponse terms) {
    return InferenceTypedData.recover(
        InferenceTypedData.responseDigest(domain, terms),
        Bytes.fromHex(header(r, "X-Levity-Receipt-Signature")));
  }

  static String header(HttpResponse<String> r, String name) {
    return r.headers().firstValue(name).orElseThrow(() -> new AssertionError("no " + name));
  }
}
