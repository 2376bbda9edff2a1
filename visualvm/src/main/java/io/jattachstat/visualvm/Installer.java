package io.jattachstat.visualvm;

import org.openide.modules.ModuleInstall;

/** Registers the Sockets view with VisualVM when the module starts, and removes it when it stops. */
public final class Installer extends ModuleInstall {
    private static final long serialVersionUID = 1L;

    @Override
    public void restored() {
        SocketsViewProvider.register();
    }

    @Override
    public void uninstalled() {
        SocketsViewProvider.unregister();
    }
}
