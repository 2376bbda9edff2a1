package io.jattachstat.e2e.apps;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;

/**
 * Pretends to be the agent: listens where the agent would, in a private directory of its own, and
 * answers every request with the bytes given in hex as its argument (none: hangs up at once).
 */
public final class FakeAgent {
    public static void main(String[] args) throws Exception {
        byte[] answer = args.length > 0 ? HexFormat.of().parseHex(args[0]) : new byte[0];
        Path dir = Path.of("/tmp", ".jattachstat-" + ProcessHandle.current().pid() + "-fakeagent");
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path socket = dir.resolve("control.sock");
        dir.toFile().deleteOnExit();
        socket.toFile().deleteOnExit();
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Thread t = new Thread(() -> {
            while (true) {
                try (SocketChannel peer = server.accept()) {
                    peer.read(ByteBuffer.allocate(16 * 1024));
                    ByteBuffer out = ByteBuffer.wrap(answer);
                    while (out.hasRemaining()) {
                        peer.write(out);
                    }
                } catch (Exception e) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
        System.out.println("READY " + ProcessHandle.current().pid());
        System.out.flush();
        while (System.in.read() >= 0) {
            Thread.onSpinWait();
        }
    }
}
