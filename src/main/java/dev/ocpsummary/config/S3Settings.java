package dev.ocpsummary.config;

/**
 * The S3 / MinIO endpoint used for {@code s3a://} URIs. Empty strings mean "Hadoop's default".
 *
 * @param endpoint endpoint URL, e.g. {@code http://minio:9000}
 * @param accessKey access key, or empty for Hadoop's credential provider chain
 * @param secretKey secret key (redacted when logged)
 * @param region signing region
 * @param pathStyleAccess path-style requests, needed by MinIO
 * @param sslEnabled https to the endpoint
 */
public record S3Settings(
    String endpoint,
    Secret accessKey,
    Secret secretKey,
    String region,
    boolean pathStyleAccess,
    boolean sslEnabled) {}
