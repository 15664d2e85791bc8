package io.levity.inft;

import static io.levity.inft.InftFixture.agentData;
import static io.levity.inft.InftFixture.ok;
import static io.levity.inft.InftFixture.reverts;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** The size limits of AgentNFT's inputs, each refused with its custom error. */
class InftLimitsTest {
  final InftFixture f = new InftFixture();

  @Test
  void anEncryptionKeyIsExactlySixtyFourBytes() {
    reverts(
        f.send(f.bob, f.nft, InftAbi.SET_ENCRYPTION_KEY.encodeCall(Bytes.wrap(new byte[63]))),
        "BadPublicKey");
    reverts(
        f.send(f.bob, f.nft, InftAbi.SET_ENCRYPTION_KEY.encodeCall(Bytes.wrap(new byte[65]))),
        "BadPublicKey");
  }

  @Test
  void aTokenHasAtMostSixtyFourAuthorizedUsers() {
    BigInteger id = f.mint(f.alice, agentData("crowded", 1), 0);
    for (int i = 1; i <= 64; i++) {
      Address user = Address.fromHex(String.format("0x%040x", i));
      ok(f.send(f.alice, f.nft, InftAbi.AUTHORIZE_USAGE.encodeCall(id, user)));
    }
    reverts(
        f.send(f.alice, f.nft, InftAbi.AUTHORIZE_USAGE.encodeCall(id, f.carol.address())),
        "TooManyAuthorizedUsers");
  }
}
