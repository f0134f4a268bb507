#!/usr/bin/env bash
# Project governance benchmark (issue 6): 50,000 projects and 500,000 review steps generated on the
# real application and embedded PostgreSQL (var/bench-projects, emptied each run); the review queue
# and the portfolio over real HTTP. Target: p95 ≤ 200 ms.
#   bash bench/projects.sh [projects] [requests]     (default 50000 300)
. "$(dirname "$0")/lib.sh"
run_benchmark org.unigov.projects.ProjectsBenchmark projects 2g "$@"
