#!/usr/bin/env bash
# What the agent's own threads cost an idle JVM, against the host's socket count: an IPv4-only
# target owning 1000 loopback sockets on a host holding 100k and 200k, with the agent's defaults
# (its unasked checks ask the kernel per fd) and with jna=false (they read /proc, as the netstat
# views do); then the agent's per-fd read of the JVM's 1000 sockets, and jattachstat --summary
# through the agent against lsof -i. Needs root (a private network namespace, so only its own
# sockets are counted). About 8 minutes.
#   bench/idle-bench.sh [SIZES [SECONDS]]      e.g. bench/idle-bench.sh 100000,200000 60 (the default)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q package -DskipTests
exec unshare -n sh -c 'ip link set lo up && exec "$0" "$@"' \
  "${JAVA:-java}" -cp src-test/target/test-classes:attach-cli/target/jattachstat.jar \
  io.jattachstat.bench.IdleBenchmark "$PWD/agent/target/jattachstat-agent.jar" "$PWD/attach-cli/target/jattachstat" \
  "${1:-100000,200000}" "${2:-60}"
