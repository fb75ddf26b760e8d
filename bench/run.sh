#!/usr/bin/env bash
# Settle's benchmark: builds the app and the bench driver, starts the app as its own process on a fresh
# embedded PostgreSQL (or SETTLE_BENCH_DATABASE_URL), measures the database's ceiling and the scenarios of
# docs/benchmarks.md, prints one Markdown table and writes it to bench/results/<date>.md.
#   ./bench/run.sh            the full run (1,000,000 replay events)
#   ./bench/run.sh --quick    short phases and 100,000 replay events, for development
#   ./bench/run.sh --jfr      also records the app with JFR (bench/target/run/app.jfr); implies --no-cds
#   ./bench/run.sh --no-cds   starts the app without the class-data sharing archive (docs/operations.md)
# SETTLE_BENCH_JAVA_OPTS: JVM options of the app process (default below).
set -euo pipefail
cd "$(dirname "$0")/.."
export SETTLE_BENCH_JAVA_OPTS="${SETTLE_BENCH_JAVA_OPTS:--Xmx384m -XX:+UseParallelGC}"
./mvnw -q -B -Pbench -pl app,bench -am package -Dmaven.test.skip=true
# the app runs from the extracted jar, as docs/operations.md recommends: the JVM's class-data sharing archive
# (written by the bench's training start) holds only classes loaded from the class path, not from nested jars
rm -rf bench/target/app
java -Djarmode=tools -jar app/target/settle-app.jar extract --destination bench/target/app
# the load driver is Gatling, run in the bench's JVM; its log writer reads java.lang's internals
exec java --add-opens=java.base/java.lang=ALL-UNNAMED -jar bench/target/settle-bench.jar --app-jar bench/target/app/settle-app.jar "$@"
