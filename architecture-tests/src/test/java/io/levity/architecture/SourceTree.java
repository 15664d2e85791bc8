package io.levity.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The project's Java sources as the rules see them: one entry per file, with its module. */
final class SourceTree {
  private static final Pattern TOP_LEVEL_TYPE =
      Pattern.compile(
          "^(public\\s+)?((?:abstract|final|sealed|non-sealed|static|strictfp)\\s+)*"
              + "(class|interface|record|enum|@interface)\\s+(\\w+)",
          Pattern.MULTILINE);

  /** One source file. {@code relative} is its path from the project root, with '/' separators. */
  record Source(String module, String relative, Path path, List<String> lines) {
    String text() {
      return String.join("\n", lines);
    }

    boolean isMain() {
      return relative.contains("/src/main/java/");
    }

    String fileName() {
      return path.getFileName().toString();
    }

    /** The simple name of the public top-level type this file declares, or null. */
    String publicTypeName() {
      Matcher m = TOP_LEVEL_TYPE.matcher(text());
      while (m.find()) {
        if (m.group(1) != null && (m.group(4) + ".java").equals(fileName())) return m.group(4);
      }
      return null;
    }

    /** The line index of the declaration of the file's top-level type, or -1. */
    int declarationLine() {
      String type = fileName().replace(".java", "");
      Pattern p =
          Pattern.compile(
              "^(public\\s+)?((?:abstract|final|sealed|non-sealed|static|strictfp)\\s+)*"
                  + "(class|interface|record|enum|@interface)\\s+"
                  + Pattern.quote(type)
                  + "\\b");
      for (int i = 0; i < lines.size(); i++) if (p.matcher(lines.get(i)).find()) return i;
      return -1;
    }
  }

  private SourceTree() {}

  /** The project root: -Dlevity.root (set by the pom), else the parent of this module's folder. */
  static Path root() {
    String prop = System.getProperty("levity.root");
    Path root = prop != null ? Paths.get(prop) : Paths.get("").toAbsolutePath().getParent();
    if (!Files.isRegularFile(root.resolve("pom.xml"))) {
      throw new IllegalStateException("not the project root (no pom.xml): " + root);
    }
    return root;
  }

  /** Every module folder: a direct child of the root with a pom.xml and a src folder. */
  static List<Path> modules() {
    try (Stream<Path> s = Files.list(root())) {
      return s.filter(p -> Files.isRegularFile(p.resolve("pom.xml")))
          .filter(p -> Files.isDirectory(p.resolve("src")))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every .java file under a module's src/main/java or src/test/java. */
  static List<Source> sources() {
    List<Source> out = new ArrayList<>();
    Path root = root();
    for (Path module : modules()) {
      for (String kind : List.of("src/main/java", "src/test/java")) {
        Path dir = module.resolve(kind);
        if (!Files.isDirectory(dir)) continue;
        try (Stream<Path> s = Files.walk(dir)) {
          for (Path p : s.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
            String rel = root.relativize(p).toString().replace('\\', '/');
            out.add(new Source(module.getFileName().toString(), rel, p, Files.readAllLines(p)));
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return out;
  }

  /**
   * The code of a file with comments and string literals blanked out (same line structure), so
   * rules about code do not fire on prose.
   */
  static List<String> codeOnly(List<String> lines) {
    List<String> out = new ArrayList<>(lines.size());
    String closer = null; // what ends the block comment or text block we are in, if any
    for (String line : lines) {
      StringBuilder b = new StringBuilder(line.length());
      int i = 0;
      while (i < line.length()) {
        if (closer != null) {
          int end = line.indexOf(closer, i);
          if (end < 0) {
            i = line.length();
          } else {
            i = end + closer.length();
            closer = null;
          }
          continue;
        }
        char c = line.charAt(i);
        if (line.startsWith("//", i)) break;
        if (line.startsWith("/*", i)) {
          closer = "*/";
          i += 2;
        } else if (line.startsWith("\"\"\"", i)) {
          closer = "\"\"\"";
          i += 3;
        } else if (c == '"' || c == '\'') {
          int j = i + 1;
          while (j < line.length() && line.charAt(j) != c) j += line.charAt(j) == '\\' ? 2 : 1;
          b.append(c).append(c);
          i = j + 1;
        } else {
          b.append(c);
          i++;
        }
      }
      out.add(b.toString());
    }
    return out;
  }
}
