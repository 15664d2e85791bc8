// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/// @notice A user's signed request (EIP-712 type Request) and the provider's signed answer to it (type Response).
struct InferenceRequest {
    address user;
    address provider;
    bytes32 requestHash;
    uint256 maxFee;
    uint256 nonce;
    uint256 deadline;
}

struct InferenceResponse {
    bytes32 requestHash;
    bytes32 responseHash;
    bytes32 modelRoot;
    uint32 inputTokens;
    uint32 outputTokens;
    uint256 fee;
    address user;
    uint256 nonce;
}

/// @notice One leaf of a settlement batch: a receipt (both structs, both 65-byte signatures) and the running total
/// of the user's fees in the batch up to and including this receipt (nonces ascending).
struct ReceiptLeaf {
    InferenceRequest request;
    InferenceResponse response;
    bytes userSignature;
    bytes providerSignature;
    uint256 cumulativeFee;
}

/// @notice A leaf with its position in the batch's tree and the sibling hashes from the bottom up.
struct LeafProof {
    ReceiptLeaf leaf;
    uint256 index;
    bytes32[] proof;
}

/// @title EIP-712 hashing, lenient signature recovery and the batch tree of the inference market
library InferenceReceipts {
    bytes32 internal constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    bytes32 internal constant NAME_HASH = keccak256("Levity Inference");
    bytes32 internal constant VERSION_HASH = keccak256("1");
    bytes32 internal constant REQUEST_TYPEHASH = keccak256(
        "Request(address user,address provider,bytes32 requestHash,uint256 maxFee,uint256 nonce,uint256 deadline)"
    );
    bytes32 internal constant RESPONSE_TYPEHASH = keccak256(
        "Response(bytes32 requestHash,bytes32 responseHash,bytes32 modelRoot,uint32 inputTokens,uint32 outputTokens,"
        "uint256 fee,address user,uint256 nonce)"
    );
    uint256 private constant HALF_N = 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0;

    function domainSeparator() internal view returns (bytes32) {
        return keccak256(abi.encode(DOMAIN_TYPEHASH, NAME_HASH, VERSION_HASH, block.chainid, address(this)));
    }

    function requestStructHash(InferenceRequest calldata r) internal pure returns (bytes32) {
        return keccak256(abi.encode(REQUEST_TYPEHASH, r.user, r.provider, r.requestHash, r.maxFee, r.nonce, r.deadline));
    }

    function responseStructHash(InferenceResponse calldata r) internal pure returns (bytes32) {
        return keccak256(
            abi.encode(
                RESPONSE_TYPEHASH,
                r.requestHash,
                r.responseHash,
                r.modelRoot,
                r.inputTokens,
                r.outputTokens,
                r.fee,
                r.user,
                r.nonce
            )
        );
    }

    function digest(bytes32 structHash) internal view returns (bytes32) {
        return keccak256(abi.encodePacked(hex"1901", domainSeparator(), structHash));
    }

    /// The leaf: keccak256(abi.encode(requestStructHash, responseStructHash, keccak256(userSignature),
    /// keccak256(providerSignature), cumulativeFee)), 160 bytes hashed, never confused with a 64-byte inner node.
    function leafHash(ReceiptLeaf calldata l) internal pure returns (bytes32) {
        return keccak256(
            abi.encode(
                requestStructHash(l.request),
                responseStructHash(l.response),
                keccak256(l.userSignature),
                keccak256(l.providerSignature),
                l.cumulativeFee
            )
        );
    }

    /// The root over `leaf` at `index`: the leaves sit in a complete binary tree of 2^proof.length slots (empty slots
    /// hold bytes32(0)); node = keccak256(left || right); bit i of the index says whether the node at level i is a
    /// right child.
    function rootOf(bytes32 leaf, uint256 index, bytes32[] calldata proof) internal pure returns (bytes32 h) {
        h = leaf;
        for (uint256 i = 0; i < proof.length; i++) {
            h = (index >> i) & 1 == 0
                ? keccak256(abi.encodePacked(h, proof[i]))
                : keccak256(abi.encodePacked(proof[i], h));
        }
    }

    /// The tree depth for `leafCount` leaves: the least d with 2^d >= leafCount.
    function depth(uint256 leafCount) internal pure returns (uint8 d) {
        while ((uint256(1) << d) < leafCount) d++;
    }

    /// The signer of `hash`, or address(0) when the signature is malformed, not canonical (high s, bad v) or does not
    /// recover: a challenge treats all of those as a missing signature rather than reverting.
    function signer(bytes32 hash, bytes calldata sig) internal pure returns (address) {
        if (sig.length != 65) return address(0);
        bytes32 r = bytes32(sig[0:32]);
        bytes32 s = bytes32(sig[32:64]);
        uint8 v = uint8(sig[64]);
        if (v < 27) v += 27;
        if (uint256(s) > HALF_N || (v != 27 && v != 28)) return address(0);
        return ecrecover(hash, v, r, s);
    }
}
