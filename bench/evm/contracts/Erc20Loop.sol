// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// A minimal ERC-20 whose run(n) performs n transfers to 16 rotating recipients (warm storage after the first round).
contract Erc20Loop {
    mapping(address => uint256) public balanceOf;
    event Transfer(address indexed from, address indexed to, uint256 value);

    constructor() {
        balanceOf[address(this)] = type(uint128).max;
    }

    function transfer(address from, address to, uint256 value) internal {
        uint256 b = balanceOf[from];
        require(b >= value, "balance");
        unchecked { balanceOf[from] = b - value; }
        balanceOf[to] += value;
        emit Transfer(from, to, value);
    }

    function run(uint256 n) external returns (uint256) {
        for (uint256 i = 0; i < n; i++) {
            transfer(address(this), address(uint160(0x1000 + (i & 15))), 1);
        }
        return balanceOf[address(0x1000)];
    }
}
