// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// Levity's data availability registry: DA nodes register with stake and a BLS key on BN254; a certificate says that
/// nodes holding at least thresholdBps of an epoch's stake signed a blob; checkDACert verifies one with a single call
/// to the pairing precompile and never reverts, so rollups can call it; certify records it.
///
/// Keys and signatures use the EVM's encodings: G1 as (x, y), G2 as (x.im, x.re, y.im, y.re). A node's key has both
/// halves (pk1 = sk*G1, pk2 = sk*G2): the contract sums the signers' G1 halves (ecAdd is cheap) and pairs the G2 half
/// the certificate brings. With H = hashToG1(message) and gamma = keccak256(H, apk1, apk2, sigma) mod r, the one
/// check e(sigma + gamma*apk1, -G2) * e(H + gamma*G1, apk2) == 1 proves both e(sigma, G2) == e(H, apk2) and that apk2
/// holds the same secret as the apk1 summed here (io.levity.core.crypto.bls.Bls.verifyAggregate is the same check).
///
/// Messages (abi.encodePacked; io.levity.da.chain.DaMessages computes both):
///   signing: keccak256("levity-da-v1", uint256(chainid), address(this), blobId, uint64(epoch))
///   proof of possession: keccak256("levity-da-pop-v1", uint256(chainid), address(this), operator, pk1.x, pk1.y)
/// A proof of possession (the key's signature of its pop message, checked as above) stops rogue keys: a key chosen as
/// a*G - pk(victim) has no known secret, so it cannot sign.
///
/// Epochs: epoch = block.number / epochBlocks. A node registered in epoch e is active from e + 1; after exit() in
/// epoch x it is inactive from x + 1, and its stake can be withdrawn from epoch x + 1 + withdrawalDelayEpochs. The
/// quorum of epoch E is the nodes with activationEpoch <= E < exitEpoch; a certificate names its epoch, which must be
/// the current one or the one before. Java side: io.levity.da.chain.RpcDaChain.
contract DataAvailability {
    uint256 private constant P = 0x30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd47;
    uint256 private constant R = 0x30644e72e131a029b85045b68181585d2833e84879b9709143e1f593f0000001;
    /// (p + 1) / 4: since p = 3 mod 4, a^((p+1)/4) is a square root of a when a has one.
    uint256 private constant SQRT_EXP = 0x0c19139cb84c680a6e14116da060561765e05aa45a1c72a34f082305b61f3f52;
    // -G2 in the pairing precompile's order (x.im, x.re, y.im, y.re).
    uint256 private constant NG2_XI = 11559732032986387107991004021392285783925812861821192530917403151452391805634;
    uint256 private constant NG2_XR = 10857046999023057135944570762232829481370756359578518086990519993285655852781;
    uint256 private constant NG2_YI = 17805874995975841540914202342111839520379459829704422454583296818431106115052;
    uint256 private constant NG2_YR = 13392588948715843804641432497768002650278120570034223513918757245338268106653;
    /// hashToG1 gives up (the check fails) after this many x's without a root: probability 2^-256.
    uint256 private constant MAX_TRIES = 256;
    uint256 public constant MAX_ENDPOINT = 256;
    uint64 private constant NOT_EXITED = type(uint64).max;

    struct Node {
        // slot 0
        uint128 stake;
        uint64 activationEpoch;
        uint64 exitEpoch;
        // slot 1
        address operator;
        bool withdrawn;
        // slots 2-7
        uint256[2] pk1;
        uint256[4] pk2;
        string endpoint;
    }

    /// The total stake of the quorums from `epoch` on, until the next checkpoint.
    struct Checkpoint {
        uint64 epoch;
        uint192 total;
    }

    struct Certified {
        uint64 epoch;
        uint64 blockNumber;
        uint256 signers;
    }

    uint64 public immutable epochBlocks;
    uint16 public immutable thresholdBps;
    uint256 public immutable minStake;
    uint16 public immutable maxNodes;
    uint64 public immutable withdrawalDelayEpochs;

    Node[] private nodes;
    mapping(address => uint256) private indexPlusOne;
    Checkpoint[] private checkpoints;
    mapping(bytes32 => Certified) private certifiedBlobs;

    event NodeRegistered(uint256 indexed index, address indexed operator, uint64 activationEpoch, uint256 stake);
    event NodeExited(uint256 indexed index, uint64 exitEpoch);
    event StakeWithdrawn(uint256 indexed index, address indexed operator, uint256 amount);
    event BlobCertified(bytes32 indexed blobId, uint64 epoch, uint256 signers, uint256 signedStake, uint256 totalStake);

    error BadParameters();
    error StakeTooLow(uint256 sent, uint256 minimum);
    error BadEndpoint(uint256 length, uint256 maximum);
    error TooManyNodes(uint256 maximum);
    error AlreadyRegistered(address operator);
    error ZeroKey();
    error BadPossessionProof(address operator);
    error NotRegistered(address operator);
    error AlreadyExited(address operator);
    error NotWithdrawable(uint64 fromEpoch, uint64 current);
    error TransferFailed(address to, uint256 amount);
    error StaleEpoch(uint64 epoch, uint64 current);
    error UnknownSigner(uint256 index);
    error UnderThreshold(uint256 signedStake, uint256 totalStake);
    error BadSignature();
    error AlreadyCertified(bytes32 blobId);

    enum Verdict {
        Valid,
        StaleEpoch,
        UnknownSigner,
        UnderThreshold,
        BadSignature
    }

    constructor(
        uint64 epochBlocks_,
        uint16 thresholdBps_,
        uint256 minStake_,
        uint16 maxNodes_,
        uint64 withdrawalDelayEpochs_
    ) {
        if (
            epochBlocks_ == 0 || thresholdBps_ == 0 || thresholdBps_ > 10000 || minStake_ == 0 || maxNodes_ == 0
                || maxNodes_ > 256 || withdrawalDelayEpochs_ == 0
        ) revert BadParameters();
        epochBlocks = epochBlocks_;
        thresholdBps = thresholdBps_;
        minStake = minStake_;
        maxNodes = maxNodes_;
        withdrawalDelayEpochs = withdrawalDelayEpochs_;
    }

    // ---- nodes ----

    /// Registers the caller's node with msg.value as stake. pop is the key's signature of popMessage(msg.sender, pk1).
    /// Its index (its bit in signer bitmaps) is its registration order; it is active from the next epoch.
    function register(uint256[2] calldata pk1, uint256[4] calldata pk2, uint256[2] calldata pop, string calldata endpoint)
        external
        payable
        returns (uint256 index)
    {
        if (msg.value < minStake || msg.value > type(uint128).max) revert StakeTooLow(msg.value, minStake);
        uint256 len = bytes(endpoint).length;
        if (len == 0 || len > MAX_ENDPOINT) revert BadEndpoint(len, MAX_ENDPOINT);
        if (nodes.length >= maxNodes) revert TooManyNodes(maxNodes);
        if (indexPlusOne[msg.sender] != 0) revert AlreadyRegistered(msg.sender);
        if ((pk1[0] | pk1[1]) == 0 || (pk2[0] | pk2[1] | pk2[2] | pk2[3]) == 0) revert ZeroKey();
        if (!verifyAggregate(popMessage(msg.sender, pk1), pk1[0], pk1[1], pk2, pop)) {
            revert BadPossessionProof(msg.sender);
        }
        uint64 activation = currentEpoch() + 1;
        index = nodes.length;
        nodes.push(Node(uint128(msg.value), activation, NOT_EXITED, msg.sender, false, pk1, pk2, endpoint));
        indexPlusOne[msg.sender] = index + 1;
        changeTotal(activation, msg.value, true);
        emit NodeRegistered(index, msg.sender, activation, msg.value);
    }

    /// The caller's node leaves the quorums from the next epoch.
    function exit() external {
        uint256 index = indexOf(msg.sender);
        Node storage n = nodes[index];
        if (n.exitEpoch != NOT_EXITED) revert AlreadyExited(msg.sender);
        uint64 exitEpoch = currentEpoch() + 1;
        n.exitEpoch = exitEpoch;
        // From exitEpoch on (a node exiting in the epoch it registered nets to zero in that same checkpoint).
        changeTotal(exitEpoch, n.stake, false);
        emit NodeExited(index, exitEpoch);
    }

    /// Returns the caller's stake once withdrawalDelayEpochs have passed since its node left the quorums.
    function withdraw() external {
        uint256 index = indexOf(msg.sender);
        Node storage n = nodes[index];
        if (n.exitEpoch == NOT_EXITED || n.withdrawn) revert NotWithdrawable(NOT_EXITED, currentEpoch());
        uint64 from = n.exitEpoch + withdrawalDelayEpochs;
        if (currentEpoch() < from) revert NotWithdrawable(from, currentEpoch());
        n.withdrawn = true;
        uint256 amount = n.stake;
        (bool ok,) = msg.sender.call{value: amount}("");
        if (!ok) revert TransferFailed(msg.sender, amount);
        emit StakeWithdrawn(index, msg.sender, amount);
    }

    function indexOf(address operator) private view returns (uint256) {
        uint256 i = indexPlusOne[operator];
        if (i == 0) revert NotRegistered(operator);
        return i - 1;
    }

    /// Adds (or removes) stake to the totals from `epoch` (always current + 1) on.
    function changeTotal(uint64 epoch, uint256 amount, bool add) private {
        uint256 n = checkpoints.length;
        uint256 last = n == 0 ? 0 : checkpoints[n - 1].total;
        uint256 total = add ? last + amount : last - amount;
        if (n != 0 && checkpoints[n - 1].epoch == epoch) checkpoints[n - 1].total = uint192(total);
        else checkpoints.push(Checkpoint(epoch, uint192(total)));
    }

    /// The total stake of the quorum of `epoch` (checkpoints only ever name current + 1 or earlier, so this reads at
    /// most three for the epochs a certificate may name).
    function totalStake(uint64 epoch) public view returns (uint256) {
        for (uint256 i = checkpoints.length; i > 0; i--) {
            Checkpoint storage c = checkpoints[i - 1];
            if (c.epoch <= epoch) return c.total;
        }
        return 0;
    }

    // ---- certificates ----

    /// Whether nodes holding at least thresholdBps of `epoch`'s stake signed `blobId`: see the contract comment.
    /// Never reverts on a bad certificate (only on malformed calldata or lack of gas).
    function checkDACert(
        bytes32 blobId,
        uint64 epoch,
        uint256 signers,
        uint256[2] calldata sigma,
        uint256[4] calldata apk2
    ) external view returns (bool) {
        (Verdict v,,,) = check(blobId, epoch, signers, sigma, apk2);
        return v == Verdict.Valid;
    }

    /// Records a certificate checkDACert accepts; reverts with the reason otherwise.
    function certify(bytes32 blobId, uint64 epoch, uint256 signers, uint256[2] calldata sigma, uint256[4] calldata apk2)
        external
    {
        if (certifiedBlobs[blobId].blockNumber != 0) revert AlreadyCertified(blobId);
        (Verdict v, uint256 signed, uint256 total, uint256 detail) = check(blobId, epoch, signers, sigma, apk2);
        if (v == Verdict.StaleEpoch) revert StaleEpoch(epoch, currentEpoch());
        if (v == Verdict.UnknownSigner) revert UnknownSigner(detail);
        if (v == Verdict.UnderThreshold) revert UnderThreshold(signed, total);
        if (v == Verdict.BadSignature) revert BadSignature();
        certifiedBlobs[blobId] = Certified(epoch, uint64(block.number), signers);
        emit BlobCertified(blobId, epoch, signers, signed, total);
    }

    /// The checks both paths share, cheapest first; detail is the first unknown signer's index.
    function check(bytes32 blobId, uint64 epoch, uint256 signers, uint256[2] calldata sigma, uint256[4] calldata apk2)
        private
        view
        returns (Verdict, uint256 signed, uint256 total, uint256 detail)
    {
        uint64 current = currentEpoch();
        if (epoch != current && (current == 0 || epoch != current - 1)) return (Verdict.StaleEpoch, 0, 0, 0);
        uint256 count = nodes.length;
        uint256 ax;
        uint256 ay;
        bool ok = true;
        for (uint256 i = 0; signers >> i != 0; i++) {
            if ((signers >> i) & 1 == 0) continue;
            if (i >= count) return (Verdict.UnknownSigner, 0, 0, i);
            Node storage n = nodes[i];
            if (n.activationEpoch > epoch || epoch >= n.exitEpoch) return (Verdict.UnknownSigner, 0, 0, i);
            signed += n.stake;
            if (ok) (ok, ax, ay) = ecAdd(ax, ay, n.pk1[0], n.pk1[1]);
        }
        total = totalStake(epoch);
        if (signed == 0 || signed * 10000 < total * thresholdBps) return (Verdict.UnderThreshold, signed, total, 0);
        if (!ok || !verifyAggregate(signingMessage(blobId, epoch), ax, ay, apk2, sigma)) {
            return (Verdict.BadSignature, signed, total, 0);
        }
        return (Verdict.Valid, signed, total, 0);
    }

    /// What the quorum of `epoch` signs for `blobId`.
    function signingMessage(bytes32 blobId, uint64 epoch) public view returns (bytes32) {
        return keccak256(abi.encodePacked("levity-da-v1", uint256(block.chainid), address(this), blobId, epoch));
    }

    /// What `operator` signs with the key whose G1 half is `pk1` to register it.
    function popMessage(address operator, uint256[2] calldata pk1) public view returns (bytes32) {
        return keccak256(
            abi.encodePacked("levity-da-pop-v1", uint256(block.chainid), address(this), operator, pk1[0], pk1[1])
        );
    }

    /// e(sigma + gamma*apk1, -G2) * e(H + gamma*G1, apk2) == 1 with H = hashToG1(message) and
    /// gamma = keccak256(H.x, H.y, apk1.x, apk1.y, apk2[0..3], sigma.x, sigma.y) mod r (320 bytes). False on any
    /// malformed point or point at infinity.
    function verifyAggregate(
        bytes32 message,
        uint256 apk1x,
        uint256 apk1y,
        uint256[4] calldata apk2,
        uint256[2] calldata sigma
    ) private view returns (bool) {
        // Points at infinity (sigma, either half of apk) are refused, as Bls.verifyAggregate refuses them.
        if ((sigma[0] | sigma[1]) == 0 || (apk1x | apk1y) == 0 || (apk2[0] | apk2[1] | apk2[2] | apk2[3]) == 0) {
            return false;
        }
        (bool ok, uint256 hx, uint256 hy) = hashToG1(message);
        if (!ok) return false;
        uint256 gamma = uint256(
            keccak256(abi.encodePacked(hx, hy, apk1x, apk1y, apk2[0], apk2[1], apk2[2], apk2[3], sigma[0], sigma[1]))
        ) % R;
        uint256 x;
        uint256 y;
        (ok, x, y) = ecMul(apk1x, apk1y, gamma);
        if (ok) (ok, x, y) = ecAdd(sigma[0], sigma[1], x, y);
        uint256 bx;
        uint256 by;
        if (ok) (ok, bx, by) = ecMul(1, 2, gamma);
        if (ok) (ok, bx, by) = ecAdd(hx, hy, bx, by);
        if (!ok) return false;
        uint256[12] memory input =
            [x, y, NG2_XI, NG2_XR, NG2_YI, NG2_YR, bx, by, apk2[0], apk2[1], apk2[2], apk2[3]];
        uint256[1] memory out;
        assembly ("memory-safe") {
            ok := staticcall(gas(), 0x08, input, 384, out, 32)
        }
        return ok && out[0] == 1;
    }

    /// Try-and-increment: x = message mod p; while x^3 + 3 has no square root, x = x + 1; y = (x^3 + 3)^((p+1)/4).
    function hashToG1(bytes32 message) public view returns (bool ok, uint256 x, uint256 y) {
        x = uint256(message) % P;
        for (uint256 t = 0; t < MAX_TRIES; t++) {
            uint256 rhs = addmod(mulmod(mulmod(x, x, P), x, P), 3, P);
            (ok, y) = modExp(rhs, SQRT_EXP);
            if (!ok) return (false, 0, 0);
            if (mulmod(y, y, P) == rhs) return (true, x, y);
            x = addmod(x, 1, P);
        }
        return (false, 0, 0);
    }

    function modExp(uint256 base, uint256 exponent) private view returns (bool ok, uint256 result) {
        uint256[6] memory input = [uint256(32), 32, 32, base, exponent, P];
        uint256[1] memory out;
        assembly ("memory-safe") {
            ok := staticcall(gas(), 0x05, input, 192, out, 32)
        }
        result = out[0];
    }

    function ecAdd(uint256 ax, uint256 ay, uint256 bx, uint256 by) private view returns (bool ok, uint256 x, uint256 y) {
        uint256[4] memory input = [ax, ay, bx, by];
        uint256[2] memory out;
        assembly ("memory-safe") {
            ok := staticcall(gas(), 0x06, input, 128, out, 64)
        }
        return (ok, out[0], out[1]);
    }

    function ecMul(uint256 ax, uint256 ay, uint256 s) private view returns (bool ok, uint256 x, uint256 y) {
        uint256[3] memory input = [ax, ay, s];
        uint256[2] memory out;
        assembly ("memory-safe") {
            ok := staticcall(gas(), 0x07, input, 96, out, 64)
        }
        return (ok, out[0], out[1]);
    }

    // ---- views ----

    function currentEpoch() public view returns (uint64) {
        return uint64(block.number / epochBlocks);
    }

    function nodeCount() external view returns (uint256) {
        return nodes.length;
    }

    /// Node `i`; exitEpoch is 2^64 - 1 while it has not exited.
    function node(uint256 i)
        external
        view
        returns (
            address operator,
            uint256 stake,
            uint256[2] memory pk1,
            uint256[4] memory pk2,
            string memory endpoint,
            uint64 activationEpoch,
            uint64 exitEpoch
        )
    {
        Node storage n = nodes[i];
        return (n.operator, n.stake, n.pk1, n.pk2, n.endpoint, n.activationEpoch, n.exitEpoch);
    }

    /// The certificate record of `blobId`; blockNumber 0 when it is not certified.
    function certified(bytes32 blobId) external view returns (uint64 epoch, uint256 signers, uint64 blockNumber) {
        Certified storage c = certifiedBlobs[blobId];
        return (c.epoch, c.signers, c.blockNumber);
    }
}
