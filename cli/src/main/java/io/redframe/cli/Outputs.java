package io.redframe.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/** Files the CLI writes: all or nothing. */
final class Outputs {
  private Outputs() {}

  /** Writes a file. */
  interface Writer {
    void write(Path file) throws IOException;
  }

  /**
   * Writes {@code target} through {@code writer}: into a temporary file beside it (same folder,
   * same extension), renamed over {@code target} only once the writer has succeeded. If it fails,
   * the temporary file is deleted and {@code target}, if it existed, is untouched.
   *
   * @throws IOException if writing or renaming fails; the message names {@code target}
   */
  static void replace(Path target, Writer writer) throws IOException {
    Path absolute = target.toAbsolutePath();
    Path folder = absolute.getParent();
    if (Files.isDirectory(absolute)) {
      throw new IOException(target + " is a directory; --out needs a file name");
    }
    if (folder == null || !Files.isDirectory(folder)) {
      throw new IOException("Cannot write " + target + ": no folder " + folder);
    }
    String name = absolute.getFileName().toString();
    String extension = Inputs.extension(absolute);
    Path temporary;
    try {
      temporary =
          Files.createTempFile(
              folder, "." + name + ".", extension.isEmpty() ? ".tmp" : "." + extension);
    } catch (FileSystemException e) {
      throw new FileSystemException(
          target.toString(), null, "cannot write a file in " + folder + ": " + reason(e));
    }
    try {
      permissions(absolute, temporary);
      writer.write(temporary);
      move(temporary, absolute);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  private static String reason(FileSystemException e) {
    return e instanceof AccessDeniedException
        ? "permission denied"
        : e.getReason() != null ? e.getReason() : e.getClass().getSimpleName();
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** The existing file's permissions, else those of a file made by most tools (rw-r--r--). */
  private static void permissions(Path target, Path temporary) throws IOException {
    PosixFileAttributeView view =
        Files.getFileAttributeView(temporary, PosixFileAttributeView.class);
    if (view == null) {
      return;
    }
    view.setPermissions(
        Files.exists(target)
            ? Files.getPosixFilePermissions(target)
            : PosixFilePermissions.fromString("rw-r--r--"));
  }
}
