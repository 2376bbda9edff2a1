#!/usr/bin/env bash
# What scraping the agent's Micrometer meters costs: 100 scrapes a second for 10 seconds in a JVM
# holding SOCKETS loopback sockets (default 2000), on JDK 17 and Temurin 25. Prints /proc reads
# against the refresh interval's allowance and the time of one scrape; fails if /proc was read more
# than once per refresh interval.
#   bench/metrics-bench.sh [JDK ...]     (default: the java on PATH's JDK and /usr/lib/jvm/temurin-25-jdk-amd64)
# Runs in a private network namespace (root): the JVM's sockets are its own.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q package -DskipTests
mvn -B -q -pl src-test test-compile
if [ $# -eq 0 ]; then
  set -- "$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")" /usr/lib/jvm/temurin-25-jdk-amd64
fi
libs=$(ls src-test/target/metrics-libs/*.jar | tr '\n' ':')
for jdk in "$@"; do
  echo "== $jdk"
  unshare -n sh -c 'ip link set lo up && exec "$0" "$@"' \
    "$jdk/bin/java" -javaagent:agent/target/jattachstat-agent.jar -cp "src-test/target/test-classes:$libs" \
    io.jattachstat.bench.MetricsBenchmark "${SOCKETS:-2000}"
done
