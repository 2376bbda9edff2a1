package io.jattachstat.origins;

/**
 * Where the origins work stands, in one value the agent replaces as it goes: being installed (the
 * start), off with a reason (the option, or a failure), or ready with its bookkeeping and views.
 * Readers take it once and see one consistent state.
 */
public record OriginsState(Origins origins, OriginViews views, String unavailable) {
    public static final OriginsState INSTALLING =
            new OriginsState(null, null, "the socket hooks are still being installed; try again in a second");

    public static OriginsState off(String why) {
        return new OriginsState(null, null, why);
    }

    public static OriginsState ready(Origins origins, OriginViews views) {
        return new OriginsState(origins, views, null);
    }

    /** Whether the hooks are still being installed (the views will come). */
    public boolean isInstalling() {
        return this == INSTALLING;
    }

    public boolean isReady() {
        return views != null;
    }
}
