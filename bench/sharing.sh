#!/usr/bin/env bash
# Deadline benchmark: 100,000 open sharing requests on the real application and embedded
# PostgreSQL (var/bench-sharing, emptied each run): working-day arithmetic alone, and the full
# recomputation after a calendar change. Target: ≤ 1 s.
#   bash bench/sharing.sh [requests]     (default 100000)
. "$(dirname "$0")/lib.sh"
run_benchmark org.unigov.sharing.SharingBenchmark sharing 3g "$@"
