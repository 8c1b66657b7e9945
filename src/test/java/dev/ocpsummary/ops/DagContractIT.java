package dev.ocpsummary.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocpsummary.app.OcpSummary;
import dev.ocpsummary.config.DatabaseSettings;
import dev.ocpsummary.config.InputLayout;
import dev.ocpsummary.config.InputSettings;
import dev.ocpsummary.datagen.DemoDataset;
import dev.ocpsummary.datagen.KokuLayoutWriter;
import dev.ocpsummary.source.ReportType;
import dev.ocpsummary.testing.PostgresFixture;
import dev.ocpsummary.testing.ShortLivedJvm;
import dev.ocpsummary.testing.SparkFixture;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Airflow DAG's contract with the job. Airflow cannot be installed here, so this checks what can
 * be checked without it: the DAG file compiles and pyflakes finds nothing; loaded against a stand-in
 * of Airflow and the Spark provider that accepts only the real parameter names, it declares a daily
 * DAG with one run at a time and retries with back-off; its templates are rendered for a logical date
 * with Jinja as Airflow renders them; and the spark-submit command the provider's hook would build
 * from them (class, jar, config file, arguments, environment) is run for real, in client mode on a
 * local master, and must summarize exactly that day. The cluster-mode command is checked for shape
 * (config file shipped with --files and named by its basename; credentials for the YARN driver).
 *
 * <p>It does not prove that Airflow imports the DAG: README "Airflow" says how to check that.
 */
class DagContractIT {

  private static final Path DAG = Path.of("submit/airflow/ocp_daily_summary_dag.py");
  private static final String DAY = "2025-10-02";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path folder;
  private Path renderer;

  @BeforeEach
  void needsPython() throws Exception {
    Map<String, String> modules = new LinkedHashMap<>();
    modules.put("jinja2", "python3-jinja2");
    modules.put("pyflakes", "python3-pyflakes");
    PythonTools.assumeModules(modules, folder);
    renderer = resource("render_dag.py");
  }

  @Test
  void theDagCompilesAndPyflakesFindsNothing() throws Exception {
    ChildProcess.Result compiled = python("-m", "py_compile", dag().toString());
    assertEquals(0, compiled.exitCode(), compiled.output());
    ChildProcess.Result flakes = python("-m", "pyflakes", dag().toString());
    assertEquals(0, flakes.exitCode(), flakes.output());
  }

  @Test
  void theDagRefusesToLoadWithoutSources() throws Exception {
    ChildProcess.Result result = render(Map.of("AIRFLOW_CONN_SPARK_DEFAULT", "spark://local"));
    assertNotEquals(0, result.exitCode());
    assertTrue(result.output().contains("OCP_SUMMARY_SOURCES is not set"), result.output());
  }

