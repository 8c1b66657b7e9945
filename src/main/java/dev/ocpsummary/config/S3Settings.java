package dev.ocpsummary.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The S3 / MinIO endpoint used for {@code s3a://} URIs, and how hard the s3a connector tries before
 * a run fails. Empty strings mean "Hadoop's default".
 *
 * <p>With the defaults an endpoint that refuses connections fails a run after a few seconds, and one
 * that does not answer at all, or accepts requests and then stalls, after at most {@code (retryLimit +
 * 1) × (sdkRetries + 1)} attempts of one timeout each plus the back-off between attempts (about a
 * minute and a half), instead of Hadoop's many minutes. The s3a connector raises every network
 * timeout below 15 s to 15 s.
 *
 * @param endpoint endpoint URL, e.g. {@code http://minio:9000}
 * @param accessKey access key, or empty for Hadoop's credential provider chain
 * @param secretKey secret key (redacted when logged)
 * @param region signing region
 * @param pathStyleAccess path-style requests, needed by MinIO
 * @param sslEnabled https to the endpoint
 * @param committer how Spark commits files it writes to s3a: {@code file} (Hadoop's classic
 *     rename-based committer), or one of the S3A committers {@code magic}, {@code directory}, {@code
 *     partitioned} (these need Spark's {@code spark-hadoop-cloud} module on the classpath)
 * @param retryLimit s3a retries of a failed operation ({@code fs.s3a.retry.limit})
 * @param retryInterval first back-off between those retries, doubled each time ({@code fs.s3a.retry.interval})
 * @param sdkRetries retries inside the AWS SDK per s3a attempt ({@code fs.s3a.attempts.maximum})
 * @param connectTimeout TCP connect timeout ({@code fs.s3a.connection.establish.timeout})
 * @param readTimeout longest wait for data on an open connection ({@code fs.s3a.connection.timeout})
 * @param requestTimeout longest time one attempt of a request may take, {@link Duration#ZERO} for
 *     none ({@code fs.s3a.connection.request.timeout})
 */
public record S3Settings(
    String endpoint,
    Secret accessKey,
    Secret secretKey,
    String region,
    boolean pathStyleAccess,
    boolean sslEnabled,
    String committer,
    int retryLimit,
    Duration retryInterval,
    int sdkRetries,
    Duration connectTimeout,
    Duration readTimeout,
    Duration requestTimeout) {

  /** The values {@link #committer} may take. */
  public static final List<String> COMMITTERS = List.of("file", "magic", "directory", "partitioned");

  public S3Settings {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(accessKey, "accessKey");
    Objects.requireNonNull(secretKey, "secretKey");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(committer, "committer");
    Objects.requireNonNull(retryInterval, "retryInterval");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(readTimeout, "readTimeout");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
  }

  /** An endpoint with static credentials and the default connector behaviour (local servers, tests). */
  public static S3Settings of(String endpoint, Secret accessKey, Secret secretKey, String region) {
    return new S3Settings(
        endpoint, accessKey, secretKey, region, true, endpoint.startsWith("https:"), "file", 2,
        Duration.ofMillis(500), 1, Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(30));
  }

  /** The same settings pointing at another endpoint with other credentials. */
  public S3Settings withEndpoint(String newEndpoint, Secret newAccessKey, Secret newSecretKey) {
    return new S3Settings(
        newEndpoint, newAccessKey, newSecretKey, region, pathStyleAccess, sslEnabled, committer, retryLimit,
        retryInterval, sdkRetries, connectTimeout, readTimeout, requestTimeout);
  }

  /**
   * The Hadoop {@code fs.s3a.*} options these settings stand for, in a stable order. Credentials
   * are included when set, so the map must never be logged; without them Hadoop's provider chain
   * (environment variables, instance profile, ...) applies.
   */
  public Map<String, String> hadoopOptions() {
    Map<String, String> options = new LinkedHashMap<>();
    if (!endpoint.isEmpty()) {
      options.put("fs.s3a.endpoint", endpoint);
    }
    options.put("fs.s3a.endpoint.region", region);
    options.put("fs.s3a.path.style.access", Boolean.toString(pathStyleAccess));
    options.put("fs.s3a.connection.ssl.enabled", Boolean.toString(sslEnabled));
    options.put("fs.s3a.retry.limit", Integer.toString(retryLimit));
    options.put("fs.s3a.retry.interval", retryInterval.toMillis() + "ms");
    options.put("fs.s3a.attempts.maximum", Integer.toString(sdkRetries));
    options.put("fs.s3a.connection.establish.timeout", connectTimeout.toMillis() + "ms");
    options.put("fs.s3a.connection.timeout", readTimeout.toMillis() + "ms");
    options.put("fs.s3a.connection.request.timeout", requestTimeout.toMillis() + "ms");
    if (accessKey.isSet()) {
      options.put("fs.s3a.access.key", accessKey.value());
      options.put("fs.s3a.secret.key", secretKey.value());
      options.put("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
    }
    if (!committer.equals("file")) {
      options.put("fs.s3a.committer.name", committer);
      if (committer.equals("magic")) {
        options.put("fs.s3a.committer.magic.enabled", "true");
      }
    }
    return options;
  }

  /**
   * The same options for one bucket only ({@code fs.s3a.bucket.NAME.*}, s3a's per-bucket
   * configuration): they take precedence for that bucket and leave every other bucket as configured.
   */
  public Map<String, String> hadoopOptionsForBucket(String bucket) {
    Map<String, String> options = new LinkedHashMap<>();
    hadoopOptions().forEach((key, value) -> options.put("fs.s3a.bucket." + bucket + "." + key.substring("fs.s3a.".length()), value));
    return options;
  }
}
