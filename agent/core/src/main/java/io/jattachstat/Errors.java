package io.jattachstat;

/** Failures in the few words a one-line message has room for. */
public final class Errors {
    private Errors() {
    }

    /**
     * The exception's own first line, or its kind when it has none: an exception without a message
     * (a closed channel, a timeout) must never read as "(null)".
     */
    public static String describe(Throwable t) {
        String m = t.getMessage();
        if (m == null || m.isBlank()) {
            String kind = t.getClass().getSimpleName();
            return switch (kind) {
                case "AsynchronousCloseException", "ClosedByInterruptException" -> "connection closed";
                case "SocketTimeoutException", "InterruptedByTimeoutException" -> "timed out";
                default -> kind;
            };
        }
        int lf = m.indexOf('\n');
        return lf < 0 ? m : m.substring(0, lf);
    }
}
