package io.redframe.cli;

import io.redframe.arrow.ArrowCompression;
import io.redframe.arrow.ArrowFiles;
import io.redframe.tablesaw.TableJson;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.ArrowReader;
import tech.tablesaw.api.Table;

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

  /**
   * Writes {@code table} to {@code target} (all or nothing) in the format its extension names: CSV
   * or TSV that {@code put} reads back equal, redframe's JSON records, else Tablesaw's writer for
   * the extension ({@code .arrow}, {@code .feather}).
   *
   * @throws IOException if writing fails; the message names {@code target}
   */
  static void table(Table table, Path target) throws IOException {
    String extension = Inputs.extension(target);
    replace(
        target,
        file -> {
          switch (extension) {
            case "csv", "tsv" -> {
              try {
                CsvOut.write(table, file, extension.equals("tsv") ? '\t' : ',');
              } catch (RuntimeException e) {
                throw new IOException("Writing " + target + " as CSV failed: " + e.getMessage(), e);
              }
            }
            case "json" -> {
              try (OutputStream stream = Files.newOutputStream(file)) {
                TableJson.write(table, stream);
              }
            }
            default -> table.write().toFile(file.toFile()); // the temporary file has its extension
          }
        });
  }

  /**
   * Writes every batch {@code reader} yields to {@code target} as an Arrow IPC file (all or
   * nothing), with every Arrow type kept; the reader is read to its end, not closed.
   *
   * @throws IOException if reading or writing fails; the message names {@code target}
   */
  static void arrow(ArrowReader reader, Path target) throws IOException {
    replace(
        target,
        file -> {
          try (OutputStream stream = Files.newOutputStream(file);
              ArrowFileWriter writer =
                  ArrowFiles.writer(
                      reader.getVectorSchemaRoot(),
                      reader,
                      Channels.newChannel(stream),
                      ArrowCompression.NONE)) {
            writer.start();
            while (reader.loadNextBatch()) {
              writer.writeBatch();
            }
            writer.end();
          }
        });
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
