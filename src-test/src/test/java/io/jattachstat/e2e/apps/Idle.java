package io.jattachstat.e2e.apps;

/**
 * Does nothing, with no socket of its own: prints READY and lives until its stdin closes; with
 * {@code exit} it returns from main two seconds after READY instead (an agent thread must not keep
 * the JVM alive); with {@code squat} it first registers an MBean under the agent's own name.
 */
public final class Idle {
    public interface SquatterMBean {
        int getValue();
    }

    public static final class Squatter implements SquatterMBean {
        @Override
        public int getValue() {
            return 42;
        }
    }

    public static void main(String[] args) throws Exception {
        boolean exit = args.length > 0 && args[0].equals("exit");
        if (args.length > 0 && args[0].equals("squat")) {
            java.lang.management.ManagementFactory.getPlatformMBeanServer()
                    .registerMBean(new Squatter(), new javax.management.ObjectName("jattachstat:type=Sockets"));
        }
        System.out.println("READY " + ProcessHandle.current().pid());
        System.out.flush();
        if (exit) {
            Thread.sleep(2000);
            return;
        }
        while (System.in.read() >= 0) {
            Thread.onSpinWait();
        }
    }
}
