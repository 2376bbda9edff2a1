package io.jattachstat.netstat;

/**
 * A command line netstat would reject. {@link #showUsage()} says whether the usage text follows the
 * message (getopt errors and conflicting modes do; an unknown address family does not), and
 * {@link #status()} is netstat's exit status for it (3 for usage errors, 1 otherwise).
 */
public final class UsageException extends Exception {
    private final int status;
    private final boolean showUsage;
    private final boolean prefixed;

    public UsageException(String message, int status, boolean showUsage) {
        this(message, status, showUsage, true);
    }

    private UsageException(String message, int status, boolean showUsage, boolean prefixed) {
        super(message);
        this.status = status;
        this.showUsage = showUsage;
        this.prefixed = prefixed;
    }

    /** A message netstat prints without its program name in front (e.g. an unknown address family). */
    public static UsageException unprefixed(String message, int status) {
        return new UsageException(message, status, false, false);
    }

    /** Whether the message is printed as "program: message". */
    public boolean prefixed() {
        return prefixed;
    }

    /** A getopt-style error: message, then usage, exit status 3. */
    public static UsageException usage(String message) {
        return new UsageException(message, 3, true);
    }

    public int status() {
        return status;
    }

    public boolean showUsage() {
        return showUsage;
    }
}
