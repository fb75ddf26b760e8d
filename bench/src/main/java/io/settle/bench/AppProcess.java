package io.settle.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The app as its own process ({@code java -jar}), so cold start and RSS are the real thing. */
final class AppProcess implements AutoCloseable {

    /** The first line of a mapping in {@code /proc/<pid>/smaps}: its address range, then its permissions. */
    private static final Pattern MAPPING = Pattern.compile("[0-9a-f]+-[0-9a-f]+ ([rwxps-]{4}) ");

    private final Process process;
    private final long startedNanos;

    private List<ProcessHandle> startedByApp = List.of();
    /** Stops the app when the bench's JVM is stopped (Ctrl-C, SIGTERM) before {@link #close} ran. */
    private final Thread stopWithBench = new Thread(this::closeOnExit, "stop-app-with-bench");

    private AppProcess(Process process, long startedNanos) {
        this.process = process;
        this.startedNanos = startedNanos;
    }

    static AppProcess start(Path jar, List<String> javaOptions, Map<String, String> env, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaOptions);
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        Files.createDirectories(log.getParent());
        long started = System.nanoTime();
        AppProcess app = new AppProcess(builder.start(), started);
        Runtime.getRuntime().addShutdownHook(app.stopWithBench);
        return app;
    }

    /** Seconds from process start until {@code /actuator/health} answers UP. */
    double awaitHealthy(Http http, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the app exited with " + process.exitValue() + " (see its log)");
            }
            try {
                Http.Response health = http.get("/actuator/health", null);
                if (health.ok() && "UP".equals(health.body().path("status").asText())) {
                    startedByApp = process.descendants().toList(); // its embedded PostgreSQL, if it has one
                    return (System.nanoTime() - startedNanos) / 1e9;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the app was not UP within " + timeout);
    }

    long pid() {
        return process.pid();
    }

    /**
     * A full collection in the app, through {@code jcmd <pid> GC.class_histogram} (which collects before it
     * counts), so that the heap in use afterwards is what is live; the histogram goes to {@code histogram}.
     */
    void fullCollection(Path histogram) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process gc = new ProcessBuilder(jcmd.toString(), Long.toString(pid(), 10), "GC.class_histogram")
                .redirectErrorStream(true).redirectOutput(histogram.toFile()).start();
        if (!gc.waitFor(2, TimeUnit.MINUTES) || gc.exitValue() != 0) {
            throw new IOException("jcmd GC.class_histogram did not complete");
        }
    }

    /** kB values of /proc/&lt;pid&gt;/status: VmRSS (now) and VmHWM (peak). */
    long[] rssKb() throws IOException {
        long rss = -1;
        long peak = -1;
        File status = new File("/proc/" + process.pid() + "/status");
        if (!status.exists()) {
            return new long[] {-1, -1};
        }
        for (String line : Files.readAllLines(status.toPath())) {
            if (line.startsWith("VmRSS:")) {
                rss = Long.parseLong(line.replaceAll("\\D", ""));
            } else if (line.startsWith("VmHWM:")) {
                peak = Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return new long[] {rss, peak};
    }

    /**
     * CPU time used so far, in ms: {the app's JVM, its embedded PostgreSQL or -1 without one (an external
     * database)}. The database is the postmaster named in {@code postmasterPid} (its data directory's
     * {@code postmaster.pid}; started through {@code pg_ctl}, it is not among the app's descendants) and the
     * backends it runs now: processes that exited in between are not counted.
     */
    long[] cpuMillis(Path postmasterPid) throws IOException {
        long app = process.toHandle().info().totalCpuDuration().map(Duration::toMillis).orElse(-1L);
        Optional<ProcessHandle> postmaster = postmaster(postmasterPid);
        if (postmaster.isEmpty()) {
            return new long[] {app, -1};
        }
        long database = cpu(postmaster.get());
        for (ProcessHandle backend : postmaster.get().descendants().toList()) {
            database += cpu(backend);
        }
        return new long[] {app, database};
    }

    /**
     * Memory of the embedded PostgreSQL (see {@link #cpuMillis}) in kB, from each process's
     * {@code /proc/<pid>/smaps}: {the sum of its processes' Pss (shared buffers counted once, split between the
     * processes that touched them), the largest private memory of one process outside shared mappings (a
     * backend's plans, caches and work memory)}; {-1, -1} without an embedded database. Shared buffers that only
     * one backend touched count as that process's private memory, so shared mappings are left out of the second.
     */
    long[] databaseMemoryKb(Path postmasterPid) throws IOException {
        Optional<ProcessHandle> postmaster = postmaster(postmasterPid);
        if (postmaster.isEmpty()) {
            return new long[] {-1, -1};
        }
        long pss = 0;
        long largestPrivate = 0;
        for (ProcessHandle p : Stream.concat(postmaster.stream(), postmaster.get().descendants()).toList()) {
            long privateKb = 0;
            boolean sharedMapping = false;
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(p.pid()), "smaps"))) {
                    Matcher mapping = MAPPING.matcher(line);
                    if (mapping.lookingAt()) {
                        sharedMapping = mapping.group(1).endsWith("s");
                    } else if (line.startsWith("Pss:")) {
                        pss += Long.parseLong(line.replaceAll("\\D", ""));
                    } else if (!sharedMapping
                            && (line.startsWith("Private_Clean:") || line.startsWith("Private_Dirty:"))) {
                        privateKb += Long.parseLong(line.replaceAll("\\D", ""));
                    }
                }
            } catch (IOException e) {
                continue; // the process exited in between
            }
            largestPrivate = Math.max(largestPrivate, privateKb);
        }
        return new long[] {pss, largestPrivate};
    }

    /** The embedded PostgreSQL's postmaster, named in its data directory's {@code postmaster.pid}, if it runs. */
    private static Optional<ProcessHandle> postmaster(Path postmasterPid) throws IOException {
        if (!Files.isRegularFile(postmasterPid)) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(Files.readAllLines(postmasterPid).get(0).trim()));
    }

    private static long cpu(ProcessHandle process) {
        return process.info().totalCpuDuration().map(Duration::toMillis).orElse(0L);
    }

    /**
     * Stops the app, then anything it started that outlived it: after a crash, its embedded PostgreSQL kept
     * running and the next run's app could not start its own (docs/benchmarks.md, "Known problems"). Also runs
     * when the bench's JVM is stopped first; only a bench killed with SIGKILL leaves the app behind.
     */
    @Override
    public void close() throws InterruptedException {
        try {
            Runtime.getRuntime().removeShutdownHook(stopWithBench);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: this is the hook itself running
        }
        // taken when the app was UP: a crashed app's children are reparented and no longer among its descendants
        List<ProcessHandle> children = new ArrayList<>(startedByApp);
        children.addAll(process.descendants().toList());
        if (process.isAlive()) {
            process.destroy(); // SIGTERM: graceful shutdown stops the embedded PostgreSQL too
            if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
        }
        for (ProcessHandle child : children) {
            if (child.isAlive()) {
                child.destroy();
                try {
                    child.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    child.destroyForcibly();
                }
            }
        }
    }

    private void closeOnExit() {
        try {
            close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
