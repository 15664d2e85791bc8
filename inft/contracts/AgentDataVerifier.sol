// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import "./IERC7857.sol";
import {OracleRegistry} from "./OracleRegistry.sol";
import {Signatures} from "./Signatures.sol";

/// ERC-7857's data verifier for TEE-style oracles. Every proof is EIP-712 typed data in the domain of the token
/// contract that calls (name "Levity iNFT", version "1", this chain), bound to the token, the sender, the receiver,
/// the old and new data hashes, the sealed key, the receiver's encryption key, a nonce and a deadline. The ownership
/// proof must come from an oracle the OracleRegistry admits; the access proof from the receiver or the assistant it
/// delegated its access to. Every nonce is remembered for good.
contract AgentDataVerifier is IERC7857DataVerifier {
    bytes32 public constant NAME_HASH = keccak256("Levity iNFT");
    bytes32 public constant ACCESS_TYPEHASH = keccak256(
        "AccessProof(uint256 tokenId,address from,address to,bytes32 oldDataHash,bytes32 newDataHash,"
        "bytes sealedKey,bytes encryptedPubKey,bytes nonce,uint256 deadline)"
    );
    bytes32 public constant OWNERSHIP_TYPEHASH = keccak256(
        "OwnershipProof(uint8 oracleType,uint256 tokenId,address from,address to,bytes32 oldDataHash,"
        "bytes32 newDataHash,bytes sealedKey,bytes encryptedPubKey,bytes nonce,uint256 deadline)"
    );
    bytes32 public constant DATA_STORED_TYPEHASH = keccak256(
        "DataStored(uint256 tokenId,address owner,bytes32[] oldDataHashes,bytes32[] newDataHashes,bytes nonce,"
        "uint256 deadline)"
    );
    uint256 public constant PUBLIC_KEY_BYTES = 64;

    OracleRegistry public immutable registry;
    mapping(address signer => mapping(bytes32 key => bool)) private usedNonces;

    /// What one transfer binds every proof to.
    struct Binding {
        bytes32 domain;
        uint256 tokenId;
        address from;
        address to;
        address assistant;
    }

    event NonceConsumed(address indexed signer, bytes32 indexed typehash, bytes nonce);

    error ZkProofsNotSupported(uint256 index);
    error ProofExpired(uint256 deadline, uint256 timestamp);
    error OracleNotRegistered(address signer);
    error AccessNotGranted(address signer, address receiver);
    error NonceAlreadyUsed(address signer, bytes nonce);
    error ProofsDisagree(uint256 index);
    error ReceiverKeyMismatch(uint256 index);
    error ReceiverKeyNotRegistered(address receiver);
    error BadPublicKey(uint256 length);
    error CallerNotATokenContract(address caller);

    constructor(OracleRegistry registry_) {
        registry = registry_;
    }

    function verifyTransferValidity(uint256 tokenId, address from, address to, TransferValidityProof[] calldata proofs)
        external
        returns (TransferValidityProofOutput[] memory out)
    {
        // The caller is the token contract whose domain the proofs are signed in, and it answers who the receiver
        // delegated to; an account without code cannot be one.
        if (msg.sender.code.length == 0) revert CallerNotATokenContract(msg.sender);
        Binding memory b = Binding(
            Signatures.domain(NAME_HASH, msg.sender), tokenId, from, to, IERC7857(msg.sender).getDelegateAccess(to)
        );
        bytes memory registeredKey = IReceiverDirectory(msg.sender).encryptionKeyOf(to);
        out = new TransferValidityProofOutput[](proofs.length);
        for (uint256 i; i < proofs.length; ++i) {
            out[i] = verifyOne(b, registeredKey, proofs[i], i);
        }
    }

    function verifyOne(Binding memory b, bytes memory registeredKey, TransferValidityProof calldata p, uint256 i)
        private
        returns (TransferValidityProofOutput memory)
    {
        AccessProof calldata a = p.accessProof;
        OwnershipProof calldata o = p.ownershipProof;
        if (o.oracleType == OracleType.ZKP) revert ZkProofsNotSupported(i);
        if (a.oldDataHash != o.oldDataHash || a.newDataHash != o.newDataHash) revert ProofsDisagree(i);
        if (o.encryptedPubKey.length != PUBLIC_KEY_BYTES) revert BadPublicKey(o.encryptedPubKey.length);
        if (keccak256(a.encryptedPubKey) != keccak256(o.encryptedPubKey)) revert ReceiverKeyMismatch(i);
        notExpired(o.deadline);
        notExpired(a.deadline);

        address oracle = Signatures.recover(Signatures.digest(b.domain, ownershipHash(b, o)), o.proof);
        if (!registry.isOracle(oracle)) revert OracleNotRegistered(oracle);
        address accessSigner = Signatures.recover(Signatures.digest(b.domain, accessHash(b, a, o.sealedKey)), a.proof);
        bool byAssistant = accessSigner != b.to;
        if (byAssistant && (b.assistant == address(0) || accessSigner != b.assistant)) {
            revert AccessNotGranted(accessSigner, b.to);
        }
        if (registeredKey.length != 0) {
            if (keccak256(registeredKey) != keccak256(o.encryptedPubKey)) revert ReceiverKeyMismatch(i);
        } else if (byAssistant) {
            // An assistant may only seal to the key its user published.
            revert ReceiverKeyNotRegistered(b.to);
        }
        consume(oracle, OWNERSHIP_TYPEHASH, o.nonce);
        consume(accessSigner, ACCESS_TYPEHASH, a.nonce);
        return TransferValidityProofOutput(
            o.oldDataHash,
            o.newDataHash,
            o.sealedKey,
            o.encryptedPubKey,
            registeredKey,
            byAssistant ? accessSigner : address(0),
            a.nonce,
            o.nonce
        );
    }

    function verifyDataStored(
        uint256 tokenId,
        address owner,
        bytes32[] calldata oldDataHashes,
        bytes32[] calldata newDataHashes,
        DataProof calldata proof
    ) external returns (address oracle) {
        notExpired(proof.deadline);
        bytes32 structHash = keccak256(
            abi.encode(
                DATA_STORED_TYPEHASH,
                tokenId,
                owner,
                keccak256(abi.encodePacked(oldDataHashes)),
                keccak256(abi.encodePacked(newDataHashes)),
                keccak256(proof.nonce),
                proof.deadline
            )
        );
        oracle = Signatures.recover(
            Signatures.digest(Signatures.domain(NAME_HASH, msg.sender), structHash), proof.signature
        );
        if (!registry.isOracle(oracle)) revert OracleNotRegistered(oracle);
        consume(oracle, DATA_STORED_TYPEHASH, proof.nonce);
    }

    function isNonceUsed(address signer, bytes32 typehash, bytes calldata nonce) external view returns (bool) {
        return usedNonces[signer][nonceKey(typehash, nonce)];
    }

    function ownershipHash(Binding memory b, OwnershipProof calldata o) private pure returns (bytes32) {
        // Two encodings of whole words concatenated are the one encoding of all the fields (and keep the stack small).
        return keccak256(
            bytes.concat(
                abi.encode(OWNERSHIP_TYPEHASH, uint8(o.oracleType), b.tokenId, b.from, b.to, o.oldDataHash),
                abi.encode(
                    o.newDataHash,
                    keccak256(o.sealedKey),
                    keccak256(o.encryptedPubKey),
                    keccak256(o.nonce),
                    o.deadline
                )
            )
        );
    }

    function accessHash(Binding memory b, AccessProof calldata a, bytes calldata sealedKey)
        private
        pure
        returns (bytes32)
    {
        return keccak256(
            bytes.concat(
                abi.encode(ACCESS_TYPEHASH, b.tokenId, b.from, b.to, a.oldDataHash, a.newDataHash),
                abi.encode(keccak256(sealedKey), keccak256(a.encryptedPubKey), keccak256(a.nonce), a.deadline)
            )
        );
    }

    function notExpired(uint256 deadline) private view {
        if (block.timestamp > deadline) revert ProofExpired(deadline, block.timestamp);
    }

    function consume(address signer, bytes32 typehash, bytes calldata nonce) private {
        bytes32 key = nonceKey(typehash, nonce);
        if (usedNonces[signer][key]) revert NonceAlreadyUsed(signer, nonce);
        usedNonces[signer][key] = true;
        emit NonceConsumed(signer, typehash, nonce);
    }

    function nonceKey(bytes32 typehash, bytes calldata nonce) private pure returns (bytes32) {
        return keccak256(abi.encode(typehash, keccak256(nonce)));
    }
}
