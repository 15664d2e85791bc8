package io.levity.evm;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.core.num.UInt256;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * CREATE, CREATE2 and contract-creation transactions: addresses, limits, collisions, EIP-3541,
 * EIP-6780.
 */
class CreateTest {
  static final Address X = Address.fromHex("0x00000000000000000000000000000000000000ee");

  /** Initcode returning {@code size} bytes of memory whose first byte is {@code first}. */
  static Bytes returning(int size, int first) {
    return new Asm().push(first, 0).op("MSTORE8").push(size, 0).op("RETURN").build();
  }

  @ParameterizedTest
  @CsvSource({
    "0x0000000000000000000000000000000000000000, 0x0000000000000000000000000000000000000000000000000000000000000000, 0x00, 0x4D1A2e2bB4F88F0250f26Ffff098B0b30B26BF38",
    "0xdeadbeef00000000000000000000000000000000, 0x0000000000000000000000000000000000000000000000000000000000000000, 0x00, 0xB928f69Bb1D91Cd65274e3c79d8986362984fDA3",
    "0xdeadbeef00000000000000000000000000000000, 0x000000000000000000000000feed000000000000000000000000000000000000, 0x00, 0xD04116cDd17beBE565EB2422F2497E06cC1C9833",
    "0x0000000000000000000000000000000000000000, 0x0000000000000000000000000000000000000000000000000000000000000000, 0xdeadbeef, 0x70f2b2914A2a4b783FaEFb75f459A580616Fcb5e",
    "0x00000000000000000000000000000000deadbeef, 0x00000000000000000000000000000000000000000000000000000000cafebabe, 0xdeadbeef, 0x60f3f640a8508fC6a86d45DF051962668E1e8AC7",
    "0x00000000000000000000000000000000deadbeef, 0x00000000000000000000000000000000000000000000000000000000cafebabe, 0xdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeef, 0x1d8bfDC5D46DC4f61D6b6115972536eBE6A8854C",
    "0x0000000000000000000000000000000000000000, 0x0000000000000000000000000000000000000000000000000000000000000000, 0x, 0xE33C0C7F7df4809055C3ebA6c09CFe4BaF1BD9e0",
  })
  void create2AddressesFromEip1014(String sender, String salt, String initcode, String expected) {
    Address a =
        ContractAddress.create2(
            Address.fromHex(sender), Bytes32.fromHex32(salt), Keccak.hash(Bytes.fromHex(initcode)));
    assertThat(a).isEqualTo(Address.fromHex(expected));
  }

  @ParameterizedTest
  @CsvSource({
    "0, 0xcd234a471b72ba2f1ccf0a70fcaba648a5eecd8d",
    "1, 0x343c43a37d37dff08ae8c4a11544c718abb4fcf8",
    "2, 0xf778b86fa74e846c4f0a1fbd1335fe81c00a0c91",
    "3, 0xfffd933a0bc612844eaf0c6fe3e5b8e9b6c1d19c",
  })
  void createAddresses(long nonce, String expected) {
    Address sender = Address.fromHex("0x6ac7ea33f8831ea9dcc53393aaa88b25a785dbf0");
    assertThat(ContractAddress.create(sender, nonce)).isEqualTo(Address.fromHex(expected));
  }

  @Test
  void createOpcodeDeploysAtTheNonceAddress() {
    TestChain chain = new TestChain();
    Bytes runtime = new Asm().push(0x2a).returnTop().build();
    Bytes init = Asm.deployer(runtime);
    Asm a = new Asm().create(init, 5).store(0);
    chain.world.put(TestChain.CONTRACT, UInt256.valueOf(100), 1, a.build(), Map.of());
    ExecutionResult r = chain.call(TestChain.CONTRACT, 1_000_000);
    assertThat(r.isSuccess()).isTrue();
    Address created = ContractAddress.create(TestChain.CONTRACT, 1);
    assertThat(chain.storage(TestChain.CONTRACT, 0)).isEqualTo(UInt256.fromBytes(created));
    assertThat(chain.world.code(created)).isEqualTo(runtime);
    assertThat(chain.world.nonce(created)).isEqualTo(1);
    assertThat(chain.world.balance(created)).isEqualTo(UInt256.valueOf(5));
    assertThat(chain.world.nonce(TestChain.CONTRACT)).isEqualTo(2);
  }

