/**
 * redframe Tablesaw adapter: Tablesaw tables in a redframe store (Arrow or JSON Table Schema), in
 * memory as Arrow, as JSON documents, and through Tablesaw's own reader and writer registries.
 */
module io.redframe.tablesaw {
  requires transitive io.redframe.arrow;
  // Tablesaw's jar has no module descriptor: its automatic module name comes from the jar's name.
  requires transitive tablesaw.core;
  // Tablesaw needs these named modules at run time but, automatic, cannot require them: its Table
  // class scans for readers with ClassGraph when it loads, and selections are RoaringBitmaps.
  requires io.github.classgraph;
  requires roaringbitmap;
  requires com.fasterxml.jackson.core;
  requires it.unimi.dsi.fastutil;

  exports io.redframe.tablesaw;
  exports tech.tablesaw.io.redframe;

  provides io.redframe.spi.Codec with
      io.redframe.tablesaw.internal.JsonTableDescriptor;
  provides io.redframe.arrow.spi.TabularDecoder with
      io.redframe.tablesaw.internal.JsonTableArrow;
}
