package io.jattachstat.e2e;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The VisualVM plugin in Debian's real VisualVM 2.1.5 under Xvfb: the NBM the build made is installed
 * into a fresh user directory through Tools > Plugins > Downloaded, as a user would; then a JVM with
 * the agent is opened, and its Sockets tab must show every socket the JVM holds, its listeners, and a
 * screenshot of it (kept in target/).
 */
class VisualVmTest {
    @Test
    void theSocketsTabInstalledFromTheNbmShowsTheJvmsSockets() throws Exception {
        Path nbm = Tools.launcher().getParent().getParent().getParent()
                .resolve("visualvm/target/jattachstat-visualvm.nbm");
        Tools.require(Files.exists(nbm), "the VisualVM plugin, built where Debian's visualvm is installed: " + nbm);
        Path jdk = Tools.jdks().get(0);
        Path screenshot = Path.of("target/visualvm-screenshot.png").toAbsolutePath();
        Files.deleteIfExists(screenshot);
        try (VisualVmSession visualvm = VisualVmSession.start(screenshot)) {
            visualvm.installThroughThePluginsDialog(nbm, Path.of("target/visualvm-installed.png").toAbsolutePath());
            assertThat(visualvm.installedFiles()).containsExactly("config/Modules/io-jattachstat-visualvm.xml",
                    "modules/io-jattachstat-visualvm.jar", "update_tracking/io-jattachstat-visualvm.xml");

            try (ForkedJvm zoo = ForkedJvm.start(jdk, List.of("-javaagent:" + Zoo.agentJar()),
                    Tools.cliJar().toString(), "io.jattachstat.cli.demo.SocketZoo")) {
                int before = ConsoleTest.socketsOf(jdk, zoo.pid()); // before VisualVM adds its JMX connection's
                visualvm.open(zoo.pid());
                ConsoleTest.assertShowsEverySocketOfTheZoo(visualvm.awaitReport("agent=yes"), before);
                assertThat(Files.size(visualvm.awaitScreenshot())).as("a real rendering of the tab")
                        .isGreaterThan(10_000);
                assertThat(visualvm.log()).as("the module turned on, and no exception of its own")
                        .contains("\tio.jattachstat.visualvm [0.1.0 0.1.0]").doesNotContain("at io.jattachstat.")
                        .doesNotContain("SEVERE");
            }
        }
    }
}
