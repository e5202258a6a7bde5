/**
 * redframe jobs: a queue of delayed jobs and the workers that run them, in the same Redis as the
 * frames they read and write. See {@link io.redframe.jobs.JobQueue} and {@link
 * io.redframe.jobs.Worker}.
 */
module io.redframe.jobs {
  requires transitive io.redframe.core;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.datatype.jsr310;
  requires com.cronutils;
  // Optional: redframe.describe, registered only when the Tablesaw adapter is present.
  requires static io.redframe.tablesaw;

  exports io.redframe.jobs;

  uses io.redframe.jobs.JobHandler;

  opens io.redframe.jobs.internal to
      com.fasterxml.jackson.databind;
}
