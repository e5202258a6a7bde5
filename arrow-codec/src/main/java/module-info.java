/** redframe Arrow codec: Arrow IPC frames and numeric arrays in a redframe store. */
module io.redframe.arrow {
  requires transitive io.redframe.core;
  requires transitive org.apache.arrow.vector;
  requires transitive org.apache.arrow.memory.core;
  requires org.apache.arrow.compression;
  requires org.apache.arrow.format;
  requires flatbuffers.java;
  requires org.lz4.java;

  exports io.redframe.arrow;

  provides org.apache.arrow.vector.compression.CompressionCodec.Factory with
      io.redframe.arrow.internal.CodecFactory;
}
