// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// run(n) chains n Keccak-256 hashes over 64-byte inputs.
contract KeccakLoop {
    function run(uint256 n) external pure returns (bytes32 h) {
        for (uint256 i = 0; i < n; i++) {
            h = keccak256(abi.encodePacked(h, i));
        }
    }
}
