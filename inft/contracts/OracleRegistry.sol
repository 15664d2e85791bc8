// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Signatures} from "./Signatures.sol";

/// Checks the evidence that an oracle key lives where its operator says. A TDX or SGX quote verifier implements it by
/// checking the quote's signature chain and that its report data commits to the oracle address; it returns the
/// measurement (MRTD / MRENCLAVE) it found. Reverts when the evidence does not hold.
interface IAttestationChecker {
    function checkAttestation(address oracle, bytes calldata evidence) external view returns (bytes32 measurement);

    /// What the checker proves, for people reading the registry ("software: trust in the key", "tdx-quote-v4"...).
    function kind() external view returns (string memory);
}

/// The software attestation the devnet uses. It proves only that the registrant holds the oracle key (a signature over
/// this chain, the registry and the oracle address); it says nothing about the code holding the key. Registering an
/// oracle with it is plain trust in whoever holds that key: it can read every sealed agent and sign any proof.
contract SoftwareAttestation is IAttestationChecker {
    bytes32 public constant POSSESSION_TAG = keccak256("levity.inft.software-attestation.v1");

    function kind() external pure returns (string memory) {
        return "software: trust in the key, no code measurement";
    }

    /// evidence = the oracle key's 65-byte signature over keccak256(abi.encode(POSSESSION_TAG, chainid, registry,
    /// oracle)), where registry is the caller. Returns a zero measurement: nothing was measured.
    function checkAttestation(address oracle, bytes calldata evidence) external view returns (bytes32) {
        bytes32 hash = keccak256(abi.encode(POSSESSION_TAG, block.chainid, msg.sender, oracle));
        address signer = Signatures.recover(hash, evidence);
        if (signer != oracle) revert KeyNotHeld(oracle, signer);
        return bytes32(0);
    }

    error KeyNotHeld(address oracle, address signer);
}

/// The oracles whose signatures the iNFT verifier accepts, each with the attestation it was admitted on. The admin
/// chooses which attestation checkers are acceptable and admits or revokes oracles; every admission is checked by
/// the checker it names and recorded.
contract OracleRegistry {
    struct OracleRecord {
        IAttestationChecker checker;
        bytes32 measurement;
        bytes32 evidenceHash;
        uint64 registeredAt;
        bool active;
    }

    address public admin;
    mapping(IAttestationChecker => bool) public acceptedChecker;
    mapping(address => OracleRecord) private records;
    address[] private oracleList;

    event CheckerAccepted(IAttestationChecker indexed checker, bool accepted);
    event OracleRegistered(address indexed oracle, IAttestationChecker indexed checker, bytes32 measurement,
        bytes32 evidenceHash);
    event OracleRevoked(address indexed oracle);
    event AdminChanged(address indexed admin);

    error NotAdmin(address caller);
    error CheckerNotAccepted(IAttestationChecker checker);
    error ZeroAddress();
    error OracleAlreadyActive(address oracle);
    error OracleNotActive(address oracle);

    constructor(address admin_) {
        if (admin_ == address(0)) revert ZeroAddress();
        admin = admin_;
    }

    modifier onlyAdmin() {
        if (msg.sender != admin) revert NotAdmin(msg.sender);
        _;
    }

    function setAdmin(address admin_) external onlyAdmin {
        if (admin_ == address(0)) revert ZeroAddress();
        admin = admin_;
        emit AdminChanged(admin_);
    }

    function setCheckerAccepted(IAttestationChecker checker, bool accepted) external onlyAdmin {
        if (address(checker) == address(0)) revert ZeroAddress();
        acceptedChecker[checker] = accepted;
        emit CheckerAccepted(checker, accepted);
    }

    /// Admits `oracle` once `checker` (an accepted one) has checked `evidence` for it.
    function registerOracle(address oracle, IAttestationChecker checker, bytes calldata evidence) external onlyAdmin {
        if (oracle == address(0)) revert ZeroAddress();
        if (!acceptedChecker[checker]) revert CheckerNotAccepted(checker);
        if (records[oracle].active) revert OracleAlreadyActive(oracle);
        bytes32 measurement = checker.checkAttestation(oracle, evidence);
        bytes32 evidenceHash = keccak256(evidence);
        if (records[oracle].registeredAt == 0) oracleList.push(oracle);
        records[oracle] = OracleRecord(checker, measurement, evidenceHash, uint64(block.timestamp), true);
        emit OracleRegistered(oracle, checker, measurement, evidenceHash);
    }

    function revokeOracle(address oracle) external onlyAdmin {
        if (!records[oracle].active) revert OracleNotActive(oracle);
        records[oracle].active = false;
        emit OracleRevoked(oracle);
    }

    /// True while `oracle` is admitted and the checker it was admitted on is still accepted.
    function isOracle(address oracle) external view returns (bool) {
        OracleRecord storage r = records[oracle];
        return r.active && acceptedChecker[r.checker];
    }

    function oracleRecord(address oracle) external view returns (OracleRecord memory) {
        return records[oracle];
    }

    function oracles() external view returns (address[] memory) {
        return oracleList;
    }
}
