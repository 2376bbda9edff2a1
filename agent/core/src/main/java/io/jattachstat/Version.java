package io.jattachstat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version stamped into the jar at build time. */
public final class Version {
    private Version() {
    }

    public static String get() {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("/io/jattachstat/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // fall through to "unknown"
        }
        return p.getProperty("version", "unknown");
    }
}
