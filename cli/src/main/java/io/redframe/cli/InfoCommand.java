package io.redframe.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.redframe.FrameStore;
import io.redframe.Manifest;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code redframe info NAME}: the manifest, as stored. */
@Command(name = "info", description = "Print a frame's manifest: schema, chunks, sizes, checksums.")
final class InfoCommand implements Callable<Integer> {
  @ParentCommand RedframeCli cli;

  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Option(
      names = "--version",
      paramLabel = "N",
      description = "A version other than the current one.")
  Long version;

  @Override
  public Integer call() throws Exception {
    try (FrameStore store = cli.open()) {
      Manifest manifest =
          store.manifest(name, version == null ? OptionalLong.empty() : OptionalLong.of(version));
      ObjectMapper json =
          new ObjectMapper()
              .registerModule(new JavaTimeModule())
              .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
              .enable(SerializationFeature.INDENT_OUTPUT);
      cli.spec.commandLine().getOut().println(json.writeValueAsString(manifest));
      store
          .evictionPolicy()
          .filter(policy -> !policy.equalsIgnoreCase("noeviction"))
          .ifPresent(
              policy ->
                  cli.spec
                      .commandLine()
                      .getErr()
                      .println(
                          "warning: "
                              + store.url()
                              + " has maxmemory-policy "
                              + policy
                              + ": Redis may evict this frame's chunks under memory pressure"
                              + " (set noeviction)"));
    }
    return 0;
  }
}
