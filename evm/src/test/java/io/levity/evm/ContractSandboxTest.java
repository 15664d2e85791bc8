package io.levity.evm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.evm.fork.EvmSpecs;
import org.junit.jupiter.api.Test;

class ContractSandboxTest {
  static final Address CALLER = Address.fromHex("0x00000000000000000000000000000000000000c0");
  // Runtime: slot0 += 1, return the new value. Initcode: copy those 18 bytes out and return them.
  static final String RUNTIME = "600054600101806000556000526020" + "6000f3";
  static final String INITCODE = "6012600c60003960126000f3" + RUNTIME;

  @Test
  void everyCallStartsFromTheDeployedState() {
    ContractSandbox s = ContractSandbox.deploy(EvmSpecs.cancun(), CALLER, Bytes.fromHex(INITCODE));
    CallMessage call = s.callMessage(Bytes.EMPTY, 100_000);
    for (int i = 0; i < 3; i++) {
      ExecutionResult r = s.run(call);
      assertThat(r.isSuccess()).isTrue();
      assertThat(r.output().toHex()).endsWith("01"); // not 02, 03: the SSTORE was reverted
    }
    assertThat(s.contract()).isEqualTo(ContractAddress.create(CALLER, 0));
  }

  @Test
  void aFailedDeploymentSaysWhy() {
    assertThatThrownBy(() -> ContractSandbox.deploy(EvmSpecs.cancun(), CALLER, Bytes.fromHex("fe")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("deployment failed");
  }
}
