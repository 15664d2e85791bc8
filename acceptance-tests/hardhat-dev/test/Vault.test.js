const { expect } = require("chai");
const { ethers, network } = require("hardhat");
const { loadFixture, latestTime, increaseTime } = require("./devtools");

const DAY = 24 * 60 * 60;

async function deployVault() {
  const [owner, alice, bob] = await ethers.getSigners();
  const vault = await ethers.deployContract("Vault", [DAY]);
  await vault.waitForDeployment();
  await (await vault.connect(alice).deposit({ value: ethers.parseEther("1") })).wait();
  return { vault, owner, alice, bob };
}

describe("Vault on levity devnet --dev", function () {
  it("is Levity, honestly, in dev mode", async function () {
    const version = await network.provider.send("web3_clientVersion", []);
    expect(version).to.match(/^Levity\/.*\/dev$/);
    expect(await network.provider.send("eth_chainId", [])).to.equal("0x539");
  });

  it("emits events that chai sees before wait(): automine mined the transaction already", async function () {
    const { vault, bob } = await loadFixture(deployVault);
    const tx = vault.connect(bob).deposit({ value: 1000n });
    await expect(tx).to.emit(vault, "Deposited");
    const receipt = await ethers.provider.getTransactionReceipt((await tx).hash);
    expect(receipt).to.not.equal(null);
    expect(receipt.status).to.equal(1);
  });

  it("decodes custom errors from a reverted call", async function () {
    const { vault, alice, bob } = await loadFixture(deployVault);
    await expect(vault.connect(bob).withdraw())
      .to.be.revertedWithCustomError(vault, "NothingToWithdraw")
      .withArgs(bob.address);
    await expect(vault.connect(alice).withdraw()).to.be.revertedWithCustomError(vault, "StillLocked");
  });

  it("loadFixture rewinds the chain between tests (evm_snapshot / evm_revert)", async function () {
    const { vault, alice, bob } = await loadFixture(deployVault);
    const before = await ethers.provider.getBlockNumber();
    await (await vault.connect(bob).deposit({ value: 5n })).wait();
    expect(await vault.balanceOf(bob.address)).to.equal(5n);
    const again = await loadFixture(deployVault);
    expect(await ethers.provider.getBlockNumber()).to.equal(before);
    expect(await again.vault.balanceOf(bob.address)).to.equal(0n);
    expect(await again.vault.balanceOf(alice.address)).to.equal(ethers.parseEther("1"));
  });

  it("travels in time to unlock the vault", async function () {
    const { vault, alice } = await loadFixture(deployVault);
    const unlock = await vault.unlockAt(alice.address);
    const start = await latestTime();
    const now = await increaseTime(DAY + 1);
    expect(now).to.be.at.least(start + DAY + 1);
    expect(BigInt(now)).to.be.at.least(unlock);
    await expect(vault.connect(alice).withdraw())
      .to.emit(vault, "Withdrawn")
      .withArgs(alice.address, ethers.parseEther("1"));
    await expect(vault.connect(alice).withdraw()).to.be.revertedWithCustomError(vault, "NothingToWithdraw");
  });

  it("mines on demand when automine is off", async function () {
    await loadFixture(deployVault);
    await network.provider.send("evm_setAutomine", [false]);
    try {
      const [owner] = await ethers.getSigners();
      const start = await ethers.provider.getBlockNumber();
      const tx = await owner.sendTransaction({ to: ethers.ZeroAddress, value: 1n });
      expect(await ethers.provider.getTransactionReceipt(tx.hash)).to.equal(null);
      await network.provider.send("evm_mine", []);
      const receipt = await tx.wait();
      expect(receipt.blockNumber).to.equal(start + 1);
      await network.provider.send("anvil_mine", ["0x3", "0x3c"]);
      expect(await ethers.provider.getBlockNumber()).to.equal(start + 4);
    } finally {
      await network.provider.send("evm_setAutomine", [true]);
    }
  });

  it("edits state directly (anvil_setBalance, anvil_setCode, anvil_setStorageAt)", async function () {
    const { vault, bob } = await loadFixture(deployVault);
    const rich = "0x00000000000000000000000000000000000000aa";
    await network.provider.send("hardhat_setBalance", [rich, "0x3635c9adc5dea00000"]);
    expect(await ethers.provider.getBalance(rich)).to.equal(ethers.parseEther("1000"));
    // balanceOf[bob] lives at keccak(bob . slot 0)
    const slot = ethers.keccak256(ethers.AbiCoder.defaultAbiCoder().encode(["address", "uint256"], [bob.address, 0]));
    await network.provider.send("anvil_setStorageAt", [await vault.getAddress(), slot, ethers.toBeHex(42n, 32)]);
    expect(await vault.balanceOf(bob.address)).to.equal(42n);
    const code = await ethers.provider.getCode(await vault.getAddress());
    await network.provider.send("anvil_setCode", [rich, code]);
    expect(await ethers.provider.getCode(rich)).to.equal(code);
  });
});
