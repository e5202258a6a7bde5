package io.redframe.tablesaw.internal;

import io.redframe.FrameKind;
import io.redframe.spi.Codec;

/** {@code json-table} for the store's codec registry (registered with ServiceLoader): tables. */
public final class JsonTableDescriptor implements Codec {
  @Override
  public String id() {
    return JsonTableCodec.CODEC.id();
  }

  @Override
  public FrameKind kind() {
    return FrameKind.TABLE;
  }

  @Override
  public String module() {
    return "io.redframe:redframe-tablesaw-adapter";
  }
}
