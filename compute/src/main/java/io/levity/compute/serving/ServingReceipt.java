package io.levity.compute.serving;

import io.levity.core.bytes.Bytes;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One served answer as settlement needs it: the user's signed request terms and signature, the
 * provider's signed response terms and signature (both 65 bytes, r || s || v), and whether an
 * auditor can re-execute it.
 */
public record ServingReceipt(
    ServingRequestTerms request,
    Bytes userSignature,
    ServingResponseTerms response,
    Bytes providerSignature,
    boolean verifiable) {

  /** The receipt as the provider's response headers ({@code X-Levity-*}, docs/compute.md). */
  public Map<String, String> headers() {
    ServingResponseTerms s = response;
    Map<String, String> h = new LinkedHashMap<>();
    h.put("X-Levity-Provider", request.provider().toHex());
    h.put("X-Levity-Request-Hash", s.requestHash().toHex());
    h.put("X-Levity-Response-Hash", s.responseHash().toHex());
    h.put("X-Levity-Model-Root", s.modelRoot().toHex());
    h.put("X-Levity-Input-Tokens", Long.toString(s.inputTokens()));
    h.put("X-Levity-Output-Tokens", Long.toString(s.outputTokens()));
    h.put("X-Levity-Fee", s.fee().toString());
    h.put("X-Levity-Nonce", Long.toUnsignedString(s.nonce()));
    h.put("X-Levity-Receipt-Signature", providerSignature.toHex());
    h.put("X-Levity-Verifiable", Boolean.toString(verifiable));
    return h;
  }
}
