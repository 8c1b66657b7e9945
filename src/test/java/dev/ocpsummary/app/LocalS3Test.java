package dev.ocpsummary.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocpsummary.testing.S3Fixture;
import dev.ocpsummary.testing.SparkFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local S3 server as the demo and the benchmarks use it: a separate S3Proxy process that files
 * uploaded through the S3 API can be read from over s3a, that keeps its data and credentials across
 * restarts, and that another JVM can find and stop through its state folder.
 */
class LocalS3Test {

  private final SparkSession spark = SparkFixture.spark();
  @TempDir Path state;
  @TempDir Path files;

  @Test
  void startsUploadsServesOverS3aAndStopsThroughItsStateFolder() throws Exception {
    Files.createDirectories(files.resolve("data/day=01"));
    Files.writeString(files.resolve("data/day=01/a.txt"), "alpha", StandardCharsets.UTF_8);
    Files.writeString(files.resolve("data/b.txt"), "beta", StandardCharsets.UTF_8);
    String bucket = "local-s3-test";

    String endpoint;
    try (LocalS3 server = LocalS3.start(state, 0, Map.of())) {
      endpoint = server.endpoint().toString();
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(server.environmentFile())));
      String env = Files.readString(server.environmentFile());
      assertTrue(env.contains("export S3_ENDPOINT=" + endpoint + "\n"), env);
      assertThrows(IllegalStateException.class, () -> LocalS3.start(state, 0, Map.of()), "one server per state folder");

      server.createBucket(bucket);
      server.createBucket(bucket);
      assertEquals(2, server.upload(files, bucket, "input"));
      assertEquals(List.of("input/data/b.txt", "input/data/day=01/a.txt"), listOverS3a(server, bucket));
      assertEquals(endpoint, LocalS3.attach(state).orElseThrow().endpoint().toString());
    }
    assertTrue(LocalS3.attach(state).isEmpty(), "close stops the server it started");

    // a restart keeps the data and the credentials; stop() ends it from outside
    List<String> keys = Files.readString(state.resolve("s3.env")).lines().filter(l -> l.contains("_KEY=")).toList();
    try {
      LocalS3 again = LocalS3.start(state, 0, Map.of());
      assertEquals(List.of("input/data/b.txt", "input/data/day=01/a.txt"), listOverS3a(again, bucket));
      assertEquals(keys, Files.readString(again.environmentFile()).lines().filter(l -> l.contains("_KEY=")).toList());
      assertTrue(LocalS3.stop(state));
      assertTrue(LocalS3.attach(state).isEmpty());
      assertFalse(LocalS3.stop(state));
    } finally {
      LocalS3.stop(state);
    }
  }

  /** The keys under a bucket, listed through Hadoop's s3a connector with the server's settings. */
  private List<String> listOverS3a(LocalS3 server, String bucket) throws Exception {
    S3Fixture.configureBucket(spark, bucket, server.settings().hadoopOptions());
    org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(LocalS3.uri(bucket, ""));
    // closed after use, so that the next listing (of a restarted server, on another port) gets a new client
    try (FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration())) {
      List<String> keys = new java.util.ArrayList<>();
      var it = fs.listFiles(root, true);
      while (it.hasNext()) {
        FileStatus status = it.next();
        keys.add(status.getPath().toUri().getPath().substring(1));
      }
      return keys.stream().sorted().toList();
    }
  }
}
