// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// run(n) writes n fresh storage slots, rewrites them, then reads them back (cold and warm SSTORE/SLOAD).
contract StorageLoop {
    mapping(uint256 => uint256) public slots;
    uint256 public base;

    function run(uint256 n) external returns (uint256 acc) {
        uint256 b = base;
        for (uint256 i = 0; i < n; i++) slots[b + i] = i + 1;
        for (uint256 i = 0; i < n; i++) slots[b + i] += 1;
        for (uint256 i = 0; i < n; i++) acc += slots[b + i];
        base = b + n;
    }
}
