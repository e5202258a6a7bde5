package io.redframe.jobs;

import io.redframe.FrameRef;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A snapshot of one job, as {@link JobQueue#job(String)} read it.
 *
 * @param id the job's id
 * @param queue its queue
 * @param handler the handler name it runs
 * @param status where it is
 * @param attempts attempts started so far
 * @param enqueuedAt when it was enqueued (Redis' clock)
 * @param startedAt when its last attempt started, if one did
 * @param endedAt when it ended, if it did
 * @param worker the worker of its last attempt, if any
 * @param error the last error (a failure, a retry's cause, a cancel's reason), if any
 * @param progress the last progress the handler reported, as JSON text, if any
 * @param frames its frame arguments, pinned at enqueue
 * @param dependsOn the jobs it waits for
 * @param argsJson its arguments as JSON text
 */
public record Job(
    String id,
    String queue,
    String handler,
    JobStatus status,
    int attempts,
    Instant enqueuedAt,
    Optional<Instant> startedAt,
    Optional<Instant> endedAt,
    Optional<String> worker,
    Optional<String> error,
    Optional<String> progress,
    Map<String, FrameRef> frames,
    List<String> dependsOn,
    String argsJson) {}
