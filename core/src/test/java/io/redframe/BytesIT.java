package io.redframe;

import static org.assertj.core.api.Assertions.assertThat;

import io.redframe.testing.TestRedis;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Opaque payloads: 0, 1, exact multiples of the chunk size, and many windows. */
class BytesIT {
  @ParameterizedTest
  @ValueSource(ints = {0, 1, 4095, 4096, 4097, 3 * 4096, 1_000_003})
  void payloadsRoundTripExactly(int size) throws Exception {
    byte[] payload = new byte[size];
    new Random(size).nextBytes(payload);
    try (FrameStore store = TestRedis.store(b -> b.chunkSize(4096).pipelineWindow(64 * 1024))) {
      SaveResult saved =
          store.saveBytes("blob", new ByteArrayInputStream(payload), SaveOptions.defaults());

      assertThat(saved.bytes()).isEqualTo(size);
      assertThat(saved.chunks()).isEqualTo((size + 4095) / 4096);
      assertThat(store.loadBytes("blob")).isEqualTo(payload);
      try (InputStream in = store.openBytes("blob")) {
        assertThat(in.readAllBytes()).isEqualTo(payload);
      }
    }
  }
}
