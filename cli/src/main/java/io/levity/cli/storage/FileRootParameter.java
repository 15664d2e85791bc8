package io.levity.cli.storage;

import io.levity.core.bytes.Bytes32;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/** The {@code ROOT} argument of download, status and repair: a file root as upload printed it. */
final class FileRootParameter {
  @Parameters(index = "0", paramLabel = "ROOT", converter = FileRootConverter.class)
  Bytes32 root;

  Bytes32 root() {
    return root;
  }

  /** Reads a file root; anything else is a usage error naming the expected form. */
  static final class FileRootConverter implements ITypeConverter<Bytes32> {
    @Override
    public Bytes32 convert(String hex) {
      try {
        return Bytes32.fromHex32(hex);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException("not a file root (0x + 64 hex digits): " + hex);
      }
    }
  }
}
