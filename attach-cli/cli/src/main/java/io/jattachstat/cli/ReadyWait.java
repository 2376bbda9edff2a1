package io.jattachstat.cli;

import io.jattachstat.control.ControlProtocol;
import io.jattachstat.netstat.NetstatView;

import java.io.PrintStream;

/**
 * Asking an agent again while it answers {@link ControlProtocol#NOT_READY} (just loaded: its hooks
 * or MBeans are still being set up), for a bounded time, and saying in one line that it waited.
 */
final class ReadyWait {
    /** How long a CLI asks again an agent that says it is not ready yet. */
    static final long MAX_MILLIS = 10_000;

    private final PrintStream err;
    private final long start = System.nanoTime();
    private boolean waited;

    ReadyWait(PrintStream err) {
        this.err = err;
    }

    /** Whether to ask again after {@code r} (having slept a moment). */
    boolean again(NetstatView.Result r) {
        if (r == null || r.status() != ControlProtocol.NOT_READY || millis() >= MAX_MILLIS) {
            return false;
        }
        waited = true;
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return true;
    }

    /** The last answer; NOT_READY past the wait becomes an ordinary failure. */
    NetstatView.Result settled(NetstatView.Result r) {
        if (waited && (r == null || r.status() != ControlProtocol.NOT_READY)) {
            err.println(Cli.PROGRAM + ": waited " + (millis() / 100) / 10.0 + " s for the agent to finish starting");
        }
        return r != null && r.status() == ControlProtocol.NOT_READY ? new NetstatView.Result(1, r.out(), r.err()) : r;
    }

    private long millis() {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
