/**
 * For codec authors: how a tabular codec other than Arrow IPC makes its frames readable as Arrow
 * ({@link io.redframe.arrow.spi.TabularDecoder}, found by {@link java.util.ServiceLoader}) and
 * records its Arrow schema in the manifest ({@link io.redframe.arrow.spi.ArrowSchemas}).
 */
package io.redframe.arrow.spi;
