package io.redframe.tablesaw.internal;

import io.redframe.CorruptFrameException;
import io.redframe.FrameStoreException;
import io.redframe.LimitExceededException;
import io.redframe.Manifest;
import io.redframe.arrow.ArrowFrames;
import io.redframe.arrow.ArrowLoadOptions;
import io.redframe.spi.ChunkSource;
import io.redframe.spi.CodecId;
import io.redframe.spi.FrameDecoder;
import io.redframe.tablesaw.TableLoadOptions;
import java.io.IOException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import tech.tablesaw.api.Table;

/**
 * Reads a table from either format, deciding by the manifest the store has already resolved, so a
 * load costs one manifest read and stays pinned to one version.
 *
 * <p>The error contract at this boundary: a caller's request the frame cannot meet (a column it
 * lacks, a column type Tablesaw has no counterpart for) is an {@link IllegalArgumentException},
 * thrown before any chunk is decoded; anything the stored values do once decoding has started (an
 * index past its dictionary, a time of day past midnight) is a {@link CorruptFrameException}.
 */
public final class TableDecoder implements FrameDecoder<Table> {
  /** The most rows a Tablesaw column holds. */
  private static final long MOST_ROWS = Integer.MAX_VALUE - 8;

  private final BufferAllocator allocator;
  private final TableLoadOptions options;

  public TableDecoder(BufferAllocator allocator, TableLoadOptions options) {
    this.allocator = allocator;
    this.options = options;
  }

  @Override
  public boolean accepts(CodecId codec) {
    // any tabular codec the Arrow loader reads (Arrow frames, Arrow arrays as one-column tables)
    return JsonTableCodec.CODEC.equals(codec)
        || ArrowFrames.decoder(allocator, ArrowLoadOptions.all()).accepts(codec);
  }

  @Override
  public String name() {
    return "the Tablesaw table loader";
  }

  @Override
  public Table decode(Manifest manifest, ChunkSource source) throws IOException {
    String where = "frame '" + manifest.name() + "' version " + manifest.version();
    long rows =
        Math.min(manifest.rows(), options.toRow()) - Math.min(manifest.rows(), options.fromRow());
    if (rows > MOST_ROWS) {
      throw new LimitExceededException(
          "Rows to load of " + where, "the rows of a Tablesaw column", rows, MOST_ROWS);
    }
    if (manifest.codec().equals(JsonTableCodec.CODEC.id())) {
      return JsonTableCodec.decoder(options.columns(), options.fromRow(), options.toRow())
          .decode(manifest, source);
    }
    ArrowLoadOptions arrow = ArrowLoadOptions.all().rows(options.fromRow(), options.toRow());
    if (options.columns() != null) {
      arrow = arrow.columns(options.columns());
    }
    try (ArrowReader reader = ArrowFrames.decoder(allocator, arrow).decode(manifest, source)) {
      TableAssembler.Assembly assembly = TableAssembler.assemble(reader, manifest.name(), rows);
      try {
        return assembly.read();
      } catch (FrameStoreException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new CorruptFrameException(
            where + " does not read as a Tablesaw table: " + e.getMessage(), e);
      }
    }
  }
}
