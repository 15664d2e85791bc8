// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import "./IERC7857.sol";

interface IERC721Receiver {
    function onERC721Received(address operator, address from, uint256 tokenId, bytes calldata data)
        external
        returns (bytes4);
}

/// AI agents as ERC-7857 tokens (also ERC-721, ERC-165 and ERC-2981). A token's private data (encrypted, stored on
/// the storage network, one hash per item) moves only with proofs: iTransfer re-keys it for the receiver, iClone
/// gives the receiver a re-keyed copy; plain ERC-721 transfers are refused while the token holds private data. Mint
/// and update need a registered oracle's statement that the ciphertexts are stored; every data hash a token ever had
/// is kept in its history.
contract AgentNFT is IERC7857, IERC7857Metadata, IReceiverDirectory, IERC2981 {
    uint96 public constant MAX_ROYALTY_BPS = 1000;
    uint256 public constant MAX_DATA_ITEMS = 16;
    uint256 public constant MAX_AUTHORIZED_USERS = 64;
    uint256 public constant PUBLIC_KEY_BYTES = 64;

    struct Token {
        address owner;
        uint96 royaltyBps;
        address approved;
        address creator;
        uint256 parent;
    }

    string public name;
    string public symbol;
    IERC7857DataVerifier public immutable verifier;
    uint256 public totalSupply;

    mapping(uint256 => Token) private tokens;
    mapping(uint256 => IntelligentData[]) private data;
    mapping(uint256 => bytes32[]) private history;
    mapping(uint256 => address[]) private authorized;
    mapping(address => uint256) public balanceOf;
    mapping(address => mapping(address => bool)) public isApprovedForAll;
    mapping(address => address) private delegates;
    mapping(address => bytes) private encryptionKeys;

    event Transfer(address indexed from, address indexed to, uint256 indexed tokenId);
    event Approval(address indexed owner, address indexed approved, uint256 indexed tokenId);
    event ApprovalForAll(address indexed owner, address indexed operator, bool approved);
    event Minted(uint256 indexed tokenId, address indexed creator, bytes32[] dataHashes);
    event Updated(uint256 indexed tokenId, bytes32[] oldDataHashes, bytes32[] newDataHashes);
    event EncryptionKeySet(address indexed user, bytes key);

    error TokenDoesNotExist(uint256 tokenId);
    error NotTokenOwner(uint256 tokenId, address caller);
    error NotOwnerNorApproved(uint256 tokenId, address caller);
    error InvalidReceiver(address receiver);
    error WrongSender(address from, address owner);
    error PrivateDataNeedsITransfer(uint256 tokenId);
    error ProofCountMismatch(uint256 expected, uint256 given);
    error StaleDataHash(uint256 index, bytes32 current, bytes32 proven);
    error RoyaltyTooHigh(uint96 bps);
    error TooManyDataItems(uint256 count);
    error UserAlreadyAuthorized(uint256 tokenId, address user);
    error UserNotAuthorized(uint256 tokenId, address user);
    error TooManyAuthorizedUsers(uint256 tokenId);
    error BadPublicKey(uint256 length);
    error ReceiverRejectedToken(address receiver);

    constructor(string memory name_, string memory symbol_, IERC7857DataVerifier verifier_) {
        name = name_;
        symbol = symbol_;
        verifier = verifier_;
    }

    // ---- mint and update: an oracle states the ciphertexts are stored ----

    /// Mints a token to the caller, its creator, who receives royaltyBps of every sale (clones included).
    function mint(IntelligentData[] calldata datas, uint96 royaltyBps, DataProof calldata proof)
        external
        returns (uint256 tokenId)
    {
        if (royaltyBps > MAX_ROYALTY_BPS) revert RoyaltyTooHigh(royaltyBps);
        if (datas.length > MAX_DATA_ITEMS) revert TooManyDataItems(datas.length);
        bytes32[] memory hashes = hashesOf(datas);
        verifier.verifyDataStored(0, msg.sender, new bytes32[](0), hashes, proof);
        tokenId = ++totalSupply;
        tokens[tokenId] = Token(msg.sender, royaltyBps, address(0), msg.sender, 0);
        for (uint256 i; i < datas.length; ++i) {
            data[tokenId].push(datas[i]);
            history[tokenId].push(datas[i].dataHash);
        }
        balanceOf[msg.sender]++;
        emit Transfer(address(0), msg.sender, tokenId);
        emit Minted(tokenId, msg.sender, hashes);
    }

    /// Replaces the token's data (the owner only); the old hashes stay in the history.
    function update(uint256 tokenId, IntelligentData[] calldata newDatas, DataProof calldata proof) external {
        address owner = ownerOf(tokenId);
        if (msg.sender != owner) revert NotTokenOwner(tokenId, msg.sender);
        if (newDatas.length > MAX_DATA_ITEMS) revert TooManyDataItems(newDatas.length);
        bytes32[] memory oldHashes = dataHashesOf(tokenId);
        bytes32[] memory newHashes = hashesOf(newDatas);
        verifier.verifyDataStored(tokenId, owner, oldHashes, newHashes, proof);
        delete data[tokenId];
        for (uint256 i; i < newDatas.length; ++i) {
            data[tokenId].push(newDatas[i]);
            history[tokenId].push(newDatas[i].dataHash);
        }
        emit Updated(tokenId, oldHashes, newHashes);
    }

    // ---- ERC-7857 ----

    function iTransfer(address to, uint256 tokenId, TransferValidityProof[] calldata proofs) external {
        address from = requireOwnerOrApproved(tokenId);
        if (to == address(0)) revert InvalidReceiver(to);
        TransferValidityProofOutput[] memory out = checkedProofs(tokenId, from, to, proofs);
        IntelligentData[] storage d = data[tokenId];
        for (uint256 i; i < out.length; ++i) {
            d[i].dataHash = out[i].newDataHash;
            history[tokenId].push(out[i].newDataHash);
        }
        delete authorized[tokenId];
        move(from, to, tokenId);
        emit Transferred(tokenId, from, to);
        emit PublishedSealedKey(to, tokenId, sealedKeys(out));
    }

    function iClone(address to, uint256 tokenId, TransferValidityProof[] calldata proofs)
        external
        returns (uint256 newTokenId)
    {
        address from = requireOwnerOrApproved(tokenId);
        if (to == address(0)) revert InvalidReceiver(to);
        TransferValidityProofOutput[] memory out = checkedProofs(tokenId, from, to, proofs);
        Token storage source = tokens[tokenId];
        newTokenId = ++totalSupply;
        tokens[newTokenId] = Token(to, source.royaltyBps, address(0), source.creator, tokenId);
        IntelligentData[] storage d = data[tokenId];
        for (uint256 i; i < out.length; ++i) {
            data[newTokenId].push(IntelligentData(d[i].dataDescription, out[i].newDataHash));
            history[newTokenId].push(out[i].newDataHash);
        }
        balanceOf[to]++;
        emit Transfer(address(0), to, newTokenId);
        emit Cloned(tokenId, newTokenId, from, to);
        emit PublishedSealedKey(to, newTokenId, sealedKeys(out));
    }

    function authorizeUsage(uint256 tokenId, address user) external {
        address owner = ownerOf(tokenId);
        if (msg.sender != owner) revert NotTokenOwner(tokenId, msg.sender);
        if (user == address(0)) revert InvalidReceiver(user);
        if (isAuthorizedUser(tokenId, user)) revert UserAlreadyAuthorized(tokenId, user);
        if (authorized[tokenId].length >= MAX_AUTHORIZED_USERS) revert TooManyAuthorizedUsers(tokenId);
        authorized[tokenId].push(user);
        emit Authorization(owner, user, tokenId);
    }

    function revokeAuthorization(uint256 tokenId, address user) external {
        address owner = ownerOf(tokenId);
        if (msg.sender != owner) revert NotTokenOwner(tokenId, msg.sender);
        address[] storage users = authorized[tokenId];
        for (uint256 i; i < users.length; ++i) {
            if (users[i] == user) {
                users[i] = users[users.length - 1];
                users.pop();
                emit AuthorizationRevoked(owner, user, tokenId);
                return;
            }
        }
        revert UserNotAuthorized(tokenId, user);
    }

    function authorizedUsersOf(uint256 tokenId) external view returns (address[] memory) {
        ownerOf(tokenId);
        return authorized[tokenId];
    }

    /// Whether `user` may use the token's agent (through the oracle, without its key): its owner or an authorized user.
    function isAuthorizedUser(uint256 tokenId, address user) public view returns (bool) {
        if (ownerOf(tokenId) == user) return true;
        address[] storage users = authorized[tokenId];
        for (uint256 i; i < users.length; ++i) {
            if (users[i] == user) return true;
        }
        return false;
    }

    /// Lets `assistant` sign access proofs for the caller (address(0) withdraws it).
    function delegateAccess(address assistant) external {
        delegates[msg.sender] = assistant;
        emit DelegateAccess(msg.sender, assistant);
    }

    function getDelegateAccess(address user) external view returns (address) {
        return delegates[user];
    }

    /// Publishes the caller's 64-byte secp256k1 encryption key: sealed keys for it must be sealed to this key.
    function setEncryptionKey(bytes calldata key) external {
        if (key.length != PUBLIC_KEY_BYTES) revert BadPublicKey(key.length);
        encryptionKeys[msg.sender] = key;
        emit EncryptionKeySet(msg.sender, key);
    }

    function encryptionKeyOf(address user) external view returns (bytes memory) {
        return encryptionKeys[user];
    }

    function intelligentDataOf(uint256 tokenId) external view returns (IntelligentData[] memory) {
        ownerOf(tokenId);
        return data[tokenId];
    }

    function dataHashesOf(uint256 tokenId) public view returns (bytes32[] memory hashes) {
        ownerOf(tokenId);
        IntelligentData[] storage d = data[tokenId];
        hashes = new bytes32[](d.length);
        for (uint256 i; i < d.length; ++i) hashes[i] = d[i].dataHash;
    }

    /// Every data hash the token has had, oldest first (mint, updates, re-encryptions on transfer).
    function dataHashHistoryOf(uint256 tokenId) external view returns (bytes32[] memory) {
        ownerOf(tokenId);
        return history[tokenId];
    }

    /// The token this one was cloned from (0 for an original).
    function parentOf(uint256 tokenId) external view returns (uint256) {
        ownerOf(tokenId);
        return tokens[tokenId].parent;
    }

    function creatorOf(uint256 tokenId) external view returns (address) {
        ownerOf(tokenId);
        return tokens[tokenId].creator;
    }

    // ---- ERC-2981: the original creator is paid on every sale, clones included ----

    function royaltyInfo(uint256 tokenId, uint256 salePrice) external view returns (address, uint256) {
        ownerOf(tokenId);
        Token storage t = tokens[tokenId];
        return (t.creator, salePrice * t.royaltyBps / 10_000);
    }

    // ---- ERC-721 and ERC-165 ----

    function supportsInterface(bytes4 id) external pure returns (bool) {
        return id == 0x01ffc9a7 // ERC-165
            || id == 0x80ac58cd // ERC-721
            || id == 0x2a55205a // ERC-2981
            || id == type(IERC7857).interfaceId || id == type(IERC7857Metadata).interfaceId;
    }

    function ownerOf(uint256 tokenId) public view returns (address owner) {
        owner = tokens[tokenId].owner;
        if (owner == address(0)) revert TokenDoesNotExist(tokenId);
    }

    function approve(address to, uint256 tokenId) external {
        address owner = ownerOf(tokenId);
        if (msg.sender != owner && !isApprovedForAll[owner][msg.sender]) {
            revert NotOwnerNorApproved(tokenId, msg.sender);
        }
        tokens[tokenId].approved = to;
        emit Approval(owner, to, tokenId);
    }

    function getApproved(uint256 tokenId) external view returns (address) {
        ownerOf(tokenId);
        return tokens[tokenId].approved;
    }

    function setApprovalForAll(address operator, bool approved) external {
        isApprovedForAll[msg.sender][operator] = approved;
        emit ApprovalForAll(msg.sender, operator, approved);
    }

    /// Only for tokens without private data; the others move with iTransfer.
    function transferFrom(address from, address to, uint256 tokenId) public {
        address owner = requireOwnerOrApproved(tokenId);
        if (from != owner) revert WrongSender(from, owner);
        if (to == address(0)) revert InvalidReceiver(to);
        if (data[tokenId].length != 0) revert PrivateDataNeedsITransfer(tokenId);
        delete authorized[tokenId];
        move(from, to, tokenId);
    }

    function safeTransferFrom(address from, address to, uint256 tokenId) external {
        safeTransferFrom(from, to, tokenId, "");
    }

    function safeTransferFrom(address from, address to, uint256 tokenId, bytes memory extra) public {
        transferFrom(from, to, tokenId);
        if (to.code.length != 0) {
            try IERC721Receiver(to).onERC721Received(msg.sender, from, tokenId, extra) returns (bytes4 r) {
                if (r != IERC721Receiver.onERC721Received.selector) revert ReceiverRejectedToken(to);
            } catch {
                revert ReceiverRejectedToken(to);
            }
        }
    }

    // ---- internals ----

    function requireOwnerOrApproved(uint256 tokenId) private view returns (address owner) {
        owner = ownerOf(tokenId);
        if (msg.sender != owner && msg.sender != tokens[tokenId].approved && !isApprovedForAll[owner][msg.sender]) {
            revert NotOwnerNorApproved(tokenId, msg.sender);
        }
    }

    function checkedProofs(uint256 tokenId, address from, address to, TransferValidityProof[] calldata proofs)
        private
        returns (TransferValidityProofOutput[] memory out)
    {
        IntelligentData[] storage d = data[tokenId];
        if (proofs.length != d.length) revert ProofCountMismatch(d.length, proofs.length);
        out = verifier.verifyTransferValidity(tokenId, from, to, proofs);
        if (out.length != d.length) revert ProofCountMismatch(d.length, out.length);
        for (uint256 i; i < out.length; ++i) {
            if (out[i].oldDataHash != d[i].dataHash) revert StaleDataHash(i, d[i].dataHash, out[i].oldDataHash);
        }
    }

    function move(address from, address to, uint256 tokenId) private {
        tokens[tokenId].owner = to;
        tokens[tokenId].approved = address(0);
        balanceOf[from]--;
        balanceOf[to]++;
        emit Transfer(from, to, tokenId);
    }

    function sealedKeys(TransferValidityProofOutput[] memory out) private pure returns (bytes[] memory keys) {
        keys = new bytes[](out.length);
        for (uint256 i; i < out.length; ++i) keys[i] = out[i].sealedKey;
    }

    function hashesOf(IntelligentData[] calldata datas) private pure returns (bytes32[] memory hashes) {
        hashes = new bytes32[](datas.length);
        for (uint256 i; i < datas.length; ++i) hashes[i] = datas[i].dataHash;
    }
}
