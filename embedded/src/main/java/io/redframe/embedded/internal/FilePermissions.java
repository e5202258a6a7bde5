package io.redframe.embedded.internal;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Files and folders only their owner can read: created so, never widened afterwards. */
final class FilePermissions {
  private static final boolean POSIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  private FilePermissions() {}

  static void createPrivateFile(Path file) throws IOException {
    Files.createFile(file, attributes("rw-------"));
  }

  static void createPrivateDirectories(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    Path parent = dir.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.createDirectories(dir, attributes("rwx------"));
  }

  static boolean isPrivate(Path file) throws IOException {
    if (!POSIX) {
      return true;
    }
    Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
    return permissions.stream()
        .noneMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"));
  }

  private static FileAttribute<?>[] attributes(String permissions) {
    if (!POSIX) {
      return new FileAttribute<?>[0];
    }
    return new FileAttribute<?>[] {
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions))
    };
  }
}
