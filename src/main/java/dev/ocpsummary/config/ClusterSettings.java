package dev.ocpsummary.config;

/**
 * Identity of the cluster written on every summary row.
 *
 * @param id cluster_id, or empty for NULL
 * @param alias cluster_alias, or empty for NULL
 */
public record ClusterSettings(String id, String alias) {}
