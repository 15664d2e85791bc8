package io.levity.inft;

import io.levity.core.bytes.Address;
import java.math.BigInteger;

/**
 * What every proof of one transfer or clone is bound to: the chain and AgentNFT contract (the
 * EIP-712 domain), the token, its owner and the receiver.
 */
public record TransferBinding(
    long chainId, Address nft, BigInteger tokenId, Address from, Address to) {}
