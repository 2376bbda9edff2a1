#!/usr/bin/env bash
# jattachstat --no-attach against netstat, ss and lsof on a host full of loopback sockets.
#   bench/socket-bench.sh [SIZES]      e.g. bench/socket-bench.sh 1000,10000,50000,100000 (the default)
# Needs root (it works in a private network namespace, so only its own sockets are counted),
# netstat, ss and lsof. Prints one table; docs/performance.md has a run and how to read it.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q package -DskipTests
exec unshare -n sh -c 'ip link set lo up && exec "$0" "$@"' \
  "${JAVA:-java}" -cp src-test/target/test-classes:attach-cli/target/jattachstat.jar \
  io.jattachstat.bench.SocketBenchmark attach-cli/target/jattachstat "${1:-1000,10000,50000,100000}"
