package io.redframe.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.redframe.ChunkEntry;
import io.redframe.CorruptFrameException;
import io.redframe.FrameStore;
import io.redframe.LimitExceededException;
import io.redframe.Manifest;
import io.redframe.reliability.Specimens.Frame;
import io.redframe.reliability.Specimens.Loader;
import io.redframe.spi.Checksums;
import io.redframe.testing.TestRedis;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

/**
 * Random bytes flipped in stored chunks and manifests, thousands of times: every flip detected and
 * reported with frame, version and chunk, never wrong data. Then the checksums are forged (the
 * manifest rewritten to match the mutated bytes) so each decoder itself meets hostile bytes,
 * through every public loader and every frame it reads: it must reject them with {@link
 * CorruptFrameException} or {@link LimitExceededException}, or return data that a caller can read
 * to the end. Any other exception, and any leaked Arrow buffer, fails the test.
 */
class CorruptionIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  private BufferAllocator allocator;
  private FrameStore store;
  private UnifiedJedis raw;

  @BeforeEach
  void open() {
    allocator = new RootAllocator(2L << 30);
    store = TestRedis.store(b -> b.chunkSize(8192));
    raw = TestRedis.client();
    Specimens.save(store, allocator);
  }

  @AfterEach
  void close() {
    raw.close();
    store.close();
    allocator.close();
  }

  private byte[] key(String name) {
    return TestRedis.versionKey(store, name, store.manifest(name).version());
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** The first loader that reads each frame, whole. */
  private Map<String, Consumer<String>> wholeLoads() {
    Map<String, Consumer<String>> loads = new LinkedHashMap<>();
    for (Frame frame : Specimens.FRAMES) {
      Loader loader = Specimens.LOADERS.stream().filter(l -> l.reads(frame)).findFirst().get();
      loads.put(frame.name(), name -> Specimens.call(loader, store, allocator, name, null));
    }
    return loads;
  }

  @Test
  void everyFlippedByteIsDetectedAndNamed() {
    Map<String, Consumer<String>> frames = wholeLoads();
    List<String> names = List.copyOf(frames.keySet());
    Random random = new Random(11);
    int trials = Sized.trials(2000, 30000);
    int detected = 0;
    for (int trial = 0; trial < trials; trial++) {
      String name = names.get(random.nextInt(names.size()));
      Manifest manifest = store.manifest(name);
      byte[] key = key(name);
      boolean inManifest = random.nextInt(5) == 0;
      String field =
          inManifest
              ? "manifest"
              : manifest.chunks().get(random.nextInt(manifest.chunks().size())).field();
      byte[] original = raw.hget(key, bytes(field));
      byte[] flipped = original.clone();
      flipped[random.nextInt(flipped.length)] ^= (byte) (1 + random.nextInt(255));
      raw.hset(key, bytes(field), flipped);
      try {
        frames.get(name).accept(name);
        throw new AssertionError(name + ": a flipped byte in " + field + " went unnoticed");
      } catch (CorruptFrameException e) {
        assertThat(e.getMessage()).contains("frame '" + name + "' version " + manifest.version());
        assertThat(e.getMessage()).contains(inManifest ? "manifest" : "chunk " + field);
        detected++;
      } finally {
        raw.hset(key, bytes(field), original);
      }
    }
    System.out.println("corruption trials: " + trials + ", detected: " + detected);
    assertThat(detected).isEqualTo(trials);
  }

  /** One frame read by one loader, with the frame's stored fields to restore after each trial. */
  @SuppressWarnings("ArrayRecordComponent") // never compared or hashed
  private record Target(Frame frame, Loader loader, byte[] key, Manifest manifest) {}

  /** What one loader did with its mutations. */
  private static final class Tally {
    int tried;
    int rejected;
    int decoded;
    int escaped;
  }

  /**
   * Mutations with the checksums forged to match, spread evenly over every (frame, loader) pair in
   * which the loader reads the frame: chunks with bytes replaced, words set to edge values, bytes
   * cut or inserted; and, less often, a number or a property of the manifest itself changed. Only
   * the documented exceptions may come out, never another runtime exception, a hang or a leak.
   */
  @Test
  void everyLoaderMeetsForgedChecksumsWithTheContract() throws IOException {
    List<Target> targets = targets();
    int trials = Sized.trials(3000, 30000);
    // -Dcorruption.trial=N replays trial N alone: each trial has its own seed
    int only = Integer.getInteger("corruption.trial", -1);
    Map<String, Tally> byLoader = new TreeMap<>();
    Map<String, String> escapes = new TreeMap<>();
    long start = System.nanoTime();
    List<Integer> run = new ArrayList<>();
    for (int trial = Math.max(0, only); trial < (only < 0 ? trials : only + 1); trial++) {
      run.add(trial);
    }
    if (only < 0) {
      REGRESSIONS.stream().filter(trial -> trial >= trials).forEach(run::add);
    }
    for (int trial : run) {
      Target target = targets.get(trial % targets.size());
      Tally tally = byLoader.computeIfAbsent(target.loader().name(), k -> new Tally());
      tally.tried++;
      String outcome = attempt(target, new Random(seed(trial)), "trial " + trial);
      if (outcome == null) {
        tally.decoded++;
      } else if (outcome.isEmpty()) {
        tally.rejected++;
      } else {
        tally.escaped++;
        escapes.putIfAbsent(outcome.substring(0, outcome.indexOf('\n')), outcome);
      }
    }
    report(byLoader, (System.nanoTime() - start) / 1_000_000_000.0);
    assertThat(escapes.values()).as("exceptions outside the contract").isEmpty();
  }

  /**
   * Trials of the long mode that once escaped the contract, replayed in every mode: 10973 (a JSON
   * table's document naming a column its schema lacks: Arrow's {@code Schema.findField} threw
   * IllegalArgumentException) and 26772 (an Arrow schema typing a column Null while {@code
   * columns[].type} says int32: the Tablesaw loader threw IllegalArgumentException).
   */
  private static final List<Integer> REGRESSIONS = List.of(10973, 26772);

  /** Every (frame, loader) pair in which the loader reads the frame. */
  private List<Target> targets() {
    List<Target> targets = new ArrayList<>();
    for (Frame frame : Specimens.FRAMES) {
      for (Loader loader : Specimens.LOADERS) {
        if (loader.reads(frame)) {
          targets.add(new Target(frame, loader, key(frame.name()), store.manifest(frame.name())));
        }
      }
    }
    return targets;
  }

  private static void report(Map<String, Tally> byLoader, double seconds) {
    byLoader.forEach(
        (loader, t) ->
            System.out.printf(
                Locale.ROOT,
                "forged-checksum mutations through %s: %d tried, %d rejected, %d decoded, %d"
                    + " outside the contract%n",
                loader,
                t.tried,
                t.rejected,
                t.decoded,
                t.escaped));
    System.out.printf(
        Locale.ROOT,
        "forged-checksum mutations in all: %d in %.1f s%n",
        byLoader.values().stream().mapToInt(t -> t.tried).sum(),
        seconds);
  }

  /**
   * Trial {@code trial}'s seed, scrambled (SplitMix64's finalizer): {@link Random}s seeded with
   * neighbouring numbers start with nearly the same values.
   */
  private static long seed(int trial) {
    long z = (13L + trial) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /**
   * Forges one mutation into the target's frame, loads it, restores it. Returns null if the load
   * succeeded, "" if it was rejected as documented, else a description of what escaped.
   */
  private String attempt(Target target, Random random, String trial) throws IOException {
    byte[] key = target.key();
    Manifest manifest = target.manifest();
    byte[] manifestBytes = raw.hget(key, bytes("manifest"));
    byte[] manifestCrc = raw.hget(key, bytes("manifest.crc32c"));
    ObjectNode json = (ObjectNode) JSON.readTree(manifestBytes);
    String field = null;
    byte[] chunkBytes = null;
    String mutation;
    if (random.nextInt(8) == 0) {
      mutation = trial + ": " + mutateManifest(json, random);
    } else {
      ChunkEntry chunk = manifest.chunks().get(random.nextInt(manifest.chunks().size()));
      field = chunk.field();
      chunkBytes = raw.hget(key, bytes(field));
      byte[] mutated = mutate(chunkBytes, random);
      mutation = trial + ": chunk " + field + " of " + chunkBytes.length + " bytes mutated";
      forgeChunk(json, field, mutated);
      raw.hset(key, bytes(field), mutated);
    }
    byte[] forged = JSON.writeValueAsBytes(json);
    raw.hset(key, bytes("manifest"), forged);
    raw.hset(key, bytes("manifest.crc32c"), bytes(Checksums.crc32c(forged)));
    try (BufferAllocator child = allocator.newChildAllocator("trial", 0, Long.MAX_VALUE)) {
      try {
        Specimens.call(target.loader(), store, child, target.frame().name(), random);
        return null;
      } catch (CorruptFrameException | LimitExceededException e) {
        return "";
      } catch (RuntimeException | AssertionError e) { // Arrow's asserts, on with -ea
        return escape(target, mutation, e);
      }
    } catch (IllegalStateException leak) { // closing the allocator with buffers outstanding
      return escape(target, mutation, leak);
    } finally {
      if (field != null) {
        raw.hset(key, bytes(field), chunkBytes);
      }
      raw.hset(key, bytes("manifest"), manifestBytes);
      raw.hset(key, bytes("manifest.crc32c"), manifestCrc);
    }
  }

  private static String escape(Target target, String mutation, Throwable e) {
    java.io.StringWriter trace = new java.io.StringWriter();
    e.printStackTrace(new java.io.PrintWriter(trace));
    String where = e.getStackTrace().length > 0 ? e.getStackTrace()[0].toString() : "?";
    return e.getClass().getName()
        + " from "
        + target.loader().name()
        + " at "
        + where
        + "\n  frame "
        + target.frame().name()
        + ", "
        + mutation
        + "\n"
        + trace;
  }

  /** The chunk's entry and the manifest's total size rewritten to match {@code mutated}. */
  private static void forgeChunk(ObjectNode json, String field, byte[] mutated) {
    for (JsonNode chunk : json.get("chunks")) {
      if (chunk.get("field").asText().equals(field)) {
        long delta = mutated.length - chunk.get("bytes").asLong();
        ((ObjectNode) chunk).put("crc32c", Checksums.crc32c(mutated));
        ((ObjectNode) chunk).put("bytes", mutated.length);
        json.put("bytes", json.get("bytes").asLong() + delta);
      }
    }
  }

  private static final long[] EDGES = {
    0,
    1,
    -1,
    2,
    7,
    8,
    255,
    256,
    65_535,
    1 << 20,
    Integer.MAX_VALUE,
    Integer.MIN_VALUE,
    1L << 32,
    Long.MAX_VALUE,
    Long.MIN_VALUE
  };

  /** A copy of {@code bytes} with one of several kinds of damage. */
  static byte[] mutate(byte[] bytes, Random random) {
    byte[] out = bytes.clone();
    int kind = bytes.length < 8 ? 0 : random.nextInt(6);
    switch (kind) {
      case 0 -> {
        for (int flips = 1 + random.nextInt(3); flips > 0 && out.length > 0; flips--) {
          out[random.nextInt(out.length)] = (byte) random.nextInt(256);
        }
      }
      case 1, 2 -> { // a little-endian int or long, aligned as Arrow's are, set to an edge
        int width = kind == 1 ? 4 : 8;
        int at = random.nextInt(out.length / width) * width;
        ByteBuffer buffer = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        long old = width == 4 ? buffer.getInt(at) : buffer.getLong(at);
        long value =
            random.nextBoolean()
                ? EDGES[random.nextInt(EDGES.length)]
                : old + random.nextInt(17) - 8;
        if (width == 4) {
          buffer.putInt(at, (int) value);
        } else {
          buffer.putLong(at, value);
        }
      }
      case 3 -> out = Arrays.copyOf(out, random.nextInt(out.length));
      case 4 -> {
        int at = random.nextInt(out.length + 1);
        byte[] inserted = new byte[1 + random.nextInt(16)];
        random.nextBytes(inserted);
        out = new byte[bytes.length + inserted.length];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(inserted, 0, out, at, inserted.length);
        System.arraycopy(bytes, at, out, at + inserted.length, bytes.length - at);
      }
      default -> {
        int at = random.nextInt(out.length);
        int length = 1 + random.nextInt(Math.min(64, out.length - at));
        out = new byte[bytes.length - length];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(bytes, at + length, out, at, bytes.length - at - length);
      }
    }
    return out;
  }

  /**
   * Changes one number of the manifest (a row count, a chunk's first row or columns, a dimension of
   * an array's shape...) or one character of a property (the Arrow schema, a dtype). Left alone:
   * the fields core checks against the version itself (name, version, id) and the codec, which
   * picks the loader.
   */
  private static String mutateManifest(ObjectNode json, Random random) {
    List<Object[]> numbers = new ArrayList<>();
    List<Object[]> texts = new ArrayList<>();
    collect(json, "", numbers, texts);
    boolean number = texts.isEmpty() || random.nextInt(3) > 0;
    Object[] slot =
        (number ? numbers : texts).get(random.nextInt((number ? numbers : texts).size()));
    ContainerNode<?> parent = (ContainerNode<?>) slot[0];
    Object at = slot[1];
    JsonNode value;
    if (number) {
      long old = ((JsonNode) slot[2]).asLong();
      long changed =
          random.nextBoolean() ? EDGES[random.nextInt(EDGES.length)] : old + random.nextInt(9) - 4;
      value = JSON.getNodeFactory().numberNode(changed);
    } else {
      String old = ((JsonNode) slot[2]).asText();
      char[] chars = old.isEmpty() ? new char[] {'x'} : old.toCharArray();
      String replacements = "AZaz09+/=-[]{}\",:<f8i4";
      chars[random.nextInt(chars.length)] =
          replacements.charAt(random.nextInt(replacements.length()));
      value = TextNode.valueOf(new String(chars));
    }
    if (parent instanceof ObjectNode object) {
      object.set((String) at, value);
    } else {
      ((ArrayNode) parent).set((Integer) at, value);
    }
    return "manifest " + slot[3] + " set to " + value;
  }

  private static void collect(
      JsonNode node, String path, List<Object[]> numbers, List<Object[]> texts) {
    if (node instanceof ObjectNode object) {
      for (Map.Entry<String, JsonNode> entry : object.properties()) {
        String name = entry.getKey();
        String child = path + "/" + name;
        if (path.isEmpty()
            && List.of("layout", "name", "version", "id", "codec", "codecVersion").contains(name)) {
          continue;
        }
        add(object, name, entry.getValue(), child, numbers, texts);
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        add(array, i, array.get(i), path + "/" + i, numbers, texts);
      }
    }
  }

  private static void add(
      ContainerNode<?> parent,
      Object at,
      JsonNode value,
      String path,
      List<Object[]> numbers,
      List<Object[]> texts) {
    if (value.isNumber()) {
      numbers.add(new Object[] {parent, at, value, path});
    } else if (value.isTextual() && path.startsWith("/properties")) {
      texts.add(new Object[] {parent, at, value, path});
    } else {
      collect(value, path, numbers, texts);
    }
  }
}
