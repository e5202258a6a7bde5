package io.redframe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.redframe.testing.ChildJvm;
import io.redframe.testing.TestRedis;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The real jar in a child process, against the test Redis under a fresh key prefix. */
final class RedframeJar {
  private static final Path JAR =
      Path.of(System.getProperty("redframe.jar", "target/redframe.jar"));

  /** What a run printed and returned. */
  record Result(int exit, String out, String err) {}

  private final String url;
  private final List<String> jvmOptions;

  private RedframeJar(String url, List<String> jvmOptions) {
    this.url = url;
    this.jvmOptions = jvmOptions;
  }

  /** A jar run on a fresh key prefix of the test Redis. */
  static RedframeJar fresh(String... jvmOptions) {
    String base = TestRedis.url();
    return new RedframeJar(
        base + (base.contains("?") ? "&" : "?") + "prefix=" + TestRedis.freshPrefix(),
        List.of(jvmOptions));
  }

  String url() {
    return url;
  }

  /** Runs {@code redframe --url=<url> args...}. */
  Result run(String... args) throws Exception {
    return runWithInput("", args);
  }

  /** Runs {@code redframe --url=<url> args...} with {@code stdin} as its standard input. */
  Result runWithInput(String stdin, String... args) throws Exception {
    // The test JVM's locale and time zone flags too (ChildJvm), so the jar runs under them.
    List<String> command = new ArrayList<>(ChildJvm.java());
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", JAR.toString(), "--url=" + url));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().remove("REDFRAME_URL");
    Process process = builder.start();
    try (java.io.OutputStream in = process.getOutputStream()) {
      in.write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    CompletableFuture<String> err =
        CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
    String out = read(process.getInputStream());
    assertThat(process.waitFor(3, TimeUnit.MINUTES)).isTrue();
    return new Result(process.exitValue(), out, err.get());
  }

  private static String read(InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
