package dev.ocpsummary.app;

import java.io.PrintStream;
import java.util.Map;

/** One CLI command: its usage text and what it does. Returns the exit code; throws on failure. */
interface Command {

  String name();

  /** One paragraph: synopsis line, then the options. */
  String usage();

  int run(String[] args, Map<String, String> environment, PrintStream out) throws Exception;
}
