// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// A time-locked vault: deposits can be withdrawn by their owner once the lock has passed.
contract Vault {
    error StillLocked(uint256 unlockTime, uint256 now_);
    error NothingToWithdraw(address who);

    event Deposited(address indexed who, uint256 amount, uint256 unlockTime);
    event Withdrawn(address indexed who, uint256 amount);

    uint256 public immutable lockSeconds;
    mapping(address => uint256) public balanceOf;
    mapping(address => uint256) public unlockAt;

    constructor(uint256 lockSeconds_) {
        lockSeconds = lockSeconds_;
    }

    function deposit() external payable {
        balanceOf[msg.sender] += msg.value;
        unlockAt[msg.sender] = block.timestamp + lockSeconds;
        emit Deposited(msg.sender, msg.value, unlockAt[msg.sender]);
    }

    function withdraw() external {
        uint256 amount = balanceOf[msg.sender];
        if (amount == 0) revert NothingToWithdraw(msg.sender);
        if (block.timestamp < unlockAt[msg.sender]) {
            revert StillLocked(unlockAt[msg.sender], block.timestamp);
        }
        balanceOf[msg.sender] = 0;
        emit Withdrawn(msg.sender, amount);
        (bool ok, ) = msg.sender.call{value: amount}("");
        require(ok, "transfer failed");
    }
}
