package io.jattachstat.e2e.probe;

import com.sun.tools.attach.VirtualMachine;

import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/** Connects to a local JVM's platform MBean server the way JConsole does: Attach API, local management agent. */
final class LocalJmx {
    private LocalJmx() {
    }

    static JMXConnector connect(String pid) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(pid);
        String url = vm.startLocalManagementAgent();
        vm.detach();
        return JMXConnectorFactory.connect(new JMXServiceURL(url));
    }
}
