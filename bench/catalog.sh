#!/usr/bin/env bash
# Catalog search benchmark: 1,000,000 generated entries in the same Lucene index the application
# uses (on disk under var/bench-catalog, rebuilt each run); a mix of faceted searches with the
# permission filter of a member of staff. Target: p95 ≤ 100 ms.
#   bash bench/catalog.sh [entries] [queries]     (defaults 1000000 2000)
. "$(dirname "$0")/lib.sh"
run_benchmark org.unigov.catalog.CatalogBenchmark catalog 2g "$@"
