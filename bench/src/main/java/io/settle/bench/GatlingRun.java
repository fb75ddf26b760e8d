package io.settle.bench;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;

import io.gatling.app.Gatling$;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.CheckBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/** Runs one Gatling simulation in this JVM; its HTML report goes under the given folder. */
final class GatlingRun {

    private static final String RESPONSE_TIME = "responseTimeMillis";

    private GatlingRun() {
    }

    static void run(Class<? extends Simulation> simulation, LoadPlan plan, Path folder) throws IOException {
        LoadPlan.use(plan);
        Files.createDirectories(folder);
        int status = Gatling$.MODULE$.fromArgs(new String[] {
                "--simulation", simulation.getName(),
                "--results-folder", folder.toAbsolutePath().toString(),
                "--run-description", "Settle bench: " + simulation.getSimpleName()});
        if (status != 0) {
            throw new IllegalStateException("Gatling run of " + simulation.getSimpleName() + " ended with status " + status);
        }
    }

    /**
     * {@code request} with {@code checks}, then its answer into {@code plan}'s tally of the request's name: OK
     * with Gatling's response time when the request succeeded and every check passed (the session is not
     * failed), KO otherwise. {@code onOk} then sees the session with what the checks saved. The session is
     * marked as succeeded again afterwards, so one failure does not count against the next request.
     */
    static ChainBuilder recorded(LoadPlan plan, String name, HttpRequestActionBuilder request, Consumer<Session> onOk,
                                 CheckBuilder... checks) {
        List<CheckBuilder> all = new ArrayList<>();
        all.add(responseTimeInMillis().saveAs(RESPONSE_TIME));
        all.addAll(Arrays.asList(checks));
        Tally tally = plan.tally(name);
        return exec(request.check(all)).exec(session -> {
            if (!session.isFailed() && session.contains(RESPONSE_TIME)) {
                tally.ok(session.getInt(RESPONSE_TIME));
                onOk.accept(session);
            } else {
                tally.failed();
            }
            return session.remove(RESPONSE_TIME).markAsSucceeded();
        });
    }
}
