#!/usr/bin/env bash
# Exchange gateway benchmark (issue 5): a 1.2 KB JSON record served by nginx directly (A), through
# a one-worker nginx reverse proxy (B) and through the Unigov gateway with token, grant, field
# filter, rate limit and durable access log (C); wrk throughput at one connection count, then hey
# p50/p99 of B and C at half of C's maximum. Installs nginx, wrk and hey (Debian) when missing.
#   bash bench/exchange.sh [seconds] [connections]     (default 20 64; BENCH_HEAP sets -Xmx, default 2g)
missing=""
for tool in nginx wrk hey; do command -v "$tool" >/dev/null || missing="$missing $tool"; done
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq $missing >/dev/null;
  else echo "install:$missing (sudo apt-get install$missing)"; exit 1; fi
fi
. "$(dirname "$0")/lib.sh"
run_benchmark org.unigov.exchange.gateway.ExchangeBenchmark exchange "${BENCH_HEAP:-2g}" "$@"
