package io.redframe.embedded.internal;

import io.redframe.spi.EmbeddedServerProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The {@code embedded:} scheme: a shared, leased redis-server per folder. */
public final class EmbeddedProvider implements EmbeddedServerProvider {
  @Override
  public Lease open(Optional<Path> directory, Duration startTimeout) {
    return SharedServer.open(directory.orElseGet(SharedServer::defaultDirectory), startTimeout);
  }
}
