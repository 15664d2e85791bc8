package io.levity.compute.audit;

import io.levity.compute.inference.BatchBundle;
import io.levity.compute.inference.InferenceReceipt;
import io.levity.compute.inference.InferenceRequest;
import io.levity.compute.inference.InferenceResponse;
import io.levity.compute.inference.InferenceService;
import io.levity.compute.inference.InferenceTypedData;
import io.levity.compute.inference.MarketFault;
import io.levity.compute.inference.MarketState;
import io.levity.compute.inference.ServiceType;
import io.levity.core.bytes.Address;
import io.levity.core.crypto.Keccak;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Judges one leaf of a batch: first the rules the contract checks itself (signatures, binding,
 * model, fee, deadline: a challenge on such a leaf voids the batch at once), then, for a leaf it is
 * asked to re-execute, the request body against its signed hash and the re-executed answer's
 * Keccak-256 against the signed response hash.
 */
public final class LeafJudge {
  private final InferenceTypedData.Domain domain;
  private final Reexecutor reexecutor;

  public LeafJudge(InferenceTypedData.Domain domain, Reexecutor reexecutor) {
    this.domain = domain;
    this.reexecutor = reexecutor;
  }

  /**
   * The first rule the receipt breaks that the contract checks on a challenge, as the contract's
   * leafFault orders them (the nonce range and running totals are left to the contract).
   */
  public Optional<MarketFault> immediate(
      InferenceService service, MarketState.Batch batch, InferenceReceipt r) {
    InferenceRequest q = r.request();
    InferenceResponse s = r.response();
    Optional<Address> user =
        InferenceTypedData.recover(InferenceTypedData.requestDigest(domain, q), r.userSignature());
    if (q.user().equals(Address.ZERO) || !user.equals(Optional.of(q.user())))
      return Optional.of(MarketFault.USER_SIGNATURE);
    Optional<Address> signer =
        InferenceTypedData.recover(
            InferenceTypedData.responseDigest(domain, s), r.providerSignature());
    if (!signer.equals(Optional.of(service.signer())))
      return Optional.of(MarketFault.PROVIDER_SIGNATURE);
    if (!q.provider().equals(batch.provider())
        || !s.requestHash().equals(q.requestHash())
        || !s.user().equals(q.user())
        || s.nonce() != q.nonce()) return Optional.of(MarketFault.BINDING);
    if (!s.modelRoot().equals(service.modelRoot())) return Optional.of(MarketFault.MODEL);
    if (s.fee().compareTo(q.maxFee()) > 0) return Optional.of(MarketFault.FEE_ABOVE_MAX);
    if (!s.fee().equals(service.fee(s.inputTokens(), s.outputTokens())))
      return Optional.of(MarketFault.FEE_MISMATCH);
    if (batch.submittedAt() > q.deadline()) return Optional.of(MarketFault.DEADLINE);
    return Optional.empty();
  }

  /** The full verdict on {@code leaf}: an immediate fault, else what re-execution says. */
  public LeafVerdict judge(
      InferenceService service, MarketState.Batch batch, BatchBundle.Leaf leaf) {
    Optional<MarketFault> fault = immediate(service, batch, leaf.receipt());
    if (fault.isPresent()) return new LeafVerdict.Immediate(fault.get());
    if (service.type() != ServiceType.CHAT)
      return new LeafVerdict.Unknown("only chat answers are re-executed");
    if (!leaf.requestMatches())
      return new LeafVerdict.Unknown("the bundle's request body does not hash to the request");
    String text;
    try {
      text = reexecutor.rerun(leaf.receipt(), leaf.requestBody());
    } catch (AuditException e) {
      return new LeafVerdict.Unknown(e.getMessage());
    }
    var again = Keccak.hash(text.getBytes(StandardCharsets.UTF_8));
    var signed = leaf.receipt().response().responseHash();
    return again.equals(signed) ? new LeafVerdict.Right() : new LeafVerdict.Wrong(signed, again);
  }
}