  @Test
  void create2CollisionFailsAndConsumesTheChildGas() {
    TestChain chain = new TestChain();
    // CREATE2 of empty initcode with salt 7, twice: the second target already has nonce 1.
    Bytes code =
        new Asm()
            .push(7, 0, 0, 0)
            .op("CREATE2")
            .store(0)
            .push(7, 0, 0, 0)
            .op("CREATE2")
            .store(1)
            .op("GAS")
            .store(2)
            .build();
    long gas = 3_000_000; // so that the 1/64 left after the collision still pays for the SSTOREs
    ExecutionResult r = chain.run(code, gas);
    Address expected =
        ContractAddress.create2(
            TestChain.CONTRACT, Bytes32.leftPad(Bytes.of((byte) 7)), Keccak.EMPTY_HASH);
    assertThat(chain.storage(TestChain.CONTRACT, 0)).isEqualTo(UInt256.fromBytes(expected));
    assertThat(chain.storage(TestChain.CONTRACT, 1)).isEqualTo(UInt256.ZERO);
    assertThat(r.isSuccess()).isTrue();
    // The second CREATE2 lost all but 1/64 of the gas it had.
    assertThat(chain.storage(TestChain.CONTRACT, 2).toLong()).isLessThan(gas / 60);
  }

  @Test
  void topLevelCreateCollision() {
    TestChain chain = new TestChain();
    Address target = ContractAddress.create(TestChain.SENDER, 1);
    chain.world.put(
        target, UInt256.ZERO, 0, Bytes.EMPTY, Map.of(UInt256.ONE, UInt256.ONE)); // storage only
    ExecutionResult r = chain.create(Bytes.EMPTY, UInt256.ZERO, 100_000);
    assertThat(r.haltReason()).isEqualTo(HaltReason.CREATE_COLLISION);
    assertThat(r.gasLeft()).isZero();
  }

  @Test
  void topLevelCreateReturnsAddressAndCode() {
    TestChain chain = new TestChain();
    Bytes runtime = Bytes.fromHex("0x600160005500");
    ExecutionResult r = chain.create(Asm.deployer(runtime), UInt256.valueOf(3), 1_000_000);
    assertThat(r.isSuccess()).isTrue();
    assertThat(r.createdAddress()).isEqualTo(ContractAddress.create(TestChain.SENDER, 1));
    assertThat(chain.world.code(r.createdAddress())).isEqualTo(runtime);
    assertThat(chain.world.balance(r.createdAddress())).isEqualTo(UInt256.valueOf(3));
  }

  @Test
  void codeStartingWithEfIsRejected() {
    TestChain chain = new TestChain();
    ExecutionResult r = chain.create(returning(1, 0xef), UInt256.ZERO, 1_000_000);
    assertThat(r.haltReason()).isEqualTo(HaltReason.INVALID_CODE_PREFIX);
    assertThat(r.gasLeft()).isZero();
    assertThat(new TestChain().create(returning(1, 0xfe), UInt256.ZERO, 1_000_000).isSuccess())
        .isTrue();
    assertThat(new TestChain().create(returning(0, 0xef), UInt256.ZERO, 1_000_000).isSuccess())
        .isTrue();
  }

  @Test
  void codeSizeLimit() {
    assertThat(new TestChain().create(returning(24576, 0), UInt256.ZERO, 10_000_000).isSuccess())
        .isTrue();
    ExecutionResult r = new TestChain().create(returning(24577, 0), UInt256.ZERO, 10_000_000);
    assertThat(r.haltReason()).isEqualTo(HaltReason.CODE_SIZE_LIMIT);
    // Deposit of 200 gas per byte: too little gas left fails the creation.
    r = new TestChain().create(returning(1000, 0), UInt256.ZERO, 150_000);
    assertThat(r.haltReason()).isEqualTo(HaltReason.CODE_DEPOSIT_OUT_OF_GAS);
  }

  @Test
  void initcodeSizeLimitHaltsTheCreator() {
    TestChain chain = new TestChain();
    ExecutionResult ok =
        chain.run(new Asm().push(49152, 0, 0).op("CREATE").store(0).build(), 10_000_000);
    assertThat(ok.isSuccess()).isTrue();
    ExecutionResult r =
        new TestChain().run(new Asm().push(49153, 0, 0).op("CREATE").build(), 10_000_000);
    assertThat(r.haltReason()).isEqualTo(HaltReason.INITCODE_SIZE_LIMIT);
    assertThat(r.gasLeft()).isZero();
  }

