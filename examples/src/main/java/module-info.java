/**
 * Small programs that show redframe at work, written against its public API only. They run with the
 * redframe jars on the module path as well as on the class path.
 */
module io.redframe.examples {
  requires io.redframe.tablesaw;

  // Jackson maps the records these programs save through their public accessors.
  exports io.redframe.examples;
}
