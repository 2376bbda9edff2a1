package io.jattachstat.e2e.apps;

/**
 * How the origin test apps tell the test where each socket came from: "SOCKET name where origin",
 * the origin being the caller's frame as the agent prints it, taken on the socket call's own line.
 */
final class Said {
    private Said() {
    }

    /** The caller's frame: class.method(File:line). */
    static String here() {
        StackWalker.StackFrame f = StackWalker.getInstance().walk(s -> s.skip(1).findFirst()).orElseThrow();
        return f.getClassName() + "." + f.getMethodName() + "(" + f.getFileName() + ":" + f.getLineNumber() + ")";
    }

    static void socket(String name, Object where, String origin) {
        System.out.println("SOCKET " + name + " " + where + " " + origin);
        System.out.flush();
    }
}
