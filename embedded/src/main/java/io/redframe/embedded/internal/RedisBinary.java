package io.redframe.embedded.internal;

import io.redframe.FrameStoreException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a {@code redis-server} binary to run: {@code $REDFRAME_REDIS_SERVER} if set, else one on
 * {@code PATH} (version 6.2 or newer), else the statically linked Redis 7.0.15 for linux and macOS
 * inside {@code org.signal:embedded-redis}, extracted once to a cache folder where it can run.
 *
 * @param path the executable
 * @param version its version, such as {@code 7.0.15}
 * @param origin where it was found, for messages
 */
public record RedisBinary(Path path, String version, String origin) {
  private static final String BUNDLED_VERSION = "7.0.15";
  private static final Pattern VERSION = Pattern.compile("v=(\\d+)\\.(\\d+)\\.(\\d+)");

  /** Finds a binary, or throws explaining every place that was tried. */
  public static RedisBinary find(Path dataDir) {
    List<String> tried = new ArrayList<>();
    String explicit = System.getenv("REDFRAME_REDIS_SERVER");
    if (explicit != null && !explicit.isBlank()) {
      Path path = Path.of(explicit);
      return probe(path, "REDFRAME_REDIS_SERVER")
          .orElseThrow(
              () ->
                  new FrameStoreException(
                      "REDFRAME_REDIS_SERVER="
                          + explicit
                          + " is not a runnable redis-server 6.2 or newer"));
    }
    Optional<RedisBinary> onPath = onPath(tried);
    if (onPath.isPresent()) {
      return onPath.get();
    }
    return bundled(dataDir, tried);
  }

  private static Optional<RedisBinary> onPath(List<String> tried) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator, -1)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, "redis-server");
      if (Files.isExecutable(candidate)) {
        Optional<RedisBinary> found = probe(candidate, "PATH");
        if (found.isPresent()) {
          return found;
        }
        tried.add(candidate + " (not runnable, or older than 6.2)");
      }
    }
    return Optional.empty();
  }

  /** Runs {@code binary --version}; present if it runs and is 6.2 or newer. */
  static Optional<RedisBinary> probe(Path binary, String origin) {
    try {
      Process process =
          new ProcessBuilder(binary.toString(), "--version")
              .redirectErrorStream(true)
              .redirectInput(ProcessBuilder.Redirect.from(new File(nullDevice())))
              .start();
      String out;
      try (InputStream in = process.getInputStream()) {
        out = new String(in.readNBytes(4096), StandardCharsets.UTF_8);
      }
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return Optional.empty();
      }
      Matcher m = VERSION.matcher(out);
      if (process.exitValue() != 0 || !m.find()) {
        return Optional.empty();
      }
      int major = Integer.parseInt(m.group(1));
      int minor = Integer.parseInt(m.group(2));
      if (major < 6 || (major == 6 && minor < 2)) {
        return Optional.empty();
      }
      String version = m.group(1) + "." + m.group(2) + "." + m.group(3);
      return Optional.of(new RedisBinary(binary, version, origin));
    } catch (IOException e) {
      return Optional.empty(); // not executable here, e.g. on a noexec file system
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FrameStoreException("Interrupted while checking " + binary, e);
    }
  }

  private static String nullDevice() {
    return File.separatorChar == '\\' ? "NUL" : "/dev/null";
  }

  private static RedisBinary bundled(Path dataDir, List<String> tried) {
    String resource = "redis-server-" + BUNDLED_VERSION + "-" + platform();
    URL url = RedisBinary.class.getClassLoader().getResource(resource);
    if (url == null) {
      throw new FrameStoreException(
          "No redis-server found: none on PATH"
              + (tried.isEmpty() ? "" : " that works (" + String.join(", ", tried) + ")")
              + ", and no bundled "
              + resource
              + " (is org.signal:embedded-redis on the classpath? is this platform supported?)."
              + " Install Redis 6.2+ or use a redis:// URL.");
    }
    String sha = sha256(url);
    for (Path cache : cacheDirs(dataDir)) {
      Path target = cache.resolve("redis-" + BUNDLED_VERSION + "-" + sha.substring(0, 12));
      try {
        Path binary = extract(url, sha, target.resolve("redis-server"));
        Optional<RedisBinary> found = probe(binary, "bundled (" + binary + ")");
        if (found.isPresent()) {
          return found.get();
        }
        tried.add(binary + " (extracted but not runnable: noexec?)");
      } catch (IOException e) {
        tried.add(target + " (" + e + ")");
      }
    }
    throw new FrameStoreException(
        "Could not run the bundled redis-server: " + String.join("; ", tried));
  }

  private static List<Path> cacheDirs(Path dataDir) {
    List<Path> dirs = new ArrayList<>();
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path home = Path.of(System.getProperty("user.home"));
    dirs.add(
        xdg != null && !xdg.isBlank() ? Path.of(xdg, "redframe") : home.resolve(".cache/redframe"));
    dirs.add(dataDir.resolve("bin"));
    dirs.add(
        Path.of(
            System.getProperty("java.io.tmpdir"), "redframe-" + System.getProperty("user.name")));
    return dirs;
  }

  private static Path extract(URL url, String sha, Path binary) throws IOException {
    if (Files.isRegularFile(binary) && sha256(binary).equals(sha)) {
      return binary;
    }
    Files.createDirectories(binary.getParent());
    Path temp = Files.createTempFile(binary.getParent(), "redis-server", ".part");
    try (InputStream in = url.openStream();
        OutputStream out = Files.newOutputStream(temp)) {
      in.transferTo(out);
    }
    if (!sha256(temp).equals(sha)) {
      Files.deleteIfExists(temp);
      throw new IOException("extracted binary does not match its SHA-256");
    }
    try {
      Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwx------"));
    } catch (UnsupportedOperationException e) {
      temp.toFile().setExecutable(true, true);
    }
    try {
      Files.move(temp, binary, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, binary, StandardCopyOption.REPLACE_EXISTING);
    }
    return binary;
  }

  static String platform() {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
    String osName =
        os.contains("mac") || os.contains("darwin")
            ? "darwin"
            : os.contains("linux") ? "linux" : os.replace(' ', '_');
    String archName =
        switch (arch) {
          case "amd64", "x86_64" -> "amd64";
          case "aarch64", "arm64" -> "arm64";
          default -> arch;
        };
    return osName + "-" + archName;
  }

  private static String sha256(URL url) {
    try (InputStream in = url.openStream()) {
      return digest(in);
    } catch (IOException e) {
      throw new FrameStoreException("Cannot read the bundled redis-server " + url, e);
    }
  }

  private static String sha256(Path path) throws IOException {
    try (InputStream in = Files.newInputStream(path)) {
      return digest(in);
    }
  }

  private static String digest(InputStream in) throws IOException {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      try (DigestInputStream digesting = new DigestInputStream(in, sha)) {
        digesting.transferTo(OutputStream.nullOutputStream());
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the JDK", e);
    }
  }
}
