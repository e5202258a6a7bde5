package io.redframe.arrow.internal;

import io.redframe.CorruptFrameException;
import io.redframe.LimitExceededException;
import io.redframe.arrow.ArrowReadLimits;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.arrow.flatbuf.BodyCompressionMethod;
import org.apache.arrow.flatbuf.Buffer;
import org.apache.arrow.flatbuf.CompressionType;
import org.apache.arrow.flatbuf.DictionaryBatch;
import org.apache.arrow.flatbuf.FieldNode;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.flatbuf.RecordBatch;
import org.apache.arrow.flatbuf.Schema;
import org.apache.arrow.vector.BufferLayout.BufferType;
import org.apache.arrow.vector.ipc.message.MessageSerializer;

/**
 * Walks an Arrow IPC stream held in memory and checks every length and count in it before Arrow's
 * reader sees it: message and body lengths inside the chunk, row counts and buffer extents inside
 * the body, and the uncompressed size that each compressed buffer announces. Arrow's reader would
 * otherwise allocate whatever a hostile header asks for.
 */
final class IpcValidator {
  private static final int CONTINUATION = 0xFFFFFFFF;
  private static final int MAX_NODES = 1 << 20;

  private final ArrowReadLimits limits;
  private final String where;
  private org.apache.arrow.vector.types.pojo.Schema schema;

  IpcValidator(ArrowReadLimits limits, String where) {
    this.limits = limits;
    this.where = where;
  }

  /** Checks the whole stream; returns the number of record batches in it. */
  int validate(byte[] bytes) {
    ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    int batches = 0;
    int position = 0;
    while (true) {
      if (bytes.length - position < 4) {
        throw corrupt("the stream ends without an end-of-stream marker at byte " + position);
      }
      int length = buffer.getInt(position);
      position += 4;
      if (length == CONTINUATION) {
        if (bytes.length - position < 4) {
          throw corrupt("truncated message header at byte " + position);
        }
        length = buffer.getInt(position);
        position += 4;
      }
      if (length == 0) {
        return batches;
      }
      if (length < 0 || length > bytes.length - position) {
        throw corrupt(
            "message metadata length "
                + length
                + " points past the end ("
                + bytes.length
                + " bytes)");
      }
      Message message = parse(buffer, position, length);
      position += length;
      long body = bodyLength(message);
      if (body < 0 || body > bytes.length - position) {
        throw corrupt(
            "message body length " + body + " points past the end (" + bytes.length + " bytes)");
      }
      batches += check(message, buffer, position, body);
      position += (int) body;
    }
  }

  private Message parse(ByteBuffer buffer, int position, int length) {
    try {
      ByteBuffer metadata = buffer.duplicate().position(position).limit(position + length).slice();
      Message message = Message.getRootAsMessage(metadata.order(ByteOrder.LITTLE_ENDIAN));
      message.headerType(); // touch the table so a bad offset fails here
      return message;
    } catch (RuntimeException e) {
      throw corrupt("unreadable message metadata (" + e + ")");
    }
  }

  private long bodyLength(Message message) {
    try {
      return message.bodyLength();
    } catch (RuntimeException e) {
      throw corrupt("unreadable message metadata (" + e + ")");
    }
  }

  private int check(Message message, ByteBuffer buffer, int bodyStart, long bodyLength) {
    try {
      switch (message.headerType()) {
        case MessageHeader.Schema -> {
          Schema flat = (Schema) message.header(new Schema());
          limit("Column count", "maxColumns", flat.fieldsLength(), limits.maxColumns());
          if (schema != null) {
            throw corrupt("a second schema message");
          }
          schema = MessageSerializer.deserializeSchema(message);
          return 0;
        }
        case MessageHeader.RecordBatch -> {
          RecordBatch batch = (RecordBatch) message.header(new RecordBatch());
          limit("Record batch rows", "maxBatchRows", batch.length(), limits.maxBatchRows());
          checkBatch(batch, buffer, bodyStart, bodyLength);
          checkLayout(batch, BatchLayout.ofRecordBatch(schema()), buffer, bodyStart);
          return 1;
        }
        case MessageHeader.DictionaryBatch -> {
          DictionaryBatch dictionary = (DictionaryBatch) message.header(new DictionaryBatch());
          RecordBatch data = dictionary.data();
          dictionary.isDelta(); // read by Arrow's reader: must not fail there
          if (data == null) {
            throw corrupt("dictionary batch without data");
          }
          limit(
              "Dictionary entries",
              "maxDictionaryEntries",
              data.length(),
              limits.maxDictionaryEntries());
          checkBatch(data, buffer, bodyStart, bodyLength);
          checkLayout(data, BatchLayout.ofDictionary(schema(), dictionary.id()), buffer, bodyStart);
          return 0;
        }
        default -> throw corrupt("unexpected message type " + message.headerType());
      }
    } catch (CorruptFrameException | LimitExceededException e) {
      throw e;
    } catch (RuntimeException e) {
      throw corrupt("unreadable message header (" + e + ")");
    }
  }

