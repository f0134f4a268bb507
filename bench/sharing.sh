#!/usr/bin/env bash
# Deadline benchmark: 100,000 open sharing requests on the real application and embedded
# PostgreSQL (var/bench-sharing, emptied each run): working-day arithmetic alone, and the full
# recomputation after a calendar change. Target: ≤ 1 s.
#   bash bench/sharing.sh [requests]     (default 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
set -f
. .mvn/select-jdk.sh
set +f
./mvnw -q -B -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath \
  -Dmdep.includeScope=test
mkdir -p var/bench
"$JAVA_HOME/bin/java" -Xmx3g -XX:+UseParallelGC \
  -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  org.unigov.sharing.SharingBenchmark "$@" 2>&1 | tee var/bench/sharing.log
