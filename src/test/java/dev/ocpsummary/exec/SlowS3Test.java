package dev.ocpsummary.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocpsummary.config.DatabaseSettings;
import dev.ocpsummary.config.ExecSettings.Mode;
import dev.ocpsummary.config.S3Settings;
import dev.ocpsummary.config.Settings;
import dev.ocpsummary.sink.SummaryDatabase;
import dev.ocpsummary.source.InputException;
import dev.ocpsummary.testing.PostgresFixture;
import dev.ocpsummary.testing.S3Fixture;
import dev.ocpsummary.testing.SlowTcpProxy;
import dev.ocpsummary.testing.SparkFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A slow S3 endpoint: one that answers late still gives exactly the summary of a fast one (recorded,
 * {@link TwoDayCluster#summaryOfScale}); one that takes requests and never answers fails the run,
 * within its timeouts, with one line naming the path and the endpoint, and writes nothing. The
 * endpoint is a {@link SlowTcpProxy} in front of the test S3Proxy; each test reads a bucket of its own
 * that s3a has not opened before, configured for the proxy with s3a's per-bucket options.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlowS3Test {

  @TempDir static Path home;
  private final SparkSession spark = SparkFixture.spark();
  private Path input;
  private List<String> expected;

  @BeforeAll
  void writeTheInputAndTheExpectedRows() {
    S3Fixture.configure(spark);
    input = home.resolve("input");
    new TwoDayCluster(1.0).write(spark, FaultRuns.input(input.toString()));
    expected = TwoDayCluster.summaryOfScale(1);
  }

  @Test
  void anEndpointThatAnswersLateGivesExactlyTheSummaryOfAFastOne() throws Exception {
    try (SlowTcpProxy proxy = SlowTcpProxy.delaying(S3Fixture.endpoint().getPort(), 40)) {
      String bucket = uploadedBucket();
      S3Fixture.configureBucket(spark, bucket, through(proxy, S3Fixture.settings()).hadoopOptions());
      DatabaseSettings target = PostgresFixture.freshSchema(SlowS3Test.class);

      RunResult result = new DailySummaryJob(spark, settings(target, bucket), FaultRuns.migratedSchema(target)).run(FaultRuns.WINDOW, FaultRuns.identity());

      assertEquals(TwoDayCluster.ROWS, result.outputRows());
      assertEquals(expected, FaultRuns.rowsWithoutUuid(target));
      assertTrue(proxy.connections() > 0, "the run went through the slow proxy");
    }
  }

  @Test
  void anEndpointThatNeverAnswersFailsWithOneClearLineWithinItsTimeouts() throws Exception {
    try (SlowTcpProxy proxy = SlowTcpProxy.stalled()) {
      String bucket = uploadedBucket();
      S3Settings defaults = S3Fixture.settings();
      // one attempt, no retries, the connector's shortest timeouts: the test waits for one timeout only
      S3Settings impatient =
          new S3Settings(
              proxy.endpoint(), defaults.accessKey(), defaults.secretKey(), defaults.region(), true, false, "file", 0,
              Duration.ofMillis(500), 0, Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(15));
      S3Fixture.configureBucket(spark, bucket, impatient.hadoopOptions());
      DatabaseSettings target = PostgresFixture.freshSchema(SlowS3Test.class);
      SummaryDatabase database = FaultRuns.migratedSchema(target);

      long started = System.nanoTime();
      RuntimeException failure =
          assertThrows(RuntimeException.class, () -> new DailySummaryJob(spark, settings(target, bucket), database).run(FaultRuns.WINDOW, FaultRuns.identity()));
      double seconds = (System.nanoTime() - started) / 1e9;

      assertInstanceOf(InputException.class, failure);
      String message = failure.getMessage();
      assertFalse(message.contains("\n"), message);
      assertTrue(message.startsWith("cannot list s3a://" + bucket + "/koku/data/parquet/"), message);
      assertTrue(message.contains(proxy.endpoint().substring("http://".length())), message);
      assertTrue(seconds >= 14, "gave up after " + seconds + " s, before its 15 s timeout");
      assertTrue(seconds < 50, "gave up after " + seconds + " s");
      assertTrue(proxy.connections() > 0, "the request reached the stalled endpoint");
      assertEquals(
          Map.of("status", "failed", "error_text", message),
          PostgresFixture.rows(target, "SELECT status, error_text FROM summary_runs").get(0));
      assertEquals(0L, PostgresFixture.value(target, "SELECT count(*) FROM " + FaultRuns.TABLE));
    }
  }

  private Settings settings(DatabaseSettings target, String bucket) {
    return FaultRuns.settings(target, "s3a://" + bucket + "/koku", Mode.CACHE, home).withS3(S3Fixture.settings());
  }

  private static S3Settings through(SlowTcpProxy proxy, S3Settings settings) {
    return settings.withEndpoint(proxy.endpoint(), settings.accessKey(), settings.secretKey());
  }

  /** A new bucket holding the input under {@code koku/}, uploaded with the S3 client (not s3a). */
  private String uploadedBucket() throws IOException {
    String bucket = S3Fixture.freshBucket(SlowS3Test.class);
    try (S3Client client = S3Fixture.client();
        Stream<Path> files = Files.walk(input)) {
      for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().endsWith(".crc")).toList()) {
        String key = "koku/" + input.relativize(file).toString().replace('\\', '/');
        client.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromFile(file));
      }
    }
    return bucket;
  }
}
