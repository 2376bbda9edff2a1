package io.jattachstat.e2e.probe;

import javax.management.Attribute;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * JMX calls with nothing of jattachstat on the class path:
 * {@code JmxCall <pid> <type> <operation> [args]} invokes an operation of {@code jattachstat:type=<type>}
 * (arguments that are digits are ints, the rest Strings) and prints the result (String[] one per line);
 * {@code JmxCall <pid> <type> set <Attribute> <value>} sets a String attribute. Several calls over one
 * connection are separated by a {@code ;} argument, their results by a line {@value #SEPARATOR} (a void
 * operation prints nothing).
 */
public final class JmxCall {
    public static final String SEPARATOR = "----";

    public static void main(String[] args) throws Exception {
        try (JMXConnector c = LocalJmx.connect(args[0])) {
            MBeanServerConnection server = c.getMBeanServerConnection();
            ObjectName name = new ObjectName("jattachstat:type=" + args[1]);
            List<String> call = new ArrayList<>();
            for (String a : Arrays.asList(args).subList(2, args.length)) {
                if (a.equals(";")) {
                    call(server, name, call);
                    System.out.println(SEPARATOR);
                    call.clear();
                } else {
                    call.add(a);
                }
            }
            call(server, name, call);
        }
    }

    private static void call(MBeanServerConnection server, ObjectName name, List<String> call) throws Exception {
        if (call.get(0).equals("set")) {
            server.setAttribute(name, new Attribute(call.get(1), call.get(2)));
            System.out.println("OK");
            return;
        }
        int n = call.size() - 1;
        Object[] params = new Object[n];
        String[] types = new String[n];
        for (int i = 0; i < n; i++) {
            String a = call.get(1 + i);
            boolean number = !a.isEmpty() && a.chars().allMatch(Character::isDigit);
            params[i] = number ? (Object) Integer.parseInt(a) : a;
            types[i] = number ? "int" : String.class.getName();
        }
        Object out = server.invoke(name, call.get(0), params, types);
        System.out.print(out instanceof String[] lines ? String.join("\n", lines) + "\n" : out == null ? "" : out);
    }
}
