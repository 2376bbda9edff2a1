#!/usr/bin/env bash
# What the agent costs: JVM start with -javaagent, jattachstat through the agent against
# jcmd VM.version, and the first attach that loads the agent. On JDK 17 and Temurin 25.
#   bench/agent-bench.sh [JDK ...]     (default: the java on PATH's JDK and /usr/lib/jvm/temurin-25-jdk-amd64)
# Runs in a private network namespace (root): the target JVMs' sockets are their own.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q package -DskipTests
if [ $# -eq 0 ]; then
  set -- "$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")" /usr/lib/jvm/temurin-25-jdk-amd64
fi
exec unshare -n sh -c 'ip link set lo up && exec "$0" "$@"' \
  java -cp src-test/target/test-classes:attach-cli/target/jattachstat.jar \
  io.jattachstat.bench.AgentBenchmark attach-cli/target/jattachstat agent/target/jattachstat-agent.jar "$@"