  private void checkBatch(RecordBatch batch, ByteBuffer buffer, int bodyStart, long bodyLength) {
    if (batch.length() < 0) {
      throw corrupt("negative row count " + batch.length());
    }
    if (batch.nodesLength() > MAX_NODES || batch.buffersLength() > 3 * MAX_NODES) {
      throw corrupt("implausible field node or buffer count");
    }
    FieldNode node = new FieldNode();
    for (int i = 0; i < batch.nodesLength(); i++) {
      batch.nodes(node, i);
      if (node.length() < 0 || node.nullCount() < 0 || node.nullCount() > node.length()) {
        throw corrupt(
            "field node " + i + " has length " + node.length() + ", nulls " + node.nullCount());
      }
      limit("Values in field node " + i, "maxBufferBytes", node.length(), limits.maxBufferBytes());
    }
    boolean compressed = batch.compression() != null;
    if (compressed) {
      byte codec = batch.compression().codec();
      if (codec != CompressionType.LZ4_FRAME && codec != CompressionType.ZSTD) {
        throw corrupt("unknown compression codec " + codec);
      }
      if (batch.compression().method() != BodyCompressionMethod.BUFFER) {
        throw corrupt("unknown compression method " + batch.compression().method());
      }
    }
    for (int i = 0; i < batch.variadicBufferCountsLength(); i++) {
      if (batch.variadicBufferCounts(i) < 0 || batch.variadicBufferCounts(i) > MAX_NODES) {
        throw corrupt("implausible variadic buffer count " + batch.variadicBufferCounts(i));
      }
    }
    Buffer extent = new Buffer();
    for (int i = 0; i < batch.buffersLength(); i++) {
      batch.buffers(extent, i);
      long offset = extent.offset();
      long length = extent.length();
      if (offset < 0 || length < 0 || offset > bodyLength - length) {
        throw corrupt(
            "buffer "
                + i
                + " ["
                + offset
                + ", +"
                + length
                + ") lies outside the body of "
                + bodyLength
                + " bytes");
      }
      limit("Size of buffer " + i, "maxBufferBytes", length, limits.maxBufferBytes());
      if (compressed && length >= 8) {
        long uncompressed = buffer.getLong(bodyStart + (int) offset);
        if (uncompressed < -1) {
          throw corrupt("buffer " + i + " announces " + uncompressed + " uncompressed bytes");
        }
        limit(
            "Uncompressed size of buffer " + i,
            "maxBufferBytes",
            uncompressed,
            limits.maxBufferBytes());
      } else if (compressed && length != 0) {
        throw corrupt("compressed buffer " + i + " is shorter than its 8-byte length header");
      }
    }
  }

  private org.apache.arrow.vector.types.pojo.Schema schema() {
    if (schema == null) {
      throw corrupt("a batch before the schema");
    }
    return schema;
  }

