package io.jattachstat.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Run by docs/console-screenshot.sh (from src-test/): the screenshot of docs/console.md, taken in a
 * real JConsole under Xvfb on the demo's socket zoo; then the Sockets tab's refresh time on the
 * event thread with a JVM holding {@code sockets} sockets, over ten refreshes.
 */
public final class ConsoleShots {
    private static final Pattern EDT = Pattern.compile("rows=(\\d+) .* edtMillis=([\\d.]+)");

    public static void main(String[] args) throws Exception {
        Path png = Path.of(args[0]).toAbsolutePath();
        int sockets = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        Path jdk = Path.of(System.getProperty("java.home"));
        try (ForkedJvm zoo = ForkedJvm.start(jdk, List.of("-javaagent:" + Zoo.agentJar()), Tools.cliJar().toString(),
                "io.jattachstat.cli.demo.SocketZoo");
             JConsoleSession console = JConsoleSession.start(jdk, zoo.pid(), png)) {
            console.awaitReport("agent=yes");
            console.awaitScreenshot();
            System.out.println("screenshot: " + png + " (" + Files.size(png) + " bytes)");
        }
        try (ForkedJvm farm = ForkedJvm.start(jdk, List.of("-javaagent:" + Zoo.agentJar()), Tools.cliJar().toString(),
                "io.jattachstat.bench.SocketFarm", Integer.toString(sockets));
             JConsoleSession console = JConsoleSession.start(jdk, farm.pid(), null)) {
            List<Double> millis = new ArrayList<>();
            String last = "";
            while (millis.size() < 10) {
                String report = console.awaitReport("agent=yes rows=");
                if (!report.equals(last)) {
                    Matcher m = EDT.matcher(report);
                    if (m.find() && Integer.parseInt(m.group(1)) >= sockets) {
                        millis.add(Double.parseDouble(m.group(2)));
                    }
                    last = report;
                }
                Thread.sleep(300);
            }
            Collections.sort(millis);
            System.out.printf("%d sockets: refresh on the event thread, 10 refreshes: median %.1f ms, max %.1f ms%n",
                    sockets, millis.get(5), millis.get(9));
        }
    }
}
