package io.redframe.tablesaw.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BitmapsTest {
  private final Random random = new Random(5);

  @Test
  void rangesMatchTheSameBitsOfABitSetAlignedOrNot() {
    for (int trial = 0; trial < 2000; trial++) {
      int size = random.nextInt(300);
      BitSet bits = randomBits(size);
      // BitSet.toByteArray drops trailing zero bytes, as Tablesaw's bitmaps come
      byte[] bitmap = bits.toByteArray();
      int from = random.nextInt(size + 1);
      if (random.nextBoolean()) {
        from &= ~7;
      }
      int count = random.nextInt(size - from + 1);

      byte[] range = Bitmaps.range(bitmap, from, count);

      assertThat(range).hasSize(Bitmaps.bytes(count));
      assertThat(BitSet.valueOf(range)).isEqualTo(bits.get(from, from + count));
    }
  }

  @Test
  void complementsInvertOnlyTheCountedBits() {
    for (int trial = 0; trial < 2000; trial++) {
      int count = random.nextInt(300);
      BitSet bits = randomBits(count);

      byte[] inverted = Bitmaps.complement(bits.toByteArray(), count);

      BitSet expected = (BitSet) bits.clone();
      expected.flip(0, count);
      assertThat(inverted).hasSize(Bitmaps.bytes(count));
      assertThat(BitSet.valueOf(inverted)).isEqualTo(expected);
    }
  }

  private BitSet randomBits(int size) {
    BitSet bits = new BitSet(size);
    double density = random.nextDouble();
    for (int i = 0; i < size; i++) {
      if (random.nextDouble() < density) {
        bits.set(i);
      }
    }
    return bits;
  }
}
