/**
 * The codec SPI: how a module that knows a data type (Arrow, Tablesaw, numeric arrays) stores it
 * through a {@link io.redframe.FrameStore} without the store knowing the type.
 *
 * <p>A save runs a {@link io.redframe.spi.FrameEncoder} that writes chunks to a {@link
 * io.redframe.spi.ChunkSink}; the store pipelines them into a new version and publishes it
 * atomically with a manifest built from the {@link io.redframe.spi.EncodedFrame}. A load runs a
 * {@link io.redframe.spi.FrameDecoder} that reads the {@link io.redframe.Manifest}, picks the
 * chunks it needs and pulls them from a {@link io.redframe.spi.ChunkSource}, which checks each
 * chunk's length and checksum before handing it out.
 */
package io.redframe.spi;