  @Test
  void createFromStaticContextHalts() {
    TestChain chain = new TestChain();
    chain.deploy(TestChain.OTHER, new Asm().push(0, 0, 0).op("CREATE").build());
    chain.run(
        new Asm().call("STATICCALL", TestChain.OTHER, 0, 0, 0, 0, 0, -1).store(0).build(),
        1_000_000);
    assertThat(chain.storage(TestChain.CONTRACT, 0)).isEqualTo(UInt256.ZERO);
  }

  @Test
  void revertedCreationReturnsDataButNoAddress() {
    TestChain chain = new TestChain();
    Bytes init = new Asm().push(0xabcd, 0).op("MSTORE").push(2, 30).op("REVERT").build();
    Asm a = new Asm().create(init, 0).store(0).op("RETURNDATASIZE").store(1);
    chain.run(a.build(), 1_000_000);
    assertThat(chain.storage(TestChain.CONTRACT, 0)).isEqualTo(UInt256.ZERO);
    assertThat(chain.storage(TestChain.CONTRACT, 1)).isEqualTo(UInt256.valueOf(2));
    assertThat(chain.world.exists(ContractAddress.create(TestChain.CONTRACT, 1))).isFalse();
    assertThat(chain.world.nonce(TestChain.CONTRACT))
        .isEqualTo(2); // the creator's nonce still moved
  }

  @Test
  void selfdestructOfOldContractOnlyMovesBalance() {
    TestChain chain = new TestChain();
    Bytes code = new Asm().push(X).op("SELFDESTRUCT").build();
    chain.world.put(
        TestChain.CONTRACT, UInt256.valueOf(100), 1, code, Map.of(UInt256.ONE, UInt256.ONE));
    ExecutionResult r = chain.call(TestChain.CONTRACT, 100_000);
    assertThat(r.isSuccess()).isTrue();
    assertThat(r.selfDestructed()).isEmpty();
    Evm.finalizeTransaction(chain.world, r, List.of(TestChain.SENDER, TestChain.COINBASE));
    assertThat(chain.world.balance(X)).isEqualTo(UInt256.valueOf(100));
    assertThat(chain.world.balance(TestChain.CONTRACT)).isEqualTo(UInt256.ZERO);
    assertThat(chain.world.code(TestChain.CONTRACT)).isEqualTo(code);
    assertThat(chain.storage(TestChain.CONTRACT, 1)).isEqualTo(UInt256.ONE);
  }

  @Test
  void selfdestructToItselfOfOldContractKeepsBalance() {
    TestChain chain = new TestChain();
    chain.world.put(
        TestChain.CONTRACT,
        UInt256.valueOf(100),
        1,
        new Asm().op("ADDRESS", "SELFDESTRUCT").build(),
        Map.of());
    chain.call(TestChain.CONTRACT, 100_000);
    assertThat(chain.world.balance(TestChain.CONTRACT)).isEqualTo(UInt256.valueOf(100));
  }

  @Test
  void selfdestructInCreatingTransactionDeletes() {
    TestChain chain = new TestChain();
    Bytes init = new Asm().push(X).op("SELFDESTRUCT").build();
    Asm a = new Asm().create(init, 7).store(0);
    chain.world.put(TestChain.CONTRACT, UInt256.valueOf(100), 1, a.build(), Map.of());
    ExecutionResult r = chain.call(TestChain.CONTRACT, 1_000_000);
    Address child = ContractAddress.create(TestChain.CONTRACT, 1);
    assertThat(r.selfDestructed()).containsExactly(child);
    assertThat(chain.world.exists(child)).isTrue(); // until the end of the transaction
    Evm.finalizeTransaction(chain.world, r, List.of(TestChain.SENDER, TestChain.COINBASE));
    assertThat(chain.world.exists(child)).isFalse();
    assertThat(chain.world.balance(X)).isEqualTo(UInt256.valueOf(7));
  }

  @Test
  void selfdestructLaterInCreatingTransactionDeletes() {
    TestChain chain = new TestChain();
    Bytes runtime = new Asm().push(X).op("SELFDESTRUCT").build();
    Bytes init = Asm.deployer(runtime);
    Address child = ContractAddress.create(TestChain.CONTRACT, 1);
    Asm a = new Asm().create(init, 0).op("POP").call("CALL", child, 0, 0, 0, 0, 0, -1).store(0);
    chain.deploy(TestChain.CONTRACT, a.build());
    ExecutionResult r = chain.call(TestChain.CONTRACT, 1_000_000);
    assertThat(chain.storage(TestChain.CONTRACT, 0)).isEqualTo(UInt256.ONE);
    assertThat(r.selfDestructed()).containsExactly(child);
  }
}
