package io.redframe.arrow.internal;

import io.redframe.CorruptFrameException;
import io.redframe.LimitExceededException;
import io.redframe.arrow.ArrowReadLimits;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.arrow.flatbuf.Buffer;
import org.apache.arrow.flatbuf.DictionaryBatch;
import org.apache.arrow.flatbuf.FieldNode;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.flatbuf.RecordBatch;
import org.apache.arrow.flatbuf.Schema;

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
      long body = message.bodyLength();
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

  private int check(Message message, ByteBuffer buffer, int bodyStart, long bodyLength) {
    try {
      switch (message.headerType()) {
        case MessageHeader.Schema -> {
          Schema schema = (Schema) message.header(new Schema());
          limit("Column count", "maxColumns", schema.fieldsLength(), limits.maxColumns());
          return 0;
        }
        case MessageHeader.RecordBatch -> {
          RecordBatch batch = (RecordBatch) message.header(new RecordBatch());
          limit("Record batch rows", "maxBatchRows", batch.length(), limits.maxBatchRows());
          checkBatch(batch, buffer, bodyStart, bodyLength);
          return 1;
        }
        case MessageHeader.DictionaryBatch -> {
          DictionaryBatch dictionary = (DictionaryBatch) message.header(new DictionaryBatch());
          RecordBatch data = dictionary.data();
          if (data == null) {
            throw corrupt("dictionary batch without data");
          }
          limit(
              "Dictionary entries",
              "maxDictionaryEntries",
              data.length(),
              limits.maxDictionaryEntries());
          checkBatch(data, buffer, bodyStart, bodyLength);
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

  private void limit(String what, String limit, long value, long maximum) {
    if (value > maximum) {
      throw new LimitExceededException(what + " in " + where, limit, value, maximum);
    }
  }

  private CorruptFrameException corrupt(String problem) {
    return new CorruptFrameException(where + " is not a valid Arrow IPC stream: " + problem);
  }
}
