package io.levity.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The module dependency rule is the enforcer's (one {@code layer-NAME} execution per module in the
 * parent pom); this test makes sure no module escapes it: each has a rule and switches it on.
 */
class ModuleLayersTest {
  @Test
  void everyModuleHasALayerRuleAndSwitchesItOn() throws IOException {
    String parent = Files.readString(SourceTree.root().resolve("pom.xml"));
    List<String> problems = new ArrayList<>();
    for (Path module : SourceTree.modules()) {
      String name = module.getFileName().toString();
      if (!parent.contains("<id>layer-" + name + "</id>")) {
        problems.add(name + ": no layer-" + name + " rule in the parent pom");
      }
      String pom = Files.readString(module.resolve("pom.xml"));
      String on = "<levity.layer.skip." + name + ">false</levity.layer.skip." + name + ">";
      if (!pom.contains(on)) problems.add(name + ": its pom does not set " + on);
    }
    assertThat(problems).as("modules outside the layer rules").isEmpty();
  }
}
