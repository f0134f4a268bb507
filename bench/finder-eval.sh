#!/usr/bin/env bash
# Quality of the duplicate finder on the labelled evaluation set
# (src/test/resources/registry/eval/finder-eval.json): precision@1, recall@5, and pairwise
# precision/recall at the cluster threshold (or at the threshold given).
#   bash bench/finder-eval.sh [threshold]
set -euo pipefail
cd "$(dirname "$0")/.."
set -f
. .mvn/select-jdk.sh
set +f
./mvnw -q -B -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath \
  -Dmdep.includeScope=test
"$JAVA_HOME/bin/java" -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  org.unigov.registry.similarity.FinderEvaluation "${1:-0.5}" 2>/dev/null
