#!/usr/bin/env bash
# What the socket hooks cost the application: loopback connect/accept/close and kept-alive
# request/response throughput without the agent, with its defaults and with stacks=always, as
# ratios; a blocking read that finds its data without the agent, with it but no wait hooks, and with
# them; and the heap retained per tracked socket. About 12 minutes per JDK. Root: every workload
# JVM runs in a network namespace of its own (unshare -n), so that one run's TIME_WAIT rows cannot
# slow the next.
#   bench/hook-bench.sh [JDK ...]     (default: the java on PATH's JDK and /usr/lib/jvm/temurin-25-jdk-amd64)
#   HOOK_BENCH_PARTS=reads bench/hook-bench.sh    (a subset of connect,traffic,reads,retain)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q package -DskipTests
if [ $# -eq 0 ]; then
  set -- "$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")" /usr/lib/jvm/temurin-25-jdk-amd64
fi
for jdk in "$@"; do
  java -cp src-test/target/test-classes io.jattachstat.bench.HookBenchmark \
    "$jdk/bin/java" "$PWD/agent/target/jattachstat-agent.jar" "${HOOK_BENCH_PARTS:-connect,traffic,reads,retain}"
done
