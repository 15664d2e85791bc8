// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/// The Final ERC-7857 shapes, with one addition each to the two proofs: a deadline (the standard's proofs never
/// expire). The data verifier also receives the token, sender and receiver the proofs are bound to.

enum OracleType {
    TEE,
    ZKP
}

struct IntelligentData {
    string dataDescription;
    bytes32 dataHash;
}

/// Signed (EIP-712, AgentNFT's domain) by the receiver or the assistant it delegated its access to.
struct AccessProof {
    bytes32 oldDataHash;
    bytes32 newDataHash;
    bytes nonce;
    bytes encryptedPubKey;
    bytes proof;
    uint256 deadline;
}

/// Signed (EIP-712, AgentNFT's domain) by an oracle registered in the OracleRegistry.
struct OwnershipProof {
    OracleType oracleType;
    bytes32 oldDataHash;
    bytes32 newDataHash;
    bytes sealedKey;
    bytes encryptedPubKey;
    bytes nonce;
    bytes proof;
    uint256 deadline;
}

struct TransferValidityProof {
    AccessProof accessProof;
    OwnershipProof ownershipProof;
}

struct TransferValidityProofOutput {
    bytes32 oldDataHash;
    bytes32 newDataHash;
    bytes sealedKey;
    bytes encryptedPubKey;
    bytes wantedKey;
    address accessAssistant;
    bytes accessProofNonce;
    bytes ownershipProofNonce;
}

/// An oracle's statement (EIP-712, AgentNFT's domain) that the ciphertexts named by newDataHashes are stored on the
/// storage network (each hash is the file's storage root) and that it holds their keys.
struct DataProof {
    bytes nonce;
    uint256 deadline;
    bytes signature;
}

interface IERC7857DataVerifier {
    /// Checks every proof for a transfer or clone of tokenId from `from` to `to` on the calling token contract
    /// (msg.sender is the EIP-712 verifying contract) and consumes their nonces; reverts on any failure.
    function verifyTransferValidity(uint256 tokenId, address from, address to, TransferValidityProof[] calldata proofs)
        external
        returns (TransferValidityProofOutput[] memory);

    /// Checks an oracle's DataProof for a mint (tokenId 0, no old hashes) or an update and consumes its nonce.
    function verifyDataStored(
        uint256 tokenId,
        address owner,
        bytes32[] calldata oldDataHashes,
        bytes32[] calldata newDataHashes,
        DataProof calldata proof
    ) external returns (address oracle);
}

interface IERC7857Metadata {
    function name() external view returns (string memory);
    function symbol() external view returns (string memory);
    function intelligentDataOf(uint256 tokenId) external view returns (IntelligentData[] memory);
}

interface IERC7857 {
    event Transferred(uint256 tokenId, address indexed from, address indexed to);
    event Cloned(uint256 indexed tokenId, uint256 indexed newTokenId, address from, address to);
    event PublishedSealedKey(address indexed to, uint256 indexed tokenId, bytes[] sealedKeys);
    event Authorization(address indexed from, address indexed to, uint256 indexed tokenId);
    event AuthorizationRevoked(address indexed from, address indexed to, uint256 indexed tokenId);
    event DelegateAccess(address indexed user, address indexed assistant);

    function verifier() external view returns (IERC7857DataVerifier);
    function iTransfer(address to, uint256 tokenId, TransferValidityProof[] calldata proofs) external;
    function iClone(address to, uint256 tokenId, TransferValidityProof[] calldata proofs)
        external
        returns (uint256 newTokenId);
    function authorizeUsage(uint256 tokenId, address user) external;
    function revokeAuthorization(uint256 tokenId, address user) external;
    function delegateAccess(address assistant) external;
    function authorizedUsersOf(uint256 tokenId) external view returns (address[] memory);
    function getDelegateAccess(address user) external view returns (address);
}

/// What the verifier reads back from the token contract that calls it, besides getDelegateAccess: the encryption key
/// a receiver published (empty if none).
interface IReceiverDirectory {
    function encryptionKeyOf(address user) external view returns (bytes memory);
}

interface IERC2981 {
    function royaltyInfo(uint256 tokenId, uint256 salePrice) external view returns (address receiver, uint256 amount);
}
