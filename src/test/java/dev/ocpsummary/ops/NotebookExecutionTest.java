package dev.ocpsummary.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocpsummary.config.DatabaseSettings;
import dev.ocpsummary.sink.SummaryDatabase;
import dev.ocpsummary.testing.CliRun;
import dev.ocpsummary.testing.PostgresFixture;
import dev.ocpsummary.testing.SparkFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Executes {@code submit/notebooks/explore_daily_summary.ipynb} headlessly with Debian's Jupyter
 * (nbconvert, ipykernel, pandas, matplotlib, SQLAlchemy, psycopg2) against the test PostgreSQL, and
 * fails if any cell raises. Once against a schema the demo filled, where every section must show its
 * plot and the demo's namespaces and runs; once against an empty, migrated schema, where every
 * section must say it has no rows instead of failing.
 */
class NotebookExecutionTest {

  private static final Path NOTEBOOK = Path.of("submit/notebooks/explore_daily_summary.ipynb");
  private static final int PLOTS = 6;

  @TempDir Path folder;

  @BeforeEach
  void needsJupyter() throws Exception {
    Map<String, String> modules = new LinkedHashMap<>();
    modules.put("nbconvert", "python3-nbconvert");
    modules.put("ipykernel", "python3-ipykernel");
    modules.put("pandas", "python3-pandas");
    modules.put("matplotlib", "python3-matplotlib");
    modules.put("sqlalchemy", "python3-sqlalchemy");
    modules.put("psycopg2", "python3-psycopg2");
    PythonTools.assumeModules(modules, folder);
  }

  @Test
  void theNotebookRunsOnTheDemoDatabaseAndShowsEverySection() throws Exception {
    SparkFixture.spark();
    DatabaseSettings database = PostgresFixture.freshSchema(NotebookExecutionTest.class);
    CliRun demo =
        CliRun.of(
            Map.of(
                "OCP_SUMMARY_HOME", folder.resolve("home").toString(),
                "POSTGRES_URL", database.jdbcUrl(),
                "POSTGRES_SCHEMA", database.schema()),
            "demo");
    assertEquals(0, demo.code(), demo.out() + demo.err());

    Executed notebook = execute(database);

    assertEquals(PLOTS, notebook.images(), notebook.text());
    // the tables it prints: rows per day of each kind (the demo's small scale has all three) and the run history
    for (String shown : List.of("Pod", "Storage", "Unallocated", "2025-10-04", "succeeded")) {
      assertTrue(notebook.text().contains(shown), "the notebook's output lacks " + shown + ":\n" + notebook.text());
    }
  }

  @Test
  void everySectionSaysSoWhenItHasNoRows() throws Exception {
    DatabaseSettings database = PostgresFixture.freshSchema(NotebookExecutionTest.class);
    new SummaryDatabase(database).migrate();

    Executed notebook = execute(database);

    assertEquals(PLOTS, notebook.images(), notebook.text());
    for (String note : List.of("no summary rows", "no Pod rows", "no Storage rows", "no unallocated rows", "no runs")) {
      assertTrue(notebook.text().contains("note: " + note + " in this window"), "missing note '" + note + "':\n" + notebook.text());
    }
  }

  record Executed(int images, String text) {}

  private Executed execute(DatabaseSettings database) throws Exception {
    Path output = folder.resolve("executed.ipynb");
    List<String> command =
        new ArrayList<>(
            List.of(
                PythonTools.PYTHON, "-m", "nbconvert", "--to", "notebook", "--execute",
                "--ExecutePreprocessor.timeout=180",
                "--output-dir", folder.toString(), "--output", output.getFileName().toString(),
                ProjectBuild.root().resolve(NOTEBOOK).toString()));
    Map<String, String> env = ChildProcess.inheritedEnvironment();
    env.keySet().removeIf(k -> k.startsWith("POSTGRES_") || k.equals("MPLBACKEND"));
    env.put("POSTGRES_URL", database.jdbcUrl());
    env.put("POSTGRES_USER", database.user());
    env.put("POSTGRES_SCHEMA", database.schema());
    env.put("JUPYTER_RUNTIME_DIR", folder.resolve("jupyter-runtime").toString());
    env.put("MPLCONFIGDIR", folder.resolve("matplotlib").toString());
    env.put("PYDEVD_DISABLE_FILE_VALIDATION", "1");
    env.put("PYTHONDONTWRITEBYTECODE", "1");
    ChildProcess.Result run = ChildProcess.run(command, env, folder, folder.resolve("nbconvert.log"), Duration.ofMinutes(4));
    // nbconvert exits non-zero when a cell raises; the error is in its output.
    assertEquals(0, run.exitCode(), run.tail());

    JsonNode executed = new ObjectMapper().readTree(Files.readString(output, StandardCharsets.UTF_8));
    int images = 0;
    StringBuilder text = new StringBuilder();
    for (JsonNode cell : executed.path("cells")) {
      for (JsonNode shown : cell.path("outputs")) {
        assertTrue(!"error".equals(shown.path("output_type").asText()), "a cell failed: " + shown);
        if (shown.path("data").has("image/png")) {
          images++;
        }
        appendText(text, shown.path("text"));
        appendText(text, shown.path("data").path("text/plain"));
      }
    }
    return new Executed(images, text.toString());
  }

  private static void appendText(StringBuilder text, JsonNode value) {
    if (value.isArray()) {
      value.forEach(line -> text.append(line.asText()));
    } else if (!value.isMissingNode()) {
      text.append(value.asText());
    }
    text.append('\n');
  }
}
