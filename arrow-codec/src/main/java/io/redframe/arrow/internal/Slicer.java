package io.redframe.arrow.internal;

import io.redframe.CorruptFrameException;
import io.redframe.arrow.NdArray;

/**
 * Fills the array for rows {@code [from, to)} of the first axis from stored elements that arrive in
 * storage order, a range at a time. In C order the wanted elements are one contiguous run; in
 * Fortran order, one run of {@code to - from} elements per index of the other axes.
 */
final class Slicer {
  private final ArrayMeta meta;
  private final long from;
  private final long to;
  private final NdArray out;
  private final int itemSize;
  private long copied;

  Slicer(ArrayMeta meta, long from, long to, long maxBytes, String where) {
    this.meta = meta;
    this.from = from;
    this.to = to;
    this.out = meta.allocate(from, to, maxBytes, where);
    this.itemSize = meta.dtype().itemSize();
  }

  /** The element range of storage that holds wanted elements (all of it in F order). */
  long firstNeeded() {
    return meta.order() == NdArray.Order.C ? from * meta.rowSize() : 0;
  }

  long endNeeded() {
    return meta.order() == NdArray.Order.C ? to * meta.rowSize() : meta.size();
  }

  /** Takes {@code count} stored elements starting at storage element {@code first}. */
  void accept(long first, byte[] bytes, int offset, int count, String where) {
    if (meta.order() == NdArray.Order.C) {
      copyRun(first, bytes, offset, count, firstNeeded(), endNeeded(), 0, where);
      return;
    }
    long rows = meta.shape()[0];
    long runLength = to - from;
    if (rows == 0 || runLength == 0) {
      return;
    }
    long firstRun = Math.max(0, (first - to) / rows);
    long lastRun = Math.min(meta.rowSize() - 1, (first + count - 1 - from) / rows);
    for (long k = firstRun; k <= lastRun; k++) {
      long start = from + rows * k;
      copyRun(first, bytes, offset, count, start, start + runLength, runLength * k, where);
    }
  }

  private void copyRun(
      long first,
      byte[] bytes,
      int offset,
      int count,
      long runStart,
      long runEnd,
      long outStart,
      String where) {
    long lo = Math.max(first, runStart);
    long hi = Math.min(first + count, runEnd);
    if (lo >= hi) {
      return;
    }
    int n = (int) (hi - lo);
    int source = offset + (int) (lo - first) * itemSize;
    if (!Elements.fromBytes(bytes, source, out.data(), (int) (outStart + lo - runStart), n)) {
      throw new CorruptFrameException(where + ": a boolean element is neither 0 nor 1");
    }
    copied += n;
  }

  /** The filled array; every wanted element must have arrived. */
  NdArray result(String where) {
    if (copied != out.size()) {
      throw new CorruptFrameException(
          where + ": " + copied + " of " + out.size() + " elements were stored");
    }
    return out;
  }
}
