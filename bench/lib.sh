# Shared by the bench scripts: compile the tests, then run a benchmark's main class on the test
# classpath with the JDK the Maven wrapper selects.
#   run_benchmark <main class> <log name> <heap> [arguments...]
# BENCH_JAVA_OPTS adds JVM options (e.g. for bench/exchange.sh -Dbench.asprof=<async-profiler jar>:
# a CPU profile after the warm-up; -Dbench.soak=N: N 10-second runs with the CPU of every process
# per call; -Dunigov.exchange.log.committers=2); BENCH_GC replaces the collector (default ParallelGC).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
set -f
. .mvn/select-jdk.sh
set +f
run_benchmark() {
  local main="$1" log="$2" heap="$3"
  shift 3
  ./mvnw -q -B -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath \
    -Dmdep.includeScope=test
  mkdir -p var/bench
  "$JAVA_HOME/bin/java" ${BENCH_JAVA_OPTS:-} "-Xmx$heap" ${BENCH_GC:--XX:+UseParallelGC} \
    -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
    "$main" "$@" 2>&1 | tee "var/bench/$log.log" | grep -v "^\s*at \|WARN"
}
