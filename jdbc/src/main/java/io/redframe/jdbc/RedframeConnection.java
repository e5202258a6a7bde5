package io.redframe.jdbc;

import io.redframe.FrameStore;
import java.sql.Connection;

/**
 * What a {@code jdbc:redframe:} connection adds to {@link Connection}; reach it with {@code
 * connection.unwrap(RedframeConnection.class)}.
 */
public interface RedframeConnection extends Connection {
  /** The store this connection reads and writes; closed with the connection. */
  FrameStore store();

  /** Bytes of stored chunks the scans of this connection have fetched from Redis so far. */
  long chunkBytesFetched();
}
