package io.jattachstat.e2e.apps;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A real Netty server and client on Netty's native epoll transport, whose sockets never pass through
 * the JDK's socket classes. Prints "SOCKET server|client|closed <port> <origin>" with the frame that
 * opened each (on the same line as the Netty call); "close" closes the client; lives until stdin closes.
 */
public final class NettyApp {
    private static Channel client;

    public static void main(String[] args) throws Exception {
        if (!Epoll.isAvailable()) {
            System.out.println("READY " + ProcessHandle.current().pid());
            System.out.println("NO-EPOLL " + Epoll.unavailabilityCause());
            System.out.flush();
            return;
        }
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.out.println("READY " + ProcessHandle.current().pid());
        System.out.flush();
        try {
            for (String line; (line = in.readLine()) != null; ) {
                switch (line) {
                    case "open" -> {
                        Channel server = startServer(group);
                        connectClient(group, ((InetSocketAddress) server.localAddress()).getPort());
                    }
                    case "close" -> {
                        int port = ((InetSocketAddress) client.localAddress()).getPort();
                        client.close().sync(); Said.socket("closed", port, Said.here());
                    }
                    default -> System.out.println("ERROR " + line);
                }
                System.out.println("DONE " + line);
                System.out.flush();
            }
        } finally {
            group.shutdownGracefully().sync();
        }
    }

    private static Channel startServer(EventLoopGroup group) throws InterruptedException {
        ServerBootstrap b = new ServerBootstrap().group(group).channel(EpollServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                    }
                });
        Channel server = b.bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel(); Said.socket("server", "", Said.here());
        Said.socket("server.port", ((InetSocketAddress) server.localAddress()).getPort(), "-");
        return server;
    }

    private static void connectClient(EventLoopGroup group, int port) throws InterruptedException {
        Bootstrap b = new Bootstrap().group(group).channel(EpollSocketChannel.class).handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
            }
        });
        client = b.connect(new InetSocketAddress("127.0.0.1", port)).sync().channel(); Said.socket("client", "", Said.here());
        Said.socket("client.port", ((InetSocketAddress) client.localAddress()).getPort(), "-");
    }
}
