package io.jattachstat.netstat;

/** A netstat display jattachstat does not produce (yet); the CLI says so in one line and exits 1. */
public final class UnsupportedViewException extends RuntimeException {
    public UnsupportedViewException(String view) {
        super(view + " is not supported by jattachstat yet");
    }
}
