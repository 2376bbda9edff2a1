package io.jattachstat.e2e.probe;

import javax.management.Attribute;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;

/**
 * One JMX call with nothing of jattachstat on the class path:
 * {@code JmxCall <pid> <type> <operation> [args]} invokes an operation of {@code jattachstat:type=<type>}
 * (arguments that are digits are ints, the rest Strings) and prints the result (String[] one per line);
 * {@code JmxCall <pid> <type> set <Attribute> <value>} sets a String attribute.
 */
public final class JmxCall {
    public static void main(String[] args) throws Exception {
        try (JMXConnector c = LocalJmx.connect(args[0])) {
            MBeanServerConnection server = c.getMBeanServerConnection();
            ObjectName name = new ObjectName("jattachstat:type=" + args[1]);
            if (args[2].equals("set")) {
                server.setAttribute(name, new Attribute(args[3], args[4]));
                System.out.println("OK");
                return;
            }
            int n = args.length - 3;
            Object[] params = new Object[n];
            String[] types = new String[n];
            for (int i = 0; i < n; i++) {
                String a = args[3 + i];
                boolean number = !a.isEmpty() && a.chars().allMatch(Character::isDigit);
                params[i] = number ? (Object) Integer.parseInt(a) : a;
                types[i] = number ? "int" : String.class.getName();
            }
            Object out = server.invoke(name, args[2], params, types);
            System.out.print(out instanceof String[] lines ? String.join("\n", lines) + "\n" : out);
        }
    }
}
