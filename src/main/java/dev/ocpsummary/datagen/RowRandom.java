package dev.ocpsummary.datagen;

import java.util.SplittableRandom;

/**
 * The values nise draws when a manifest leaves them out, made reproducible: every draw comes from a
 * generator seeded by the run's seed and the draw's identity (what is drawn, for which entity, in
 * which slot), so the same seed gives the same data whatever order rows are written in. The ranges
 * and rounding are nise's (specs/data-gen.md B.2).
 */
final class RowRandom {

  private final long seed;

  RowRandom(long seed) {
    this.seed = seed;
  }

  /** A generator for one draw identified by the given parts. */
  SplittableRandom at(long... identity) {
    long h = seed * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L;
    for (long part : identity) {
      h = mix(h ^ part);
    }
    return new SplittableRandom(h);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Python's {@code random.uniform(a, b)}: {@code a + (b - a) * u}. */
  static double uniform(SplittableRandom random, double a, double b) {
    return a + (b - a) * random.nextDouble();
  }

  /** Python's {@code random.randint(a, b)}, both ends included. */
  static int randint(SplittableRandom random, int a, int b) {
    return a + random.nextInt(b - a + 1);
  }

  /** Python's {@code round(x, digits)} for the non-negative values drawn here. */
  static double round(double x, int digits) {
    return java.math.BigDecimal.valueOf(x).setScale(digits, java.math.RoundingMode.HALF_EVEN).doubleValue();
  }

  /** A lower-case pronounceable word, standing in for nise's Faker words (which cannot be reproduced). */
  static String word(SplittableRandom random) {
    String consonants = "bcdfghjklmnprstvz";
    String vowels = "aeiou";
    StringBuilder word = new StringBuilder();
    int syllables = randint(random, 2, 3);
    for (int i = 0; i < syllables; i++) {
      word.append(consonants.charAt(random.nextInt(consonants.length())));
      word.append(vowels.charAt(random.nextInt(vowels.length())));
    }
    return word.toString();
  }

  /** {@code n} random lower-case hex digits. */
  static String hex(SplittableRandom random, int n) {
    StringBuilder hex = new StringBuilder();
    for (int i = 0; i < n; i++) {
      hex.append(Character.forDigit(random.nextInt(16), 16));
    }
    return hex.toString();
  }
}
