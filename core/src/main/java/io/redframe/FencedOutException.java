package io.redframe;

import io.redframe.internal.store.Names;

/**
 * A fenced save ({@link SaveOptions#fenced}) lost its fence: a writer with a higher token raised it
 * since ({@link FrameStore#raiseFence}), or a version was already published under it. Nothing was
 * published; the version written is removed.
 */
public final class FencedOutException extends FrameStoreException {
  private static final long serialVersionUID = 1L;
  private final long token;
  private final long heldToken;
  private final long publishedVersion;

  public FencedOutException(
      String frame, String fence, long token, long heldToken, long publishedVersion) {
    super(
        "Fenced save of frame '"
            + Names.shorten(frame)
            + "' under fence '"
            + fence
            + "' with token "
            + token
            + " was refused: "
            + (publishedVersion > 0
                ? "version " + publishedVersion + " was already published under it"
                : heldToken == 0
                    ? "the fence was never raised (or expired)"
                    : "token " + heldToken + " holds the fence")
            + "; nothing was published");
    this.token = token;
    this.heldToken = heldToken;
    this.publishedVersion = publishedVersion;
  }

  /** The token the save carried. */
  public long token() {
    return token;
  }

  /** The token that holds the fence, 0 if none. */
  public long heldToken() {
    return heldToken;
  }

  /** The version already published under the fence, 0 if none. */
  public long publishedVersion() {
    return publishedVersion;
  }
}