  /**
   * Checks the batch against what its schema implies: node and buffer counts, top-level lengths,
   * child lengths of structs and fixed-size lists, and the least size of every buffer. Arrow's
   * loader trusts all of these, and leaks buffers when one is wrong.
   */
  private void checkLayout(
      RecordBatch batch, BatchLayout layout, ByteBuffer buffer, int bodyStart) {
    if (layout == null) {
      throw corrupt("a dictionary batch for an unknown dictionary");
    }
    if (batch.nodesLength() != layout.nodes().size()) {
      throw corrupt(
          batch.nodesLength() + " field nodes, the schema needs " + layout.nodes().size());
    }
    if (batch.variadicBufferCountsLength() != layout.viewNodes()) {
      throw corrupt(
          batch.variadicBufferCountsLength()
              + " variadic buffer counts, the schema has "
              + layout.viewNodes()
              + " view columns");
    }
    long needed = layout.bufferCount();
    for (int i = 0; i < batch.variadicBufferCountsLength(); i++) {
      needed += batch.variadicBufferCounts(i);
    }
    if (batch.buffersLength() != needed) {
      throw corrupt(batch.buffersLength() + " buffers, the schema needs " + needed);
    }
    FieldNode node = new FieldNode();
    Buffer extent = new Buffer();
    boolean compressed = batch.compression() != null;
    int bufferIndex = 0;
    long[] lengths = new long[layout.nodes().size()];
    long[] offsetsAt = new long[layout.nodes().size()];
    for (int i = 0; i < layout.nodes().size(); i++) {
      BatchLayout.Node expected = layout.nodes().get(i);
      batch.nodes(node, i);
      long length = node.length();
      lengths[i] = length;
      offsetsAt[i] = -1;
      if (expected.parent() < 0 && length != batch.length()) {
        throw corrupt(
            "column node " + i + " has " + length + " values, the batch " + batch.length());
      }
      if (expected.parent() >= 0 && length < lengths[expected.parent()] * expected.perParent()) {
        throw corrupt(
            "child node " + i + " has " + length + " values, fewer than its parent needs");
      }
      for (BatchLayout.Need need : expected.needs()) {
        batch.buffers(extent, bufferIndex++);
        long size = size(extent, compressed, buffer, bodyStart);
        if (need.type() == BufferType.OFFSET && expected.list() && !compressed) {
          offsetsAt[i] = bodyStart + extent.offset();
        }
        long least = need.leastBytes(length, node.nullCount(), size);
        if (size < least) {
          throw corrupt(
              "buffer "
                  + (bufferIndex - 1)
                  + " holds "
                  + size
                  + " bytes, "
                  + least
                  + " needed for "
                  + length
                  + " values");
        }
      }
    }
    checkListOffsets(layout, lengths, offsetsAt, buffer);
  }

  /**
   * The first and last offsets of every list node of an uncompressed batch: inside its child.
   * Arrow's loader sizes the child by the last offset before anything else can check it (and fails
   * an assertion on a negative one). Compressed offsets are checked after loading ({@link
   * VectorChecks}).
   */
  private void checkListOffsets(
      BatchLayout layout, long[] lengths, long[] offsetsAt, ByteBuffer buffer) {
    for (int i = 0; i < offsetsAt.length; i++) {
      if (offsetsAt[i] < 0 || lengths[i] == 0) {
        continue;
      }
      int width =
          layout.nodes().get(i).needs().stream()
                  .filter(n -> n.type() == BufferType.OFFSET)
                  .findFirst()
                  .orElseThrow()
                  .bitWidth()
              / 8;
      long first = offset(buffer, offsetsAt[i], width);
      long last = offset(buffer, offsetsAt[i] + lengths[i] * width, width);
      long children = i + 1 < lengths.length ? lengths[i + 1] : 0; // its one child comes next
      if (first < 0 || last < first || last > children) {
        throw corrupt(
            "list node "
                + i
                + " has offsets from "
                + first
                + " to "
                + last
                + " into a child of "
                + children
                + " values");
      }
    }
  }

  private static long offset(ByteBuffer buffer, long at, int width) {
    return width == 8 ? buffer.getLong((int) at) : buffer.getInt((int) at);
  }

  /** The (uncompressed) size of a buffer. */
  private static long size(Buffer extent, boolean compressed, ByteBuffer buffer, int bodyStart) {
    if (!compressed || extent.length() == 0) {
      return extent.length();
    }
    long announced = buffer.getLong(bodyStart + (int) extent.offset());
    return announced == -1 ? extent.length() - 8 : announced;
  }

  private void limit(String what, String limit, long value, long maximum) {
    if (value > maximum) {
      throw new LimitExceededException(what + " in " + where, limit, value, maximum);
    }
  }

  private CorruptFrameException corrupt(String problem) {
    return new CorruptFrameException(where + " is not a valid Arrow IPC stream: " + problem);
  }
}
