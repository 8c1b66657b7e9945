package dev.ocpsummary.config;

import java.io.Serializable;

/**
 * One namespace pattern of Koku's {@code reporting_ocp_cost_category_namespace}: a SQL LIKE pattern
 * ({@code %} any run of characters, {@code _} one character, case-sensitive) and the cost category it
 * assigns.
 */
public record CostCategoryPattern(String pattern, int costCategoryId) implements Serializable {}
