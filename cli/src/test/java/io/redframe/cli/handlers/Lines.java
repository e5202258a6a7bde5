package io.redframe.cli.handlers;

import io.redframe.jobs.JobContext;
import io.redframe.jobs.JobHandler;
import io.redframe.jobs.JobResult;
import io.redframe.spi.ChunkSink;
import io.redframe.spi.CodecId;
import io.redframe.spi.EncodedFrame;
import io.redframe.spi.FrameEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * {@code test.lines}: returns a frame result, one chunk holding the text of argument {@code text},
 * in a codec of its own (so the test needs nothing but the public SPI).
 */
public final class Lines implements JobHandler {
  static final CodecId CODEC = new CodecId("test-lines", 1);

  @Override
  public String name() {
    return "test.lines";
  }

  @Override
  public Object run(JobContext job) {
    Map<?, ?> args = job.args(Map.class);
    byte[] text = String.valueOf(args.get("text")).getBytes(StandardCharsets.UTF_8);
    return JobResult.frame(
        new FrameEncoder() {
          @Override
          public CodecId codec() {
            return CODEC;
          }

          @Override
          public EncodedFrame encode(ChunkSink sink) throws java.io.IOException {
            sink.write(0, 1, List.of(), text);
            return new EncodedFrame(1, List.of(), "none", null);
          }
        });
  }
}
