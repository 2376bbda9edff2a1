#!/usr/bin/env bash
# What the socket hooks cost the application: loopback connect/accept/close and kept-alive
# request/response throughput without the agent, with its defaults and with stacks=always, as
# ratios; and the heap retained per tracked socket. About 6 minutes per JDK.
#   bench/hook-bench.sh [JDK ...]     (default: the java on PATH's JDK and /usr/lib/jvm/temurin-25-jdk-amd64)
# Runs in a private network namespace (root), so that the TIME_WAIT rows it leaves are its own.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q package -DskipTests
if [ $# -eq 0 ]; then
  set -- "$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")" /usr/lib/jvm/temurin-25-jdk-amd64
fi
for jdk in "$@"; do
  unshare -n sh -c 'ip link set lo up && exec "$0" "$@"' \
    java -cp src-test/target/test-classes io.jattachstat.bench.HookBenchmark \
    "$jdk/bin/java" "$PWD/agent/target/jattachstat-agent.jar"
done
