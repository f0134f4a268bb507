#!/usr/bin/env bash
# Start-up benchmark: time from launching the JVM to readiness (/actuator/health/readiness = UP)
# with an existing data directory, and resident memory of the JVM once ready.
#   bash bench/startup.sh [runs]        (default 5 runs; results also in var/bench/startup.tsv)
# Runs the production layout (the jar extracted with Spring Boot's jarmode tools, as
# docs/operations.md recommends) with the same JVM options as the README's run command.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
port=${BENCH_PORT:-18080}
data=var/bench
JVM_OPTS=${JVM_OPTS:-"-Xms128m -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto"}

set -f
. .mvn/select-jdk.sh
set +f
java="$JAVA_HOME/bin/java"
./mvnw -q -B -DskipTests package
mkdir -p "$data"
rm -rf "$data/app"
"$java" -Djarmode=tools -jar target/unigov.jar extract --destination "$data/app" >/dev/null

start() {
  UNIGOV_DATA_DIR=$data SERVER_PORT=$port "$java" $JVM_OPTS -jar "$data/app/unigov.jar" >"$data/run.log" 2>&1 &
  pid=$!
}
wait_ready() {
  for _ in $(seq 1 1200); do
    if curl -sf "http://127.0.0.1:$port/actuator/health/readiness" 2>/dev/null | grep -q '"UP"'; then return 0; fi
    kill -0 "$pid" 2>/dev/null || { echo "the application died; see $data/run.log" >&2; exit 1; }
    sleep 0.05
  done
  echo "not ready after 60 s" >&2; exit 1
}
stop() { kill -TERM "$pid"; wait "$pid" 2>/dev/null || true; }

# First start creates and seeds the data directory; it is not measured.
if [ ! -d "$data/pg-data" ]; then start; wait_ready; stop; fi

echo -e "run\tready_ms\tjvm_rss_mb\tpostgres_rss_mb" | tee "$data/startup.tsv"
for run in $(seq 1 "$runs"); do
  t0=$(date +%s%N)
  start
  wait_ready
  t1=$(date +%s%N)
  sleep 1
  rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  pg_kb=$(ps -o rss= --ppid "$(pgrep -f "$(pwd)/$data/pg-bin" | head -n 1 || echo 0)" 2>/dev/null | awk '{s+=$1} END {print s+0}')
  pg_main=$(pgrep -f "$(pwd)/$data/pg-bin/bin/postgres" | head -n 1 || true)
  [ -n "$pg_main" ] && pg_kb=$((pg_kb + $(awk '/VmRSS/ {print $2}' "/proc/$pg_main/status")))
  printf "%s\t%s\t%s\t%s\n" "$run" $(((t1 - t0) / 1000000)) $((rss_kb / 1024)) $((pg_kb / 1024)) | tee -a "$data/startup.tsv"
  stop
done
awk -F'\t' 'NR > 1 {t += $2; m += $3; n++; if ($2 > tmax) tmax = $2; if ($3 > mmax) mmax = $3}
  END {printf "mean ready %.0f ms (max %d), mean JVM RSS %.0f MB (max %d) over %d runs\n", t / n, tmax, m / n, mmax, n}' "$data/startup.tsv"
echo "machine: $(nproc) cores, $("$java" -version 2>&1 | head -n 1)"
