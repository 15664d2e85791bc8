// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import "./InferenceReceipts.sol";

/// @title Inference market: service registry, user ledger, batch settlement and disputes (docs/compute.md)
/// @notice Providers register one service each with a stake. Users deposit, fund a sub-account per provider and sign
/// every request (EIP-712, domain "Levity Inference" version 1); providers sign every response. A provider settles a
/// batch: the Merkle root of its receipt leaves and one total per user; the totals move from the sub-accounts into
/// escrow and are paid after the challenge window. Anyone may challenge a leaf with a bond: a receipt that breaks a
/// rule checkable on chain voids the batch at once; otherwise registered auditors vote on re-execution. A voided
/// batch slashes the provider and returns every user's escrowed total. Auditors voting against the outcome lose
/// nothing in this version.
contract InferenceMarket {
    uint8 internal constant CHAT = 0;
    uint8 internal constant EMBEDDINGS = 1;
    uint256 public constant MAX_MODEL_ID = 128;
    uint256 public constant MAX_ENDPOINT = 256;
    uint256 public constant MAX_LEAVES = 65_536;
    uint16 internal constant BPS = 10_000;

    /// Why a batch was voided (the BatchVoided event's `fault`; MarketFault in Java).
    uint8 internal constant FAULT_USER_SIGNATURE = 1;
    uint8 internal constant FAULT_PROVIDER_SIGNATURE = 2;
    uint8 internal constant FAULT_BINDING = 3;
    uint8 internal constant FAULT_FEE_ABOVE_MAX = 4;
    uint8 internal constant FAULT_FEE_MISMATCH = 5;
    uint8 internal constant FAULT_NONCE_RANGE = 6;
    uint8 internal constant FAULT_DEADLINE = 7;
    uint8 internal constant FAULT_MODEL = 8;
    uint8 internal constant FAULT_CUMULATIVE_FEE = 9;
    uint8 internal constant FAULT_DUPLICATE_NONCE = 10;
    uint8 internal constant FAULT_VOTED = 11;

    uint8 internal constant PENDING = 1;
    uint8 internal constant PAID = 2;
    uint8 internal constant VOIDED = 3;
    uint8 internal constant OPEN = 1;
    uint8 internal constant UPHELD = 2;
    uint8 internal constant REJECTED = 3;
    uint8 internal constant MOOT = 4;

    /// What a provider registers or updates.
    struct ServiceInfo {
        uint8 serviceType;
        string modelId;
        bytes32 modelRoot;
        uint256 priceIn;
        uint256 priceOut;
        string endpoint;
        address signer;
        bool verifiable;
    }

    struct Service {
        ServiceInfo info;
        uint256 stake;
        uint64 unbondedAt; // 0 while bonded; else when the stake becomes withdrawable
        uint32 pendingBatches;
    }

    /// A user's sub-account with one provider.
    struct SubAccount {
        uint128 balance;
        uint64 settledNonce; // highest nonce settled so far
        uint64 refundAt; // when the pending refund unlocks
        uint128 refundPending;
    }

    /// Per user of a batch: its escrowed total and nonce range (prevNonce, highestNonce].
    struct UserTotal {
        address user;
        uint32 count;
        uint64 highestNonce;
        uint128 total;
    }

    struct BatchUser {
        uint64 prevNonce;
        uint64 highestNonce;
        uint128 total;
    }

    struct Batch {
        address provider;
        uint64 submittedAt;
        uint8 status;
        uint8 depth;
        uint32 leafCount;
        uint32 openDisputes;
        uint128 escrow;
        bytes32 root;
    }

    struct Dispute {
        uint64 batchId;
        uint64 votingEnds;
        uint16 wrongVotes;
        uint8 status;
        address challenger;
        uint128 bond;
    }

    uint256 public immutable minProviderStake;
    uint256 public immutable minAuditorStake;
    uint256 public immutable challengeBond;
    uint64 public immutable unbondingPeriod;
    uint64 public immutable refundLockTime;
    uint64 public immutable challengeWindow;
    uint64 public immutable votingPeriod;
    uint16 public immutable threshold;
    uint16 public immutable slashBps;
    uint16 public immutable challengerShareBps;
    uint16 public immutable sampleRateBps;

    mapping(address => Service) private services;
    mapping(address => uint256) public balanceOf;
    mapping(address => mapping(address => SubAccount)) private subAccounts;
    mapping(uint256 => Batch) private batches;
    mapping(uint256 => mapping(address => BatchUser)) private batchUsers;
    mapping(uint256 => mapping(uint256 => bool)) public leafChallenged;
    mapping(uint256 => Dispute) private disputes;
    mapping(uint256 => mapping(address => bool)) public hasVoted;
    mapping(address => uint256) public auditorStake;
    uint256 public batchCount;
    uint256 public disputeCount;
    uint256 public auditorCount;
    uint256 public burned;

    event ServiceRegistered(address indexed provider, uint8 serviceType, bytes32 modelRoot, address signer);
    event ServiceUpdated(address indexed provider, bytes32 modelRoot, uint256 priceIn, uint256 priceOut);
    event StakeChanged(address indexed provider, uint256 stake);
    event Unbonding(address indexed provider, uint64 withdrawableAt);
    event Deposited(address indexed account, uint256 amount);
    event Withdrawn(address indexed account, uint256 amount);
    event Funded(address indexed user, address indexed provider, uint256 amount);
    event RefundRequested(address indexed user, address indexed provider, uint256 amount, uint64 unlocksAt);
    event Refunded(address indexed user, address indexed provider, uint256 amount);
    event BatchSubmitted(uint256 indexed batchId, address indexed provider, bytes32 root, uint32 leafCount, uint256 escrow);
    event BatchPaid(uint256 indexed batchId, address indexed provider, uint256 amount);
    event BatchVoided(uint256 indexed batchId, address indexed provider, uint8 fault, uint256 slashed, uint256 reward);
    event Challenged(uint256 indexed disputeId, uint256 indexed batchId, uint256 leafIndex, address challenger);
    event Voted(uint256 indexed disputeId, address indexed auditor, bool wrong);
    event DisputeResolved(uint256 indexed disputeId, uint8 status);
    event AuditorChanged(address indexed auditor, uint256 stake);

    error BadParameters();
    error AlreadyRegistered(address provider);
    error NotRegistered(address provider);
    error StakeTooLow(uint256 given, uint256 minimum);
    error BadServiceType(uint8 serviceType);
    error StringTooLong(uint256 length, uint256 maximum);
    error ZeroSigner();
    error TermsLocked(uint32 pendingBatches);
    error ProviderUnbonding(address provider);
    error NotUnbonding(address provider);
    error StillBonded(uint64 withdrawableAt);
    error InsufficientBalance(address account, uint256 balance, uint256 needed);
    error NoRefundDue(address user, address provider);
    error RefundLocked(uint64 unlocksAt);
    error TransferFailed(address to, uint256 amount);
    error EmptyBatch();
    error BatchTooLarge(uint256 leafCount, uint256 maximum);
    error LeafCountMismatch(uint256 leafCount, uint256 counted);
    error StaleNonce(address user, uint64 highestNonce, uint64 settledNonce);
    error CountMismatch(address user, uint32 count, uint64 fresh);
    error DuplicateUser(address user);
    error UnknownBatch(uint256 batchId);
    error BatchNotPending(uint256 batchId);
    error WindowOpen(uint64 closesAt);
    error WindowClosed(uint64 closedAt);
    error DisputesOpen(uint32 count);
    error WrongBond(uint256 given, uint256 required);
    error NotInBatch(uint256 batchId, uint256 index);
    error LeafAlreadyChallenged(uint256 batchId, uint256 index);
    error NotAPair();
    error UnknownDispute(uint256 disputeId);
    error DisputeClosed(uint256 disputeId);
    error VotingEnded(uint64 votingEnds);
    error VotingOpen(uint64 votingEnds);
    error NotAuditor(address account);
    error AlreadyVoted(uint256 disputeId, address auditor);
    error AlreadyAuditor(address auditor);
    error NothingToReclaim(uint256 batchId, address user);

    constructor(
        uint256 minProviderStake_,
        uint256 minAuditorStake_,
        uint256 challengeBond_,
        uint64[4] memory periods, // unbonding, refund lock, challenge window, voting
        uint16 threshold_,
        uint16 slashBps_,
        uint16 challengerShareBps_,
        uint16 sampleRateBps_
    ) {
        if (
            threshold_ == 0 || slashBps_ > BPS || challengerShareBps_ > BPS || sampleRateBps_ > BPS
                || periods[0] < uint256(periods[2]) + periods[3] || periods[2] == 0 || periods[3] == 0
        ) revert BadParameters();
        minProviderStake = minProviderStake_;
        minAuditorStake = minAuditorStake_;
        challengeBond = challengeBond_;
        unbondingPeriod = periods[0];
        refundLockTime = periods[1];
        challengeWindow = periods[2];
        votingPeriod = periods[3];
        threshold = threshold_;
        slashBps = slashBps_;
        challengerShareBps = challengerShareBps_;
        sampleRateBps = sampleRateBps_;
    }

    // ---- registry ----

    function register(ServiceInfo calldata info) external payable {
        Service storage s = services[msg.sender];
        if (s.info.signer != address(0)) revert AlreadyRegistered(msg.sender);
        if (msg.value < minProviderStake || msg.value == 0) revert StakeTooLow(msg.value, minProviderStake);
        checkInfo(info);
        s.info = info;
        s.stake = msg.value;
        emit ServiceRegistered(msg.sender, info.serviceType, info.modelRoot, info.signer);
        emit StakeChanged(msg.sender, msg.value);
    }

    /// Changes the service. Prices, model root, type and signer judge unfinalized receipts, so they are locked while
    /// the provider has batches pending; the endpoint, model id and verifiable flag are not.
    function update(ServiceInfo calldata info) external {
        Service storage s = registered(msg.sender);
        if (s.unbondedAt != 0) revert ProviderUnbonding(msg.sender);
        checkInfo(info);
        ServiceInfo storage old = s.info;
        if (
            s.pendingBatches != 0
                && (info.priceIn != old.priceIn || info.priceOut != old.priceOut || info.modelRoot != old.modelRoot
                    || info.signer != old.signer || info.serviceType != old.serviceType)
        ) revert TermsLocked(s.pendingBatches);
        s.info = info;
        emit ServiceUpdated(msg.sender, info.modelRoot, info.priceIn, info.priceOut);
    }

    function addStake() external payable {
        Service storage s = registered(msg.sender);
        if (s.unbondedAt != 0) revert ProviderUnbonding(msg.sender);
        s.stake += msg.value;
        emit StakeChanged(msg.sender, s.stake);
    }

    /// Starts unbonding: no new batch once the period is over; the stake is withdrawable then, all batches closed.
    function unbond() external {
        Service storage s = registered(msg.sender);
        if (s.unbondedAt != 0) revert ProviderUnbonding(msg.sender);
        s.unbondedAt = uint64(block.timestamp) + unbondingPeriod;
        emit Unbonding(msg.sender, s.unbondedAt);
    }

    function withdrawStake() external {
        Service storage s = registered(msg.sender);
        if (s.unbondedAt == 0) revert NotUnbonding(msg.sender);
        if (block.timestamp < s.unbondedAt) revert StillBonded(s.unbondedAt);
        if (s.pendingBatches != 0) revert TermsLocked(s.pendingBatches);
        uint256 stake = s.stake;
        delete services[msg.sender];
        emit StakeChanged(msg.sender, 0);
        pay(msg.sender, stake);
    }

    function service(address provider) external view returns (Service memory) {
        return services[provider];
    }

    // ---- ledger ----

    function deposit() external payable {
        balanceOf[msg.sender] += msg.value;
        emit Deposited(msg.sender, msg.value);
    }

    function withdraw(uint256 amount) external {
        debit(msg.sender, amount);
        emit Withdrawn(msg.sender, amount);
        pay(msg.sender, amount);
    }

    /// Moves `amount` of the caller's balance into its sub-account with `provider`.
    function fund(address provider, uint256 amount) external {
        debit(msg.sender, amount);
        SubAccount storage a = subAccounts[msg.sender][provider];
        a.balance += uint128(amount);
        emit Funded(msg.sender, provider, amount);
    }

    /// Asks for `amount` back from the sub-account: claimable after the lock time, less what settlement takes first.
    function requestRefund(address provider, uint256 amount) external {
        SubAccount storage a = subAccounts[msg.sender][provider];
        if (amount == 0 || amount > a.balance) revert InsufficientBalance(msg.sender, a.balance, amount);
        a.refundPending = uint128(amount);
        a.refundAt = uint64(block.timestamp) + refundLockTime;
        emit RefundRequested(msg.sender, provider, amount, a.refundAt);
    }

    function claimRefund(address provider) external {
        SubAccount storage a = subAccounts[msg.sender][provider];
        if (a.refundPending == 0) revert NoRefundDue(msg.sender, provider);
        if (block.timestamp < a.refundAt) revert RefundLocked(a.refundAt);
        uint128 amount = a.refundPending < a.balance ? a.refundPending : a.balance;
        a.balance -= amount;
        a.refundPending = 0;
        balanceOf[msg.sender] += amount;
        emit Refunded(msg.sender, provider, amount);
    }

    function subAccount(address user, address provider) external view returns (SubAccount memory) {
        return subAccounts[user][provider];
    }

    // ---- settlement ----

    /// Settles `leafCount` receipts under `root`. Each user's nonces must continue where its last settlement stopped,
    /// without gaps: count == highestNonce - settled nonce; the sum of counts is the leaf count.
    function submitBatch(bytes32 root, uint32 leafCount, UserTotal[] calldata totals) external returns (uint256 id) {
        Service storage s = registered(msg.sender);
        if (s.unbondedAt != 0 && block.timestamp >= s.unbondedAt) revert ProviderUnbonding(msg.sender);
        if (totals.length == 0 || leafCount == 0) revert EmptyBatch();
        if (leafCount > MAX_LEAVES) revert BatchTooLarge(leafCount, MAX_LEAVES);
        id = ++batchCount;
        uint256 escrow;
        uint256 counted;
        for (uint256 i = 0; i < totals.length; i++) {
            UserTotal calldata t = totals[i];
            SubAccount storage a = subAccounts[t.user][msg.sender];
            uint64 settled = a.settledNonce;
            if (t.highestNonce <= settled) revert StaleNonce(t.user, t.highestNonce, settled);
            if (t.count != t.highestNonce - settled) revert CountMismatch(t.user, t.count, t.highestNonce - settled);
            if (a.balance < t.total) revert InsufficientBalance(t.user, a.balance, t.total);
            BatchUser storage bu = batchUsers[id][t.user];
            if (bu.highestNonce != 0) revert DuplicateUser(t.user);
            a.balance -= t.total;
            a.settledNonce = t.highestNonce;
            batchUsers[id][t.user] = BatchUser(settled, t.highestNonce, t.total);
            escrow += t.total;
            counted += t.count;
        }
        if (counted != leafCount) revert LeafCountMismatch(leafCount, counted);
        batches[id] = Batch(
            msg.sender,
            uint64(block.timestamp),
            PENDING,
            InferenceReceipts.depth(leafCount),
            leafCount,
            0,
            uint128(escrow),
            root
        );
        s.pendingBatches += 1;
        emit BatchSubmitted(id, msg.sender, root, leafCount, escrow);
    }

    /// Pays a batch whose window has closed with no dispute open.
    function finalize(uint256 batchId) external {
        Batch storage b = pendingBatch(batchId);
        uint64 closes = b.submittedAt + challengeWindow;
        if (block.timestamp < closes) revert WindowOpen(closes);
        if (b.openDisputes != 0) revert DisputesOpen(b.openDisputes);
        b.status = PAID;
        services[b.provider].pendingBatches -= 1;
        balanceOf[b.provider] += b.escrow;
        emit BatchPaid(batchId, b.provider, b.escrow);
    }

    /// Returns a user's escrowed total from a voided batch to its balance.
    function reclaim(uint256 batchId) external {
        if (batches[batchId].status != VOIDED) revert BatchNotPending(batchId);
        BatchUser storage bu = batchUsers[batchId][msg.sender];
        if (bu.total == 0) revert NothingToReclaim(batchId, msg.sender);
        uint256 amount = bu.total;
        bu.total = 0;
        balanceOf[msg.sender] += amount;
        emit Refunded(msg.sender, batches[batchId].provider, amount);
    }

    function batch(uint256 batchId) external view returns (Batch memory) {
        return batches[batchId];
    }

    function batchUser(uint256 batchId, address user) external view returns (BatchUser memory) {
        return batchUsers[batchId][user];
    }

    // ---- disputes ----

    /// Challenges one leaf (bond = challengeBond). A fault checkable on chain voids the batch now and returns 0;
    /// otherwise a dispute opens for the auditors and its id is returned.
    function challenge(uint256 batchId, LeafProof calldata p) external payable returns (uint256 disputeId) {
        Batch storage b = challengeable(batchId);
        admit(batchId, b, p);
        uint8 fault = leafFault(b, batchUsers[batchId][p.leaf.request.user], p.leaf);
        if (fault != 0) {
            voidBatch(batchId, b, fault, msg.sender, msg.value);
            return 0;
        }
        disputeId = ++disputeCount;
        disputes[disputeId] = Dispute(
            uint64(batchId), uint64(block.timestamp) + votingPeriod, 0, OPEN, msg.sender, uint128(msg.value)
        );
        b.openDisputes += 1;
        emit Challenged(disputeId, batchId, p.index, msg.sender);
    }

    /// Challenges two leaves of one user: the same nonce twice, or consecutive nonces whose running totals disagree.
    /// Voids the batch when they are inconsistent; reverts with NotAPair otherwise.
    function challengePair(uint256 batchId, LeafProof calldata a, LeafProof calldata b) external payable {
        Batch storage bt = challengeable(batchId);
        if (a.index == b.index) revert NotAPair();
        admit(batchId, bt, a);
        admit(batchId, bt, b);
        ReceiptLeaf calldata x = a.leaf;
        ReceiptLeaf calldata y = b.leaf;
        if (x.request.user != y.request.user) revert NotAPair();
        uint8 fault;
        if (x.request.nonce == y.request.nonce) fault = FAULT_DUPLICATE_NONCE;
        else if (y.request.nonce == x.request.nonce + 1 && y.cumulativeFee != x.cumulativeFee + y.response.fee) {
            fault = FAULT_CUMULATIVE_FEE;
        } else revert NotAPair();
        voidBatch(batchId, bt, fault, msg.sender, msg.value);
    }

    function vote(uint256 disputeId, bool wrong) external {
        if (auditorStake[msg.sender] == 0) revert NotAuditor(msg.sender);
        Dispute storage d = openDispute(disputeId);
        if (block.timestamp > d.votingEnds) revert VotingEnded(d.votingEnds);
        if (hasVoted[disputeId][msg.sender]) revert AlreadyVoted(disputeId, msg.sender);
        if (batches[d.batchId].status != PENDING) revert BatchNotPending(d.batchId);
        hasVoted[disputeId][msg.sender] = true;
        emit Voted(disputeId, msg.sender, wrong);
        if (!wrong) return;
        d.wrongVotes += 1;
        if (d.wrongVotes < threshold) return;
        d.status = UPHELD;
        Batch storage b = batches[d.batchId];
        b.openDisputes -= 1;
        emit DisputeResolved(disputeId, UPHELD);
        voidBatch(d.batchId, b, FAULT_VOTED, d.challenger, d.bond);
    }

    /// Closes a dispute after its voting period without the threshold (the bond goes to the provider), or at any time
    /// once its batch was voided by another challenge (the bond goes back).
    function resolve(uint256 disputeId) external {
        Dispute storage d = openDispute(disputeId);
        Batch storage b = batches[d.batchId];
        if (b.status == VOIDED) {
            d.status = MOOT;
            balanceOf[d.challenger] += d.bond;
        } else {
            if (block.timestamp <= d.votingEnds) revert VotingOpen(d.votingEnds);
            d.status = REJECTED;
            b.openDisputes -= 1;
            balanceOf[b.provider] += d.bond;
        }
        emit DisputeResolved(disputeId, d.status);
    }

    function dispute(uint256 disputeId) external view returns (Dispute memory) {
        return disputes[disputeId];
    }

    function registerAuditor() external payable {
        if (auditorStake[msg.sender] != 0) revert AlreadyAuditor(msg.sender);
        if (msg.value < minAuditorStake || msg.value == 0) revert StakeTooLow(msg.value, minAuditorStake);
        auditorStake[msg.sender] = msg.value;
        auditorCount += 1;
        emit AuditorChanged(msg.sender, msg.value);
    }

    function unregisterAuditor() external {
        uint256 stake = auditorStake[msg.sender];
        if (stake == 0) revert NotAuditor(msg.sender);
        auditorStake[msg.sender] = 0;
        auditorCount -= 1;
        emit AuditorChanged(msg.sender, 0);
        pay(msg.sender, stake);
    }

    // ---- hashing views (the Java bindings compute the same) ----

    function domainSeparator() external view returns (bytes32) {
        return InferenceReceipts.domainSeparator();
    }

    function requestDigest(InferenceRequest calldata r) external view returns (bytes32) {
        return InferenceReceipts.digest(InferenceReceipts.requestStructHash(r));
    }

    function responseDigest(InferenceResponse calldata r) external view returns (bytes32) {
        return InferenceReceipts.digest(InferenceReceipts.responseStructHash(r));
    }

    function leafHash(ReceiptLeaf calldata l) external pure returns (bytes32) {
        return InferenceReceipts.leafHash(l);
    }

    // ---- internals ----

    /// The first rule the leaf breaks, 0 when it breaks none (then only re-execution can tell).
    function leafFault(Batch storage b, BatchUser storage bu, ReceiptLeaf calldata l) private view returns (uint8) {
        InferenceRequest calldata q = l.request;
        InferenceResponse calldata r = l.response;
        ServiceInfo storage info = services[b.provider].info;
        bytes32 qd = InferenceReceipts.digest(InferenceReceipts.requestStructHash(q));
        if (q.user == address(0) || InferenceReceipts.signer(qd, l.userSignature) != q.user) {
            return FAULT_USER_SIGNATURE;
        }
        bytes32 rd = InferenceReceipts.digest(InferenceReceipts.responseStructHash(r));
        if (InferenceReceipts.signer(rd, l.providerSignature) != info.signer) return FAULT_PROVIDER_SIGNATURE;
        if (q.provider != b.provider || r.requestHash != q.requestHash || r.user != q.user || r.nonce != q.nonce) {
            return FAULT_BINDING;
        }
        if (r.modelRoot != info.modelRoot) return FAULT_MODEL;
        if (r.fee > q.maxFee) return FAULT_FEE_ABOVE_MAX;
        if (r.fee != uint256(r.inputTokens) * info.priceIn + uint256(r.outputTokens) * info.priceOut) {
            return FAULT_FEE_MISMATCH;
        }
        if (q.nonce <= bu.prevNonce || q.nonce > bu.highestNonce) return FAULT_NONCE_RANGE;
        if (b.submittedAt > q.deadline) return FAULT_DEADLINE;
        if (
            l.cumulativeFee < r.fee || l.cumulativeFee > bu.total
                || (q.nonce == uint256(bu.prevNonce) + 1 && l.cumulativeFee != r.fee)
                || (q.nonce == bu.highestNonce && l.cumulativeFee != bu.total)
        ) return FAULT_CUMULATIVE_FEE;
        return 0;
    }

    function challengeable(uint256 batchId) private view returns (Batch storage b) {
        b = pendingBatch(batchId);
        uint64 closes = b.submittedAt + challengeWindow;
        if (block.timestamp >= closes) revert WindowClosed(closes);
        if (msg.value != challengeBond) revert WrongBond(msg.value, challengeBond);
    }

    /// Checks that the leaf is in the batch and marks it challenged.
    function admit(uint256 batchId, Batch storage b, LeafProof calldata p) private {
        if (
            p.index >= b.leafCount || p.proof.length != b.depth
                || InferenceReceipts.rootOf(InferenceReceipts.leafHash(p.leaf), p.index, p.proof) != b.root
        ) revert NotInBatch(batchId, p.index);
        if (leafChallenged[batchId][p.index]) revert LeafAlreadyChallenged(batchId, p.index);
        leafChallenged[batchId][p.index] = true;
    }

    function voidBatch(uint256 batchId, Batch storage b, uint8 fault, address challenger, uint256 bond) private {
        b.status = VOIDED;
        Service storage s = services[b.provider];
        s.pendingBatches -= 1;
        uint256 slashed = s.stake * slashBps / BPS;
        uint256 reward = slashed * challengerShareBps / BPS;
        s.stake -= slashed;
        burned += slashed - reward;
        balanceOf[challenger] += bond + reward;
        emit BatchVoided(batchId, b.provider, fault, slashed, reward);
        emit StakeChanged(b.provider, s.stake);
    }

    function pendingBatch(uint256 batchId) private view returns (Batch storage b) {
        b = batches[batchId];
        if (b.status == 0) revert UnknownBatch(batchId);
        if (b.status != PENDING) revert BatchNotPending(batchId);
    }

    function openDispute(uint256 disputeId) private view returns (Dispute storage d) {
        d = disputes[disputeId];
        if (d.status == 0) revert UnknownDispute(disputeId);
        if (d.status != OPEN) revert DisputeClosed(disputeId);
    }

    function registered(address provider) private view returns (Service storage s) {
        s = services[provider];
        if (s.info.signer == address(0)) revert NotRegistered(provider);
    }

    function checkInfo(ServiceInfo calldata info) private pure {
        if (info.serviceType > EMBEDDINGS) revert BadServiceType(info.serviceType);
        if (bytes(info.modelId).length > MAX_MODEL_ID) revert StringTooLong(bytes(info.modelId).length, MAX_MODEL_ID);
        if (bytes(info.endpoint).length > MAX_ENDPOINT) {
            revert StringTooLong(bytes(info.endpoint).length, MAX_ENDPOINT);
        }
        if (info.signer == address(0)) revert ZeroSigner();
    }

    function debit(address account, uint256 amount) private {
        uint256 balance = balanceOf[account];
        if (balance < amount) revert InsufficientBalance(account, balance, amount);
        balanceOf[account] = balance - amount;
    }

    function pay(address to, uint256 amount) private {
        (bool ok,) = to.call{value: amount}("");
        if (!ok) revert TransferFailed(to, amount);
    }
}
