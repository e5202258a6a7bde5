/**
 * The JDBC driver {@code jdbc:redframe:<store url>}: SQL (DuckDB's dialect) over the frames of a
 * store. {@link io.redframe.jdbc.RedframeDriver} is the entry point; {@link
 * io.redframe.jdbc.DriverOption} lists its options beside the store's.
 *
 * <p>How it works: each connection owns an in-memory DuckDB database with the table function {@code
 * redframe_scan(name [, version := N])} registered. Before DuckDB runs a statement, the driver has
 * DuckDB parse it and replaces every table reference that names a frame by that function, so {@code
 * "weather"} and {@code "weather@3"} read the frame's current version and its version 3. The
 * function declares the columns from the manifest and fetches, batch by batch, only the chunks of
 * the columns DuckDB projects. Each execution resolves every frame it names once and pins that
 * version until it ends, so a self-join reads one version.
 */
package io.redframe.jdbc;
