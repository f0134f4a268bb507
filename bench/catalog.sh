#!/usr/bin/env bash
# Catalog search benchmark: 1,000,000 generated entries in the same Lucene index the application
# uses (on disk under var/bench-catalog, rebuilt each run); a mix of faceted searches with the
# permission filter of a member of staff. Target: p95 ≤ 100 ms.
#   bash bench/catalog.sh [entries] [queries]     (defaults 1000000 2000)
set -euo pipefail
cd "$(dirname "$0")/.."
set -f
. .mvn/select-jdk.sh
set +f
./mvnw -q -B -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath \
  -Dmdep.includeScope=test
mkdir -p var/bench
"$JAVA_HOME/bin/java" -Xmx2g -XX:+UseParallelGC \
  -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  org.unigov.catalog.CatalogBenchmark "$@" 2>&1 | tee var/bench/catalog.log
