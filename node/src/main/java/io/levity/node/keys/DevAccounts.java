package io.levity.node.keys;

import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Secp256k1;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Well-known development accounts: BIP-39 seed of a mnemonic (no passphrase) and BIP-32 derivation
 * along m/44'/60'/0'/0/i, the path every Ethereum wallet and dev tool uses, so the devnet's keys
 * match theirs.
 */
public final class DevAccounts {
  /** The mnemonic of the usual dev accounts (account 0 is 0xf39F...2266). */
  public static final String DEV_MNEMONIC =
      "test test test test test test test test test test test junk";

  private static final int HARDENED = 0x8000_0000;

  private DevAccounts() {}

  /** The first {@code count} accounts of {@link #DEV_MNEMONIC}. */
  public static List<Secp256k1.KeyPair> dev(int count) {
    return derive(DEV_MNEMONIC, "", count);
  }

  /** Accounts m/44'/60'/0'/0/0 .. count-1 of a mnemonic and passphrase. */
  public static List<Secp256k1.KeyPair> derive(String mnemonic, String passphrase, int count) {
    ExtendedKey account =
        master(seed(mnemonic, passphrase))
            .child(44 | HARDENED)
            .child(60 | HARDENED)
            .child(HARDENED)
            .child(0);
    List<Secp256k1.KeyPair> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) out.add(Secp256k1.KeyPair.fromPrivate(account.child(i).key()));
    return out;
  }

  /**
   * The BIP-39 seed: PBKDF2-HMAC-SHA512, 2048 iterations, salt "mnemonic" + passphrase, 64 bytes.
   */
  public static byte[] seed(String mnemonic, String passphrase) {
    String m = Normalizer.normalize(mnemonic, Normalizer.Form.NFKD);
    String salt = "mnemonic" + Normalizer.normalize(passphrase, Normalizer.Form.NFKD);
    PBEKeySpec spec =
        new PBEKeySpec(m.toCharArray(), salt.getBytes(StandardCharsets.UTF_8), 2048, 512);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA512 is not available in this JDK", e);
    } finally {
      spec.clearPassword();
    }
  }

  /** The BIP-32 master key of a seed. */
  static ExtendedKey master(byte[] seed) {
    byte[] i = hmacSha512("Bitcoin seed".getBytes(StandardCharsets.US_ASCII), seed);
    return new ExtendedKey(
        Bytes32.of32(Arrays.copyOfRange(i, 0, 32)), Bytes32.of32(Arrays.copyOfRange(i, 32, 64)));
  }

  private static byte[] hmacSha512(byte[] key, byte[] data) {
    HMac mac = new HMac(new SHA512Digest());
    mac.init(new KeyParameter(key));
    mac.update(data, 0, data.length);
    byte[] out = new byte[64];
    mac.doFinal(out, 0);
    return out;
  }

  /** A private key and its chain code. */
  record ExtendedKey(Bytes32 privateKey, Bytes32 chainCode) {
    Bytes32 key() {
      return privateKey;
    }

    /**
     * CKDpriv: hardened children hash the private key, normal children the compressed public key.
     */
    ExtendedKey child(int index) {
      byte[] data = new byte[37];
      if ((index & HARDENED) != 0) {
        System.arraycopy(privateKey.toArray(), 0, data, 1, 32);
      } else {
        System.arraycopy(
            Secp256k1.compress(Secp256k1.publicKey(privateKey.toArray())), 0, data, 0, 33);
      }
      data[33] = (byte) (index >>> 24);
      data[34] = (byte) (index >>> 16);
      data[35] = (byte) (index >>> 8);
      data[36] = (byte) index;
      byte[] i = hmacSha512(chainCode.toArray(), data);
      BigInteger il = new BigInteger(1, Arrays.copyOfRange(i, 0, 32));
      BigInteger k = il.add(new BigInteger(1, privateKey.toArray())).mod(Secp256k1.N);
      if (il.compareTo(Secp256k1.N) >= 0 || k.signum() == 0) {
        // probability below 2^-127; BIP-32 says skip to the next index
        return child(index + 1);
      }
      return new ExtendedKey(
          Bytes32.fromBigInteger(k), Bytes32.of32(Arrays.copyOfRange(i, 32, 64)));
    }
  }
}
