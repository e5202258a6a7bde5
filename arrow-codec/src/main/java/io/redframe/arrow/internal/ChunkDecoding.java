package io.redframe.arrow.internal;

import io.redframe.CorruptFrameException;
import io.redframe.FrameStoreException;
import io.redframe.arrow.ArrowReadLimits;
import java.io.IOException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.ipc.ArrowStreamReader;

/**
 * Decodes one chunk, an Arrow IPC stream from untrusted storage: checks the stream's framing and
 * sizes ({@link IpcValidator}), reads its one record batch with Arrow's reader, and checks every
 * vector ({@link VectorChecks}) before anything reads a value. Any failure is a {@link
 * CorruptFrameException} or a {@link io.redframe.LimitExceededException} naming the chunk.
 */
public final class ChunkDecoding {
  private ChunkDecoding() {}

  /**
   * An open reader positioned on the chunk's record batch, with its vectors and dictionaries
   * checked. The caller closes it.
   */
  public static ArrowStreamReader open(
      byte[] bytes, BufferAllocator allocator, ArrowReadLimits limits, String where) {
    new IpcValidator(limits, where).validate(bytes);
    GuardedCodecs codecs = new GuardedCodecs();
    ArrowStreamReader reader =
        new ArrowStreamReader(new ByteArrayChannels.Reading(bytes), allocator, codecs);
    try {
      if (!reader.loadNextBatch()) {
        throw new CorruptFrameException(where + " holds no record batch");
      }
      if (codecs.failure() != null) {
        throw new CorruptFrameException(where + " does not decode: " + codecs.failure());
      }
      for (FieldVector vector : reader.getVectorSchemaRoot().getFieldVectors()) {
        VectorChecks.check(vector);
      }
      for (long id : reader.getDictionaryIds()) {
        VectorChecks.check(reader.lookup(id).getVector());
      }
      return reader;
    } catch (FrameStoreException e) {
      close(reader);
      throw e;
    } catch (RuntimeException | IOException e) {
      close(reader);
      throw new CorruptFrameException(where + " does not decode: " + e, e);
    }
  }

  private static void close(ArrowStreamReader reader) {
    try {
      reader.close();
    } catch (IOException | RuntimeException e) {
      // Closing after a failed read releases what was allocated; nothing else to report.
    }
  }
}
