package io.redframe.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.redframe.FrameRef;
import io.redframe.FrameStore;
import io.redframe.jobs.Job;
import io.redframe.jobs.JobQueue;
import io.redframe.jobs.JobStatus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code redframe jobs info QUEUE ID}: the job as JSON. */
@Command(
    name = "info",
    description =
        "Print a job as JSON: status, attempts, times, worker, arguments, frame arguments with"
            + " their pinned versions, dependencies, error, progress, and the result or result"
            + " frame.")
final class JobsInfoCommand implements Callable<Integer> {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @ParentCommand JobsCommand jobs;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "QUEUE")
  String queue;

  @Parameters(index = "1", paramLabel = "ID")
  String id;

  @Override
  public Integer call() throws JsonProcessingException {
    try (FrameStore store = jobs.open()) {
      JobQueue q = JobsCommand.queue(spec.commandLine(), store, queue);
      Job job = JobsCommand.job(q, id);
      spec.commandLine().getOut().println(JSON.writeValueAsString(document(q, job)));
    }
    return 0;
  }

  static Map<String, Object> document(JobQueue queue, Job job) throws JsonProcessingException {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", job.id());
    out.put("queue", job.queue());
    out.put("handler", job.handler());
    out.put("status", job.status().text());
    out.put("attempts", job.attempts());
    out.put("enqueuedAt", job.enqueuedAt().toString());
    out.put("startedAt", job.startedAt().map(Instant::toString).orElse(null));
    out.put("endedAt", job.endedAt().map(Instant::toString).orElse(null));
    out.put("worker", job.worker().orElse(null));
    out.put("args", JSON.readTree(job.argsJson()));
    Map<String, String> frames = new LinkedHashMap<>();
    job.frames().forEach((arg, ref) -> frames.put(arg, ref.durable()));
    out.put("frames", frames);
    out.put("dependsOn", job.dependsOn());
    out.put("error", job.error().orElse(null));
    out.put("progress", job.progress().isPresent() ? JSON.readTree(job.progress().get()) : null);
    if (job.status() == JobStatus.FINISHED) {
      Optional<FrameRef> frame = queue.resultFrame(job.id());
      if (frame.isPresent()) {
        out.put("resultFrame", frame.get().durable());
      } else {
        Optional<String> json = queue.resultJson(job.id());
        out.put("result", json.isPresent() ? JSON.readTree(json.get()) : null);
      }
    }
    return out;
  }
}
