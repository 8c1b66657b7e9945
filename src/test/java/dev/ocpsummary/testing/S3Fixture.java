package dev.ocpsummary.testing;

import dev.ocpsummary.config.S3Settings;
import dev.ocpsummary.config.Secret;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One S3Proxy (a real S3 API server, in-memory store) for the whole test JVM, on a free port of
 * 127.0.0.1, with fixed test credentials, started on first use and stopped when the JVM exits.
 *
 * <p>{@link #configure(SparkSession)} points the session's Hadoop configuration at it, with the same
 * {@code fs.s3a.*} options the application derives from its {@link S3Settings}; test classes keep
 * out of each other's way with a bucket of their own ({@link #freshBucket}).
 */
public final class S3Fixture {

  public static final String ACCESS_KEY = "test-access-key";
  public static final String SECRET_KEY = "test-secret-key";
  public static final String REGION = "us-east-1";

  private static final AtomicInteger BUCKETS = new AtomicInteger();
  private static S3Proxy server;
  private static URI endpoint;

  private S3Fixture() {}

  /** The endpoint of the shared server, started on first call. */
  public static synchronized URI endpoint() {
    if (server == null) {
      try {
        S3Proxy proxy =
            S3Proxy.builder()
                .blobStore(BlobStores.create("transient", new Properties()))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .build();
        proxy.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("S3Proxy did not start in 30 s: " + proxy.getState());
          }
          Thread.sleep(10);
        }
        server = proxy;
        endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
        Runtime.getRuntime().addShutdownHook(new Thread(S3Fixture::stopQuietly));
      } catch (Exception e) {
        throw new IllegalStateException("cannot start the test S3Proxy", e);
      }
    }
    return endpoint;
  }

  /** The application's S3 settings for the shared server. */
  public static S3Settings settings() {
    return S3Settings.of(endpoint().toString(), new Secret(ACCESS_KEY), new Secret(SECRET_KEY), REGION);
  }

  /** Points the session's Hadoop configuration ({@code s3a://} for every bucket) at the shared server. */
  public static void configure(SparkSession spark) {
    apply(spark.sparkContext().hadoopConfiguration(), settings().hadoopOptions());
  }

  /** Applies {@code fs.s3a.*} options to one bucket only ({@code fs.s3a.bucket.NAME.*}). */
  public static void configureBucket(SparkSession spark, String bucket, Map<String, String> options) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    options.forEach((key, value) -> conf.set("fs.s3a.bucket." + bucket + "." + key.substring("fs.s3a.".length()), value));
  }

  /** Creates a new, empty bucket named after the owner and returns its name. */
  public static String freshBucket(Class<?> owner) {
    String base = owner.getSimpleName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "-");
    String bucket = (base.length() > 40 ? base.substring(0, 40) : base) + "-" + BUCKETS.incrementAndGet();
    try (S3Client client = client()) {
      client.createBucket(b -> b.bucket(bucket));
    }
    return bucket;
  }

  /** An S3 client of the shared server (path-style). The caller closes it. */
  public static S3Client client() {
    return S3Client.builder()
        .endpointOverride(endpoint())
        .region(Region.of(REGION))
        .forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
        .build();
  }

  private static void apply(Configuration conf, Map<String, String> options) {
    options.forEach(conf::set);
  }

  private static synchronized void stopQuietly() {
    try {
      if (server != null) {
        server.stop();
      }
    } catch (Exception e) {
      // the JVM is going away
    }
  }
}
