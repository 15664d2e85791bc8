// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// The Levity storage network's on-chain registry: file records, storage nodes and proof-of-storage results.
///
/// It has no immutables, so its runtime code can be placed in a genesis allocation as is, with the two role slots
/// (owner in slot 0, auditor in slot 1) written in that allocation's storage; every other slot starts at zero and zero
/// means "nothing recorded". Deployed by a transaction, the constructor sets the same two slots. The Java adapter is
/// io.levity.storage.chain.rpc.RpcStorageChain; the interface is described in docs/storage-proofs.md.
contract StorageRegistry {
    /// A file as submitted. fileRoot is zero only for a root never submitted.
    struct FileRecord {
        bytes32 fileRoot;
        uint64 length;
        uint8 dataShards;
        uint8 parityShards;
        bytes32 shardCommitment;
        address submitter;
    }

    struct NodeRecord {
        bytes32 nodeId;
        string endpoint;
    }

    /// Longest endpoint accepted ("host:port"), in bytes.
    uint256 public constant MAX_ENDPOINT_BYTES = 255;
    /// Longest proof-result reason accepted, in bytes.
    uint256 public constant MAX_REASON_BYTES = 512;
    /// Most entries a page read returns.
    uint256 public constant MAX_PAGE = 256;
    /// Deposit a node's first registration must carry: node ids are no longer free.
    uint256 public constant NODE_DEPOSIT = 1 ether;
    /// Blocks between leaving the node set and getting the deposit back.
    uint256 public constant EXIT_DELAY = 100;
    /// Levity's Ed25519 verification precompile (docs/evm.md): 128 bytes in (message, key, signature), the word 1
    /// out when the signature is valid, nothing otherwise.
    address private constant ED25519_VERIFY = address(0xed25);

    /// Slot 0: the account that may change the auditor.
    address public owner;
    /// Slot 1: the only account that may record proof results (the epoch challenger's key).
    address public auditor;

    mapping(bytes32 => FileRecord) private files;
    bytes32[] private roots;
    NodeRecord[] private nodeList;
    /// Position in nodeList plus one; zero for an unknown node.
    mapping(bytes32 => uint256) private nodeSlot;
    /// Who registered a node first: only that account may change its endpoint.
    mapping(bytes32 => address) private nodeOwner;
    /// The deposit a node holds (returned after deregistration and EXIT_DELAY blocks).
    mapping(bytes32 => uint256) public depositOf;
    /// Block from which a deregistered node's deposit may be withdrawn; zero while registered.
    mapping(bytes32 => uint256) public exitBlock;
    /// Root of a node's sealed replica of a shard, by keccak256(nodeId, fileRoot, shardIndex); zero when none.
    mapping(bytes32 => bytes32) private replicas;

    event AuditorChanged(address indexed auditor);

    event FileSubmitted(bytes32 indexed fileRoot, address indexed submitter, uint64 length, uint8 dataShards,
        uint8 parityShards, bytes32 shardCommitment);
    event NodeRegistered(bytes32 indexed nodeId, address indexed owner, string endpoint);
    event NodeDeregistered(bytes32 indexed nodeId, uint256 withdrawableFrom);
    event ReplicaCommitted(bytes32 indexed nodeId, bytes32 indexed fileRoot, uint32 shardIndex, bytes32 replicaRoot);
    event ProofResult(uint64 indexed epoch, bytes32 indexed nodeId, address indexed reporter, bytes32 fileRoot,
        uint32 shardIndex, bool passed, string reason);

    /// The deploying account owns the registry; initialAuditor records proof results.
    constructor(address initialAuditor) {
        owner = msg.sender;
        auditor = initialAuditor;
        emit AuditorChanged(initialAuditor);
    }

    /// Hands the auditor role to another account; only the owner may.
    function setAuditor(address newAuditor) external {
        require(msg.sender == owner, "StorageRegistry: only the owner sets the auditor");
        auditor = newAuditor;
        emit AuditorChanged(newAuditor);
    }

    /// Records a file. Submitting the same (length, code, commitment) again is a no-op; a different record for a
    /// root already recorded reverts. The submitter recorded is the transaction's sender.
    function submit(bytes32 fileRoot, uint64 length, uint8 dataShards, uint8 parityShards, bytes32 shardCommitment)
        external
    {
        require(fileRoot != bytes32(0), "StorageRegistry: zero file root");
        require(shardCommitment != bytes32(0), "StorageRegistry: zero shard commitment");
        require(dataShards >= 1 && uint256(dataShards) + uint256(parityShards) <= 255, "StorageRegistry: bad code");
        FileRecord storage r = files[fileRoot];
        if (r.fileRoot != bytes32(0)) {
            require(
                r.length == length && r.dataShards == dataShards && r.parityShards == parityShards
                    && r.shardCommitment == shardCommitment,
                "StorageRegistry: a different record exists for this file root"
            );
            return;
        }
        files[fileRoot] = FileRecord(fileRoot, length, dataShards, parityShards, shardCommitment, msg.sender);
        roots.push(fileRoot);
        emit FileSubmitted(fileRoot, msg.sender, length, dataShards, parityShards, shardCommitment);
    }

    /// The record of a root; all zeros when it was never submitted.
    function file(bytes32 fileRoot) external view returns (FileRecord memory) {
        return files[fileRoot];
    }

    function fileCount() external view returns (uint256) {
        return roots.length;
    }

    /// Records [offset, offset + limit) in submission order, clipped to what exists; limit <= MAX_PAGE.
    function filesPage(uint256 offset, uint256 limit) external view returns (FileRecord[] memory page) {
        require(limit <= MAX_PAGE, "StorageRegistry: page too large");
        uint256 n = pageSize(roots.length, offset, limit);
        page = new FileRecord[](n);
        for (uint256 i = 0; i < n; i++) {
            page[i] = files[roots[offset + i]];
        }
    }

    /// Registers a node (with a deposit of at least NODE_DEPOSIT), or changes its endpoint; only the account that
    /// registered it first may change it. A node that is leaving cannot register until its deposit is withdrawn.
    /// signature: the node key's Ed25519 signature (nodeId is the public key) over registrationDigest(nodeId,
    /// endpoint) for the sending account, so only whoever holds the node's key can register its id, and a signature
    /// seen in the mempool is worth nothing to another account.
    function registerNode(bytes32 nodeId, string calldata endpoint, bytes calldata signature) external payable {
        require(nodeId != bytes32(0), "StorageRegistry: zero node id");
        uint256 len = bytes(endpoint).length;
        require(len > 0 && len <= MAX_ENDPOINT_BYTES, "StorageRegistry: endpoint length");
        require(
            nodeSigned(registrationDigest(nodeId, endpoint, msg.sender), nodeId, signature),
            "StorageRegistry: bad node signature"
        );
        address owner_ = nodeOwner[nodeId];
        require(owner_ == address(0) || owner_ == msg.sender, "StorageRegistry: node registered by another account");
        require(exitBlock[nodeId] == 0, "StorageRegistry: node is leaving; withdraw its deposit first");
        uint256 slot = nodeSlot[nodeId];
        if (slot == 0) {
            require(msg.value >= NODE_DEPOSIT, "StorageRegistry: registration needs a deposit of NODE_DEPOSIT");
            nodeList.push(NodeRecord(nodeId, endpoint));
            nodeSlot[nodeId] = nodeList.length;
            nodeOwner[nodeId] = msg.sender;
        } else {
            nodeList[slot - 1].endpoint = endpoint;
        }
        depositOf[nodeId] += msg.value;
        emit NodeRegistered(nodeId, msg.sender, endpoint);
    }

    /// Takes a node out of the node set (placement stops using it at once); its owner may withdraw the deposit
    /// EXIT_DELAY blocks later, so a node cannot leave and take its deposit within one challenge epoch.
    function deregisterNode(bytes32 nodeId) external {
        require(nodeOwner[nodeId] == msg.sender, "StorageRegistry: only the node's owner deregisters it");
        uint256 slot = nodeSlot[nodeId];
        require(slot != 0, "StorageRegistry: node not registered");
        uint256 last = nodeList.length;
        if (slot != last) {
            NodeRecord storage moved = nodeList[last - 1];
            nodeList[slot - 1] = moved;
            nodeSlot[moved.nodeId] = slot;
        }
        nodeList.pop();
        nodeSlot[nodeId] = 0;
        exitBlock[nodeId] = block.number + EXIT_DELAY;
        emit NodeDeregistered(nodeId, block.number + EXIT_DELAY);
    }

    /// Returns a deregistered node's deposit to its owner once EXIT_DELAY blocks have passed; the id is free again.
    function withdrawDeposit(bytes32 nodeId) external {
        require(nodeOwner[nodeId] == msg.sender, "StorageRegistry: only the node's owner withdraws");
        uint256 from = exitBlock[nodeId];
        require(from != 0, "StorageRegistry: node has not deregistered");
        require(block.number >= from, "StorageRegistry: deposit still locked");
        uint256 amount = depositOf[nodeId];
        depositOf[nodeId] = 0;
        exitBlock[nodeId] = 0;
        nodeOwner[nodeId] = address(0);
        (bool ok,) = payable(msg.sender).call{value: amount}("");
        require(ok, "StorageRegistry: deposit transfer failed");
    }

    function nodeCount() external view returns (uint256) {
        return nodeList.length;
    }

    /// Nodes [offset, offset + limit) in registration order, clipped to what exists; limit <= MAX_PAGE.
    function nodesPage(uint256 offset, uint256 limit) external view returns (NodeRecord[] memory page) {
        require(limit <= MAX_PAGE, "StorageRegistry: page too large");
        uint256 n = pageSize(nodeList.length, offset, limit);
        page = new NodeRecord[](n);
        for (uint256 i = 0; i < n; i++) {
            page[i] = nodeList[offset + i];
        }
    }

    function ownerOf(bytes32 nodeId) external view returns (address) {
        return nodeOwner[nodeId];
    }

    /// Records the root of a node's sealed replica of a shard (sealed challenges are proved against it). Only the
    /// node's owner commits; the file, shard and node must be recorded. The same root again is a no-op; sealing is
    /// deterministic, so another root for the same shard is refused.
    function commitReplica(bytes32 nodeId, bytes32 fileRoot, uint32 shardIndex, bytes32 replicaRoot) external {
        require(nodeOwner[nodeId] == msg.sender, "StorageRegistry: only the node's owner commits its replicas");
        require(nodeSlot[nodeId] != 0, "StorageRegistry: unknown node");
        FileRecord storage r = files[fileRoot];
        require(r.fileRoot != bytes32(0), "StorageRegistry: unknown file");
        require(uint256(shardIndex) < uint256(r.dataShards) + uint256(r.parityShards), "StorageRegistry: no such shard");
        require(replicaRoot != bytes32(0), "StorageRegistry: zero replica root");
        bytes32 key = keccak256(abi.encode(nodeId, fileRoot, shardIndex));
        bytes32 existing = replicas[key];
        if (existing == replicaRoot) return;
        require(existing == bytes32(0), "StorageRegistry: another replica is committed for this shard");
        replicas[key] = replicaRoot;
        emit ReplicaCommitted(nodeId, fileRoot, shardIndex, replicaRoot);
    }

    /// The replica root a node committed for a shard; zero when none.
    function replica(bytes32 nodeId, bytes32 fileRoot, uint32 shardIndex) external view returns (bytes32) {
        return replicas[keccak256(abi.encode(nodeId, fileRoot, shardIndex))];
    }

    /// Records one challenge outcome as an event (read back with eth_getLogs, filtered by epoch and reporter).
    /// Only the auditor records: otherwise a node could record "passed" for itself (and a challenger skipping
    /// recorded shards would never ask it) or "failed" for an honest node. The file and node must be recorded
    /// and the shard index inside the file's code.
    function recordProof(uint64 epoch, bytes32 nodeId, bytes32 fileRoot, uint32 shardIndex, bool passed,
        string calldata reason) external
    {
        require(msg.sender == auditor, "StorageRegistry: only the auditor records proofs");
        FileRecord storage r = files[fileRoot];
        require(r.fileRoot != bytes32(0), "StorageRegistry: unknown file");
        require(uint256(shardIndex) < uint256(r.dataShards) + uint256(r.parityShards), "StorageRegistry: no such shard");
        require(nodeSlot[nodeId] != 0, "StorageRegistry: unknown node");
        require(bytes(reason).length <= MAX_REASON_BYTES, "StorageRegistry: reason too long");
        emit ProofResult(epoch, nodeId, msg.sender, fileRoot, shardIndex, passed, reason);
    }

    /// What a node's key signs to let `account` register it at `endpoint`: bound to this chain, this registry, the
    /// sending account, the id and the endpoint.
    function registrationDigest(bytes32 nodeId, string calldata endpoint, address account)
        public
        view
        returns (bytes32)
    {
        return keccak256(
            abi.encodePacked(
                "levity-storage-registration", block.chainid, address(this), account, nodeId, keccak256(bytes(endpoint))
            )
        );
    }

    /// True when `signature` is the Ed25519 signature of `digest` by the key `nodeId`.
    function nodeSigned(bytes32 digest, bytes32 nodeId, bytes calldata signature) private view returns (bool) {
        if (signature.length != 64) return false;
        (bool ok, bytes memory out) = ED25519_VERIFY.staticcall(abi.encodePacked(digest, nodeId, signature));
        return ok && out.length == 32 && abi.decode(out, (uint256)) == 1;
    }

    function pageSize(uint256 total, uint256 offset, uint256 limit) private pure returns (uint256) {
        if (offset >= total) return 0;
        uint256 left = total - offset;
        return left < limit ? left : limit;
    }
}
