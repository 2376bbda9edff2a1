#!/usr/bin/env bash
# Takes docs/console.png: a real JConsole with the jattachstat plugin, under Xvfb, on the demo's socket
# zoo; then measures the Sockets tab's refresh on the event thread with a JVM of SOCKETS sockets
# (default 10000). Needs Xvfb (Debian package xvfb) and a JDK with jconsole.
#   docs/console-screenshot.sh
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q install -DskipTests
mvn -B -q -pl src-test test-compile
cd src-test
exec java -cp target/test-classes -Djattachstat.launcher=../attach-cli/target/jattachstat \
  io.jattachstat.e2e.ConsoleShots ../docs/console.png "${SOCKETS:-10000}"
