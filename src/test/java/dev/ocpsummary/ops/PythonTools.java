package dev.ocpsummary.ops;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's Python ({@code /usr/bin/python3}) and the Debian packages a test needs. A test whose
 * modules are missing is skipped with an assumption that names the packages to install; under CI
 * ({@code CI=true}), where {@code .ci/run} installs them, it fails instead, so that CI cannot pass
 * by skipping.
 */
final class PythonTools {

  static final String PYTHON = "/usr/bin/python3";

  private PythonTools() {}

  /**
   * Skips the calling test unless {@code /usr/bin/python3} imports every module; {@code modules}
   * maps a module to the Debian package that provides it.
   */
  static void assumeModules(Map<String, String> modules, Path scratch) throws Exception {
    if (!ChildProcess.executable(PYTHON)) {
      missingTools("no " + PYTHON + " (Debian package python3)");
    }
    List<String> missing = new ArrayList<>();
    for (Map.Entry<String, String> module : modules.entrySet()) {
      ChildProcess.Result probe =
          ChildProcess.run(
              List.of(PYTHON, "-c", "import " + module.getKey()),
              ChildProcess.inheritedEnvironment(),
              scratch,
              Files.createTempFile(scratch, "probe", ".log"),
              Duration.ofSeconds(60));
      if (probe.exitCode() != 0) {
        missing.add(module.getValue());
      }
    }
    if (!missing.isEmpty()) {
      missingTools("missing Debian packages " + missing + " (apt-get install -y " + String.join(" ", missing) + ")");
    }
  }

  private static void missingTools(String what) {
    if ("true".equals(System.getenv("CI"))) {
      Assertions.fail(what + "; .ci/run installs them");
    }
    Assumptions.assumeTrue(false, "skipped: " + what);
  }
}
