package io.jattachstat.e2e;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ways docs/kubernetes.md gives, each run the way Kubernetes would, with Linux namespaces: the
 * application is the zoo as pid 1 of its own pid, mount and network namespaces (a pod's container),
 * run as a user of its own. What the tools print is checked against the real netstat in the pod's
 * network namespace, where the zoo is alone.
 */
class KubernetesWaysTest {
    /**
     * The debug container's root: a file system of its own (a tmpfs) holding the system's programs
     * and the checkout bound in, a fresh /proc of the pod's pid namespace and an empty /tmp. Its
     * arguments: the checkout's path, then the command to run in it.
     */
    private static final String DEBUG_ROOT = String.join("\n", "set -e",
            "checkout=$1; shift",
            "root=/mnt", // a tmpfs over it, in this mount namespace only: nothing is left behind
            "mount -t tmpfs tmpfs \"$root\"",
            "for d in usr etc bin sbin lib lib64 dev; do",
            "  if [ -e /$d ]; then mkdir -p \"$root/$d\"; mount --rbind /$d \"$root/$d\"; fi",
            "done",
            "mkdir -p \"$root/proc\" \"$root/tmp\" && mount -t proc proc \"$root/proc\" && chmod 1777 \"$root/tmp\"",
            "mkdir -p \"$root$checkout\" && mount --rbind \"$checkout\" \"$root$checkout\"",
            "exec chroot \"$root\" \"$@\"");

    /** The agent jar as an image would carry it: a file every user may read. */
    private static Path imageAgentJar() {
        return Users.readableCopy(Zoo.agentJar());
    }

    /** {@code env: JAVA_TOOL_OPTIONS=-javaagent:...}: the agent starts with the application, no image change. */
    @Test
    void theAgentThroughJavaToolOptions() throws Exception {
        try (Zoo pod = Zoo.startInPod(Tools.jdk17(), List.of(), Users.VICTIM,
                Map.of("JAVA_TOOL_OPTIONS", "-javaagent:" + imageAgentJar()))) {
            assertThat(pod.stderr()).contains("Picked up JAVA_TOOL_OPTIONS: -javaagent:");
            String agent = AgentOriginsTest.cli(Tools.jdk17(), pod.pid(), "--agent").out();
            assertThat(agent).contains("loaded by:    -javaagent");
            assertSameRowsAsNetstat(pod, AgentOriginsTest.cli(Tools.jdk17(), pod.pid(), "-tlnW").out());
        }
    }

    /**
     * {@code kubectl exec pod -- java -jar /opt/jattachstat-agent.jar 1 --leaks}: into the pod's
     * namespaces, as the application's user, the agent jar from the image run as the CLI against pid 1,
     * which has no agent yet: the CLI loads that same jar into it.
     */
    @Test
    void kubectlExecRunsTheAgentJarAgainstPidOne() throws Exception {
        try (Zoo pod = Zoo.startInPod(Tools.jdk17(), List.of(), Users.VICTIM, Map.of())) {
            Tools.Result view = exec(pod, "-tlnW");
            assertThat(view.status()).as(view.err()).isZero();
            assertSameRowsAsNetstat(pod, view.out());
            Tools.Result leaks = exec(pod, "--leaks");
            assertThat(leaks.status()).as(leaks.err()).isZero();
            assertThat(leaks.out()).contains("CLOSE_WAIT");
            assertThat(exec(pod, "--agent").out()).contains("loaded by:    dynamic attach");
        }
    }

    /**
     * {@code kubectl debug -it pod --image=... --target=app}: an ephemeral container with a root file
     * system (and /tmp) of its own that shares the pod's pid and network namespaces runs the CLI, as
     * root, against pid 1. It reaches the application's /tmp through /proc/1/root, where it puts the
     * agent jar and finds the agent's socket (and the JDK's attach, its own socket).
     */
    @Test
    void anEphemeralDebugContainerRunsTheCli() throws Exception {
        try (Zoo pod = Zoo.startInPod(Tools.jdk17(), List.of(), Users.VICTIM, Map.of())) {
            // JDK 17's attach looks for the JVM's socket in its own /tmp when it shares the target's
            // pid namespace (JDK-8327114): the CLI says so in one line and reads /proc/1, same rows.
            Tools.Result on17 = debug(pod, Tools.jdk17(), "-tlnW");
            assertThat(on17.status()).as(on17.err()).isZero();
            assertThat(on17.err()).contains("cannot attach to 1").contains("reading /proc/1 directly").hasLineCount(1);
            assertSameRowsAsNetstat(pod, on17.out());
            // A newer JDK in the debug image looks in /proc/1/root/tmp: through the agent the CLI loaded.
            Tools.Result on25 = debug(pod, Tools.jdk25(), "-tlnW");
            assertThat(on25.status()).as(on25.err()).isZero();
            assertThat(on25.err()).as("through the agent, not /proc").doesNotContain("reading /proc");
            assertSameRowsAsNetstat(pod, on25.out());
            assertThat(debug(pod, Tools.jdk25(), "--agent").out()).contains("loaded by:    dynamic attach");
        }
    }

    /** The launcher, on {@code jdk}, run as root in a debug container of the pod. */
    private static Tools.Result debug(Zoo pod, Path jdk, String... args) {
        Path checkout = Tools.launcher().getParent().getParent().getParent();
        List<String> command = new ArrayList<>(List.of("nsenter", "-t", Long.toString(pod.pid()), "-p", "-n", "--",
                "unshare", "-m", "--fork", "sh", "-c", DEBUG_ROOT, "sh", checkout.toString(),
                Tools.launcher().toString(), "1"));
        command.addAll(List.of(args));
        return Tools.run(command, Map.of("JAVA_HOME", jdk.toString()));
    }

    /** The CLI run inside the pod as {@code kubectl exec} runs it: its namespaces, its user. */
    private static Tools.Result exec(Zoo pod, String... args) {
        List<String> command = new ArrayList<>(List.of("nsenter", "-t", Long.toString(pod.pid()), "-m", "-p", "-n",
                "--"));
        command.addAll(Users.as(Users.VICTIM, List.of(Tools.jdk17().resolve("bin/java").toString(), "-jar",
                imageAgentJar().toString(), "1")));
        command.addAll(List.of(args));
        return Tools.run(command, Map.of());
    }

    private static void assertSameRowsAsNetstat(Zoo pod, String view) {
        Tools.Result netstat = pod.netstat(List.of("-tlnW"));
        assertThat(view).isEqualTo(netstat.out());
    }
}
