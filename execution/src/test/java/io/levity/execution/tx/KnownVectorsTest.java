package io.levity.execution.tx;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.core.bytes.Hex;
import io.levity.core.tx.Transaction;
import io.levity.core.tx.TransactionDecoder;
import io.levity.execution.fork.Fork;
import org.junit.jupiter.api.Test;

/**
 * Transactions from ethereum/tests TransactionTests (MIT), with the sender and hash the reference
 * clients give.
 */
class KnownVectorsTest {
  static final byte[] DATA_TX_BC_VALID_BLOCK_TEST =
      Hex.decode(
          "0xf901fc8032830138808080b901ae60056013565b6101918061001d6000396000f35b3360008190555056006001600060e0"
              + "60020a6000350480630a874df61461003a57806341c0e1b514610058578063a02b161e14610066578063dbbdf08314610077"
              + "57005b610045600435610149565b80600160a060020a031660005260206000f35b610060610161565b60006000f35b610071"
              + "6004356100d4565b60006000f35b61008560043560243561008b565b60006000f35b600054600160a060020a031632600160"
              + "a060020a031614156100ac576100b1565b6100d0565b80600183600052602052604060002081905550816000600052602060"
              + "00a15b5050565b600054600160a060020a031633600160a060020a031614158015610118575033600160a060020a03166001"
              + "82600052602052604060002054600160a060020a031614155b61012157610126565b610146565b6000600182600052602052"
              + "60406000208190555080600060005260206000a15b50565b60006001826000526020526040600020549050919050565b6000"
              + "54600160a060020a031633600160a060020a0316146101815761018f565b600054600160a060020a0316ff5b561ca0c5689e"
              + "d1ad124753d54576dfb4b571465a41900a1dff4058d8adf16f752013d0a01221cbd70ec28c94a3b55ec771bcbc70778d6ee0"
              + "b51ca7ea9514594c861b1884");

  private static void check(String hex, Fork fork, String hash, String sender) {
    byte[] raw = Hex.decode(hex);
    Transaction tx = TransactionDecoder.decode(raw);
    assertThat(tx.encode()).isEqualTo(raw);
    ValidatedTransaction v = new TransactionValidator(fork, 1).validate(tx);
    assertThat(v.hash().toHex()).isEqualTo(hash);
    assertThat(v.sender().toHex()).isEqualTo(sender);
  }

  @Test
  void legacyEip155() { // ttSignature/Vitalik_1
    check(
        "0xf864808504a817c800825208943535353535353535353535353535353535353535808025a0044852b2a670ade5407e78fb2863"
            + "c51de9fcb96542a07186fe3aeda6bb8a116da0044852b2a670ade5407e78fb2863c51de9fcb96542a07186fe3aeda6bb8a116d",
        Fork.CANCUN,
        "0xb1e2188bc490908a78184e4818dca53684167507417fdb4c09c2d64d32a9896a",
        "0xf0f6f18bca1b28cd68e4357452947e021241e9ce");
  }

  @Test
  void legacyUnprotected() { // ttSignature/RightVRSTest
    check(
        "0xf85f030182520894b94f5374fce5edbc8e2a8697c15331677e6ebf0b0a801ca098ff921201554726367d2be8c804a7ff89cc"
            + "f285ebc57dff8ae4c44b9c19ac4aa01887321be575c8095f789dd4c743dfe42c1820f9231f98a962b210e3ac2452a3",
        Fork.CANCUN,
        "0x1cbb233404f49e96cb795d0ea74f485eca2c41a216e0ce80694cef4dd7a45b50",
        "0x58d79230fc81a042315da7d243272798e27cb40c");
  }

  @Test
  void highSInFrontier() { // ttRSValue/TransactionWithSvalueHigh
    check(
        "0xf85f800182520894095e7baea6a6c7c4c2dfeb977efac326af552d870b801ba048b55bfa915ac795c431978d8a6a992b628d"
            + "557da5ff759b307d495a36649353a0fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140",
        Fork.FRONTIER,
        "0xc90d3b02eb65a7dd5087b0110c4ae34e9ce146402edc641d6f1d85a5c7a953f9",
        "0x474869ba435affa1f45aaada48520880921c0887");
  }

  @Test
  void accessList() { // ttEIP2930/accessListStorage32Bytes
    check(
        "0x01f89a018001826a4094095e7baea6a6c7c4c2dfeb977efac326af552d878080f838f794a95e7baea6a6c7c4c2dfeb977efa"
            + "c326af552d87e1a0ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff80a05cbd172231fc0735e0fb"
            + "994dd5b1a4939170a260b36f0427a8a80866b063b948a07c230f7f578dd61785c93361b9871c0706ebfa6d06e3f4491dc9558c52"
            + "02ed36",
        Fork.BERLIN,
        "0xb4f8b14a7aaf85ec2f76be9fbe4155deae1f87b2da95af73be3c27ed8d4c8cb7",
        "0xebe76799923fd62804659fb00b4f0f1a94c0eb1e");
  }

  @Test
  void dynamicFee() { // ttEIP1559/GasLimitPriceProductOverflowtMinusOne
    check(
        "0x02f885018084773594009f02ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff82520894095e7baea6"
            + "a6c7c4c2dfeb977efac326af552d878080c080a05cbd172231fc0735e0fb994dd5b1a4939170a260b36f0427a8a80866b063b948"
            + "a07c230f7f578dd61785c93361b9871c0706ebfa6d06e3f4491dc9558c5202ed36",
        Fork.LONDON,
        "0xdad8bff3ecfcf95169b1d5625b47f3372be795802bc4fe570991cf332f609334",
        "0xae2aec498d20869d441eaaf708fb1e375ae1787d");
  }

  @Test
  void creation() { // ttData/dataTx_bcValidBlockTest
    Transaction tx = TransactionDecoder.decode(DATA_TX_BC_VALID_BLOCK_TEST);
    assertThat(tx.isContractCreation()).isTrue();
    assertThat(tx.hash().toHex())
        .isEqualTo("0x335a5ff5ccb146260b0ddc9d43b7f5c4bd994829e5616092db5dbe25c490ed16");
    assertThat(new TransactionValidator(Fork.SHANGHAI, 1).validate(tx).sender().toHex())
        .isEqualTo("0xdb3271a5b88f7bae59660418e25ce5d142f9b080");
  }
}
