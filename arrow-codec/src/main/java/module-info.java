/** redframe Arrow codec: Arrow IPC frames and numeric arrays in a redframe store. */
module io.redframe.arrow {
  requires transitive io.redframe.core;
  requires transitive org.apache.arrow.vector;
  requires transitive org.apache.arrow.memory.core;
  requires org.apache.arrow.compression;
  // The allocation manager every allocator of this module uses (see ArrowRuntime).
  requires org.apache.arrow.memory.unsafe;
  requires com.fasterxml.jackson.core;
  requires com.fasterxml.jackson.databind;
  requires org.apache.arrow.format;
  requires flatbuffers.java;
  requires org.lz4.java;

  exports io.redframe.arrow;
  exports io.redframe.arrow.spi;

  uses io.redframe.arrow.spi.TabularDecoder;

  provides org.apache.arrow.vector.compression.CompressionCodec.Factory with
      io.redframe.arrow.internal.CodecFactory;
  provides io.redframe.spi.Codec with
      io.redframe.arrow.internal.Codecs.Arrow,
      io.redframe.arrow.internal.Codecs.ArrowArray,
      io.redframe.arrow.internal.Codecs.Raw,
      io.redframe.arrow.internal.Codecs.JsonArray;
}
