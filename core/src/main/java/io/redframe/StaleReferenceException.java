package io.redframe;

/**
 * A {@link FrameRef} names a version number that now holds other content: the version it meant
 * expired or was deleted, and a later save of the frame reused its number. Nothing was read.
 */
public final class StaleReferenceException extends FrameNotFoundException {
  private static final long serialVersionUID = 1L;

  private final transient FrameRef reference;
  private final String storedId;

  public StaleReferenceException(FrameRef reference, String storedId) {
    super(
        "Frame reference "
            + reference.durable()
            + " is stale: version "
            + reference.version()
            + " of '"
            + reference.name()
            + "' now holds other content (id "
            + storedId
            + "); the version it meant expired or was deleted");
    this.reference = reference;
    this.storedId = storedId;
  }

  /** The reference that was used. */
  public FrameRef reference() {
    return reference;
  }

  /** The id of the version that holds the number now. */
  public String storedId() {
    return storedId;
  }
}
