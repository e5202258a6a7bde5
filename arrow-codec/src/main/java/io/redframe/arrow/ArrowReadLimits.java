package io.redframe.arrow;

/**
 * Limits on what a load accepts from stored Arrow data. Every value read from Redis (chunk bytes,
 * row counts, column counts, buffer and dictionary sizes in IPC messages) is checked against them
 * before memory is allocated for it; going over throws {@link io.redframe.LimitExceededException}
 * naming the limit and the value.
 *
 * @param maxBytes total chunk bytes one load may fetch
 * @param maxRows rows one load may return
 * @param maxColumns columns (top-level fields) a schema may have
 * @param maxBatchRows rows one record batch may have
 * @param maxBufferBytes bytes one (decompressed) buffer may have
 * @param maxDictionaryEntries entries one dictionary batch may have
 */
public record ArrowReadLimits(
    long maxBytes,
    long maxRows,
    int maxColumns,
    int maxBatchRows,
    long maxBufferBytes,
    int maxDictionaryEntries) {

  /**
   * Defaults: no bound on a load's total bytes or rows (it streams), 100,000 columns, 64 Mi rows
   * per batch and dictionary, 512 MiB per decompressed buffer (a bound on what one hostile buffer
   * header can make a decoder allocate).
   */
  public static final ArrowReadLimits DEFAULTS =
      new ArrowReadLimits(Long.MAX_VALUE, Long.MAX_VALUE, 100_000, 64 << 20, 512L << 20, 64 << 20);

  /**
   * The limits.
   *
   * @throws IllegalArgumentException if a limit is negative
   */
  public ArrowReadLimits {
    if (maxBytes < 0
        || maxRows < 0
        || maxColumns < 0
        || maxBatchRows < 0
        || maxBufferBytes < 0
        || maxDictionaryEntries < 0) {
      throw new IllegalArgumentException("Read limits must be >= 0");
    }
  }

  /**
   * The same limits with {@code maxBytes} set to {@code value}.
   *
   * @throws IllegalArgumentException if {@code value} is negative
   */
  public ArrowReadLimits withMaxBytes(long value) {
    return new ArrowReadLimits(
        value, maxRows, maxColumns, maxBatchRows, maxBufferBytes, maxDictionaryEntries);
  }

  /**
   * The same limits with {@code maxRows} set to {@code value}.
   *
   * @throws IllegalArgumentException if {@code value} is negative
   */
  public ArrowReadLimits withMaxRows(long value) {
    return new ArrowReadLimits(
        maxBytes, value, maxColumns, maxBatchRows, maxBufferBytes, maxDictionaryEntries);
  }

  /**
   * The same limits with {@code maxColumns} set to {@code value}.
   *
   * @throws IllegalArgumentException if {@code value} is negative
   */
  public ArrowReadLimits withMaxColumns(int value) {
    return new ArrowReadLimits(
        maxBytes, maxRows, value, maxBatchRows, maxBufferBytes, maxDictionaryEntries);
  }

  /**
   * The same limits with {@code maxBatchRows} set to {@code value}.
   *
   * @throws IllegalArgumentException if {@code value} is negative
   */
  public ArrowReadLimits withMaxBatchRows(int value) {
    return new ArrowReadLimits(
        maxBytes, maxRows, maxColumns, value, maxBufferBytes, maxDictionaryEntries);
  }

  /**
   * The same limits with {@code maxBufferBytes} set to {@code value}.
   *
   * @throws IllegalArgumentException if {@code value} is negative
   */
  public ArrowReadLimits withMaxBufferBytes(long value) {
    return new ArrowReadLimits(
        maxBytes, maxRows, maxColumns, maxBatchRows, value, maxDictionaryEntries);
  }

  /**
   * The same limits with {@code maxDictionaryEntries} set to {@code value}.
   *
   * @throws IllegalArgumentException if {@code value} is negative
   */
  public ArrowReadLimits withMaxDictionaryEntries(int value) {
    return new ArrowReadLimits(maxBytes, maxRows, maxColumns, maxBatchRows, maxBufferBytes, value);
  }
}
