package io.jattachstat.proc;

import java.io.IOException;

/** A process's {@code /proc} entries could not be read: it is gone, or belongs to someone else. */
public final class ProcAccessException extends IOException {
    /** Why the read failed, so the CLI can say it in one line. */
    public enum Reason { NO_SUCH_PROCESS, PERMISSION_DENIED, IO_ERROR }

    private final Reason reason;

    public ProcAccessException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
