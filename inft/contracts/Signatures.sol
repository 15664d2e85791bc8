// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/// EIP-712 digests and strict secp256k1 recovery shared by the iNFT contracts.
library Signatures {
    bytes32 internal constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    uint256 private constant HALF_N = 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0;

    error MalformedSignature(uint256 length);
    error SignatureNotCanonical();
    error SignatureUnrecoverable();

    /// The domain separator of `name` version "1" on this chain at `verifyingContract`.
    function domain(bytes32 nameHash, address verifyingContract) internal view returns (bytes32) {
        return keccak256(abi.encode(DOMAIN_TYPEHASH, nameHash, keccak256("1"), block.chainid, verifyingContract));
    }

    function digest(bytes32 domainSeparator, bytes32 structHash) internal pure returns (bytes32) {
        return keccak256(abi.encodePacked(hex"1901", domainSeparator, structHash));
    }

    /// The signer of `hash`: 65 bytes r || s || v (v 27/28 or 0/1), low s only, never address(0).
    function recover(bytes32 hash, bytes calldata sig) internal pure returns (address signer) {
        if (sig.length != 65) revert MalformedSignature(sig.length);
        bytes32 r = bytes32(sig[0:32]);
        bytes32 s = bytes32(sig[32:64]);
        uint8 v = uint8(sig[64]);
        if (v < 27) v += 27;
        if (uint256(s) > HALF_N || (v != 27 && v != 28)) revert SignatureNotCanonical();
        signer = ecrecover(hash, v, r, s);
        if (signer == address(0)) revert SignatureUnrecoverable();
    }
}
