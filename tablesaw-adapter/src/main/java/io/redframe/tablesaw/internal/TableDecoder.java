package io.redframe.tablesaw.internal;

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
 */
public final class TableDecoder implements FrameDecoder<Table> {
  private final BufferAllocator allocator;
  private final TableLoadOptions options;

  public TableDecoder(BufferAllocator allocator, TableLoadOptions options) {
    this.allocator = allocator;
    this.options = options;
  }

  @Override
  public boolean accepts(CodecId codec) {
    return JsonTableCodec.CODEC.equals(codec) || ArrowFrames.CODEC.equals(codec);
  }

  @Override
  public Table decode(Manifest manifest, ChunkSource source) throws IOException {
    if (manifest.codec().equals(JsonTableCodec.CODEC.id())) {
      return JsonTableCodec.decoder(options.columns(), options.fromRow(), options.toRow())
          .decode(manifest, source);
    }
    ArrowLoadOptions arrow = ArrowLoadOptions.all().rows(options.fromRow(), options.toRow());
    if (options.columns() != null) {
      arrow = arrow.columns(options.columns());
    }
    try (ArrowReader reader = ArrowFrames.decoder(allocator, arrow).decode(manifest, source)) {
      long rows = Math.min(manifest.rows(), options.toRow()) - options.fromRow();
      return TableAssembler.read(reader, manifest.name(), rows);
    }
  }
}
