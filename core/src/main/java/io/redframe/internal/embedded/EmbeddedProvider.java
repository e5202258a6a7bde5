package io.redframe.internal.embedded;

import io.redframe.spi.EmbeddedServerProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The {@code embedded:} scheme: a shared, leased redis-server per folder. */
public final class EmbeddedProvider implements EmbeddedServerProvider {
  @Override
  public Lease open(Optional<Path> directory, Duration startTimeout) {
    return EmbeddedServer.open(directory.orElseGet(EmbeddedServer::defaultDirectory), startTimeout);
  }
}
