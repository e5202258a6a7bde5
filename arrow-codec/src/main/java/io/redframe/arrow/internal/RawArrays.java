package io.redframe.arrow.internal;

import io.redframe.ChunkEntry;
import io.redframe.CorruptFrameException;
import io.redframe.Manifest;
import io.redframe.arrow.NdArray;
import io.redframe.spi.Chunk;
import io.redframe.spi.ChunkSink;
import io.redframe.spi.ChunkSource;
import io.redframe.spi.ChunkStream;
import io.redframe.spi.CodecId;
import io.redframe.spi.EncodedFrame;
import io.redframe.spi.FrameEncoder;
import java.io.IOException;
import java.util.List;

/**
 * The raw format: the elements' little-endian bytes in storage order, cut into chunks of whole
 * first-axis rows (C order) or of elements (Fortran order). Chunk {@code firstRow}/{@code rows} are
 * element ranges. Joined, the chunks are what {@code numpy.ndarray.tobytes(order)} returns.
 */
final class RawArrays {
  static final CodecId CODEC = new CodecId("raw", 1);

  private RawArrays() {}

  static FrameEncoder encoder(NdArray array) {
    ArrayMeta meta = ArrayMeta.of(array);
    return new FrameEncoder() {
      @Override
      public CodecId codec() {
        return CODEC;
      }

      @Override
      public EncodedFrame encode(ChunkSink sink) throws IOException {
        int itemSize = meta.dtype().itemSize();
        long perChunk = Math.max(1, sink.chunkSize() / itemSize);
        if (meta.order() == NdArray.Order.C && meta.rowSize() > 0) {
          long rows = Math.max(1, perChunk / meta.rowSize()); // whole rows per chunk
          perChunk = rows * meta.rowSize();
        }
        int size = array.size();
        for (int first = 0; first < size; first += (int) Math.min(perChunk, size - first)) {
          int count = (int) Math.min(perChunk, size - first);
          sink.write(
              first, count, List.of(), Elements.toBytes(array.data(), first, count, itemSize));
        }
        return new EncodedFrame(size, ArrowArrays.columns(meta), "none", meta.toProperties());
      }
    };
  }

  static NdArray decode(
      Manifest manifest, ChunkSource source, long from, long to, long maxBytes, String where) {
    ArrayMeta meta = ArrayMeta.fromProperties(manifest.properties(), where);
    if (manifest.rows() != meta.size()
        || manifest.bytes() != meta.size() * meta.dtype().itemSize()) {
      throw new CorruptFrameException(
          where
              + ": "
              + manifest.bytes()
              + " bytes and "
              + manifest.rows()
              + " elements stored, shape "
              + meta.shapeText()
              + " of "
              + meta.dtype().numpy()
              + " needs "
              + meta.size() * meta.dtype().itemSize());
    }
    long end = Math.min(to, meta.shape()[0]);
    long start = Math.min(from, end);
    Slicer slicer = new Slicer(meta, start, end, maxBytes, where);
    List<ChunkEntry> wanted =
        manifest.chunks().stream()
            .filter(c -> c.overlapsRows(slicer.firstNeeded(), slicer.endNeeded()))
            .toList();
    try (ChunkStream chunks = source.open(wanted)) {
      while (chunks.hasNext()) {
        Chunk chunk = chunks.next();
        long elements = chunk.entry().rows();
        if (chunk.bytes().length != elements * meta.dtype().itemSize()) {
          throw new CorruptFrameException(
              "chunk "
                  + chunk.entry().field()
                  + " of "
                  + where
                  + " holds "
                  + chunk.bytes().length
                  + " bytes for "
                  + elements
                  + " elements");
        }
        slicer.accept(chunk.entry().firstRow(), chunk.bytes(), 0, (int) elements, where);
      }
    }
    return slicer.result(where);
  }
}
