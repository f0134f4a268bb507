#!/usr/bin/env bash
# Registry benchmark: 100,000 generated systems on the real application and embedded PostgreSQL
# (data in var/bench-registry, emptied each run). Measures similarity-query latency, the
# province-wide duplicate-cluster report and a 10,000-row XLSX import (dry run and real).
#   bash bench/registry.sh [systems] [queries] [import-rows]     (defaults 100000 1000 10000)
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
  org.unigov.registry.RegistryBenchmark "$@" 2>&1 | tee var/bench/registry.log | grep -v "^\s*at \|WARN"
