package io.jattachstat.cli;

import io.jattachstat.netstat.NetstatOptions;
import io.jattachstat.netstat.NetstatView;

import java.io.IOException;
import java.io.PrintStream;

/**
 * Prints a view once, or with netstat's -c again every second until a failure or an interrupt:
 * the same for a view the agent renders and one read from /proc.
 */
final class ViewPrinter {
    /** One rendering of the view, from the agent or from /proc. */
    interface Render {
        NetstatView.Result once() throws IOException;
    }

    private final PrintStream out;
    private final PrintStream err;

    ViewPrinter(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** The view, again every second while {@code continuous}; netstat -ic prints its title once and the header every time. */
    int repeatedly(Render render, boolean continuous, NetstatOptions options) throws IOException {
        boolean first = true;
        while (true) {
            NetstatView.Result result = render.once();
            if (!first && options.mode() == NetstatOptions.Mode.INTERFACES
                    && result.out().startsWith(NetstatView.INTERFACES_TITLE)) {
                result = new NetstatView.Result(result.status(),
                        result.out().substring(NetstatView.INTERFACES_TITLE.length()), result.err());
            }
            first = false;
            if (print(result) != 0 || !continuous) {
                return result.status();
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            }
        }
    }

    /** The view's text on stdout, its messages on stderr; its status. */
    int print(NetstatView.Result result) {
        out.print(result.out());
        out.flush();
        err.print(result.err());
        return result.status();
    }
}