  @Test
  void aDailyRunSubmitsTheJobForItsLogicalDateAndTheJobSummarizesThatDay() throws Exception {
    Path input = folder.resolve("input");
    KokuLayoutWriter writer = new KokuLayoutWriter(SparkFixture.spark(), new InputSettings(input.toUri().toString(), InputLayout.KOKU, "org1234567"));
    for (ReportType report : ReportType.values()) {
      writer.write(report, DemoDataset.SOURCE_UUID, DemoDataset.rows(report));
    }
    DatabaseSettings database = PostgresFixture.freshSchema(DagContractIT.class);
    Path config = folder.resolve("application.conf");
    Files.writeString(
        config,
        "ocp-summary.database.schema = \"" + database.schema() + "\"\nocp-summary.spark.shuffle-partitions = 2\n",
        StandardCharsets.UTF_8);

    Map<String, String> env = new LinkedHashMap<>();
    env.put("OCP_SUMMARY_SOURCES", DemoDataset.SOURCE_UUID);
    env.put("OCP_SUMMARY_JAR", ProjectBuild.clusterJar().toString());
    env.put("OCP_SUMMARY_CONFIG", config.toString());
    env.put("OCP_SUMMARY_DEPLOY_MODE", "client");
    env.put("OCP_SUMMARY_INPUT", input.toUri().toString());
    env.put("OCP_SUMMARY_DRIVER_MEMORY", "1g");
    env.put("AIRFLOW_CONN_SPARK_DEFAULT", "spark://local");
    int port = Integer.parseInt(database.jdbcUrl().replaceAll(".*:(\\d+)/.*", "$1"));
    env.put("AIRFLOW_CONN_OCP_SUMMARY_POSTGRES", "postgres://postgres@127.0.0.1:" + port + "/postgres?sslmode=disable");
    JsonNode rendered = renderedDag(env);

    assertEquals("ocp_daily_summary", rendered.path("dag_id").asText());
    JsonNode dag = rendered.path("arguments");
    assertEquals("@daily", dag.path("schedule").asText());
    assertEquals(1, dag.path("max_active_runs").asInt());
    assertTrue(dag.has("catchup"), "catchup must be set explicitly");
    assertEquals(1, rendered.path("tasks").size());
    JsonNode task = rendered.path("tasks").get(0);
    JsonNode operator = task.path("operator_arguments");
    assertTrue(operator.path("retries").asInt() >= 2, operator.toString());
    assertTrue(operator.path("retry_exponential_backoff").asBoolean(), operator.toString());
    assertTrue(operator.path("retry_delay").asDouble() >= 60, operator.toString());

    assertEquals(OcpSummary.class.getName(), task.path("java_class").asText());
    assertEquals(ProjectBuild.clusterJar().toString(), task.path("application").asText());
    assertEquals(
        List.of("summarize", "--source", DemoDataset.SOURCE_UUID, "--start", DAY, "--end", DAY, "--config", config.toString(),
            "--input", input.toUri().toString()),
        strings(task.path("application_args")));
    task.path("conf").fieldNames().forEachRemaining(key -> assertTrue(key.startsWith("spark."), "spark-submit drops non-spark conf " + key));
    assertEquals("local", task.path("master").asText());

    // The command the hook runs, with spark-submit being Spark's SparkSubmit main class (what the script calls).
    List<String> command = new ArrayList<>(List.of(ChildProcess.java(), "-Xmx1g"));
    command.addAll(ShortLivedJvm.FLAGS);
    command.addAll(ProjectBuild.moduleFlags());
    command.add("-Dlog4j2.configurationFile=" + ProjectBuild.root().resolve("conf/log4j2.properties").toUri());
    command.addAll(List.of("-cp", String.join(java.io.File.pathSeparator, ProjectBuild.sparkDistributionClasspath()), "org.apache.spark.deploy.SparkSubmit"));
    command.addAll(strings(task.path("spark_submit")));
    Map<String, String> submitEnv = ChildProcess.inheritedEnvironment();
    task.path("env").fields().forEachRemaining(e -> submitEnv.put(e.getKey(), e.getValue().asText()));
    submitEnv.put("SPARK_LOCAL_IP", "127.0.0.1");
    submitEnv.put("OCP_SUMMARY_HOME", folder.resolve("home").toString());
    submitEnv.remove("POSTGRES_SCHEMA");
    ChildProcess.Result run = ChildProcess.run(command, submitEnv, folder, folder.resolve("submit.log"), Duration.ofMinutes(3));
    assertEquals(0, run.exitCode(), run.tail());

    List<Object> days =
        PostgresFixture.column(database, "SELECT DISTINCT usage_start FROM reporting_ocpusagelineitem_daily_summary ORDER BY 1");
    assertEquals(List.of(LocalDate.parse(DAY)), days);
    Map<String, Object> runRecord = PostgresFixture.rows(database, "SELECT status, start_date, end_date, source_uuid::text AS source FROM summary_runs").get(0);
    assertEquals("succeeded", runRecord.get("status"));
    assertEquals(LocalDate.parse(DAY), runRecord.get("start_date"));
    assertEquals(LocalDate.parse(DAY), runRecord.get("end_date"));
    assertEquals(DemoDataset.SOURCE_UUID, runRecord.get("source"));
  }

  @Test
  void inClusterModeTheConfigFileIsShippedAndNamedByItsBasename() throws Exception {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("OCP_SUMMARY_SOURCES", DemoDataset.SOURCE_UUID + ",6e0d5b0e-9d6c-4b55-9c8e-3b1f0d3c2a11");
    env.put("OCP_SUMMARY_CONFIG", "/etc/ocp-summary/production.conf");
    env.put("AIRFLOW_CONN_SPARK_DEFAULT", "spark://yarn?queue=batch");
    env.put("AIRFLOW_CONN_OCP_SUMMARY_POSTGRES", "postgres://koku:p%40ss@db.example.internal:5432/koku?sslmode=verify-full");
    JsonNode rendered = renderedDag(env);

    assertEquals(2, rendered.path("tasks").size());
    JsonNode task = rendered.path("tasks").get(1);
    assertEquals("yarn", task.path("master").asText());
    assertEquals("cluster", task.path("deploy_mode").asText());
    assertEquals("/etc/ocp-summary/production.conf", task.path("files").asText());
    List<String> args = strings(task.path("application_args"));
    assertEquals("production.conf", args.get(args.indexOf("--config") + 1));
    assertEquals("6e0d5b0e-9d6c-4b55-9c8e-3b1f0d3c2a11", args.get(args.indexOf("--source") + 1));
    List<String> submit = strings(task.path("spark_submit"));
    assertTrue(submit.contains("spark.yarn.appMasterEnv.POSTGRES_URL=jdbc:postgresql://db.example.internal:5432/koku?sslmode=verify-full"), submit.toString());
    assertTrue(submit.contains("spark.yarn.appMasterEnv.POSTGRES_USER=koku"), submit.toString());
    assertTrue(submit.contains("spark.yarn.appMasterEnv.POSTGRES_PASSWORD=p@ss"), submit.toString());
    assertEquals("cluster", submit.get(submit.indexOf("--deploy-mode") + 1));
    assertEquals("/opt/ocp-daily-summary/ocp-daily-summary-cluster.jar", submit.get(submit.indexOf("--deploy-mode") + 2));
  }

  private JsonNode renderedDag(Map<String, String> env) throws Exception {
    ChildProcess.Result result = render(env);
    assertEquals(0, result.exitCode(), result.output());
    String json = result.output().lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow();
    return JSON.readTree(json);
  }

  private ChildProcess.Result render(Map<String, String> env) throws Exception {
    Map<String, String> environment = ChildProcess.inheritedEnvironment();
    environment.keySet().removeIf(k -> k.startsWith("OCP_SUMMARY_") || k.startsWith("AIRFLOW_CONN_"));
    environment.putAll(env);
    environment.put("PYTHONDONTWRITEBYTECODE", "1");
    return ChildProcess.run(
        List.of(PythonTools.PYTHON, renderer.toString(), dag().toString(), DAY),
        environment,
        folder,
        Files.createTempFile(folder, "render", ".log"),
        Duration.ofSeconds(60));
  }

  private ChildProcess.Result python(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(PythonTools.PYTHON));
    command.addAll(List.of(args));
    Map<String, String> env = ChildProcess.inheritedEnvironment();
    // py_compile would otherwise leave a __pycache__ folder beside the DAG.
    env.put("PYTHONPYCACHEPREFIX", folder.resolve("pycache").toString());
    return ChildProcess.run(command, env, folder, Files.createTempFile(folder, "python", ".log"), Duration.ofSeconds(60));
  }

  private static Path dag() {
    return ProjectBuild.root().resolve(DAG);
  }

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(DagContractIT.class.getResource(name).toURI());
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }
}
