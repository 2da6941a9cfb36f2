package io.augur.server.net;

import io.augur.protocol.RespDecoder;
import io.augur.server.command.CommandContext;
import io.augur.server.command.CommandDispatcher;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;

import java.net.InetSocketAddress;

/**
 * The Netty side: accepts connections and runs every command on one event loop, as Redis runs
 * them on one thread, so each command is atomic without locks. Epoll when available, NIO otherwise.
 */
public final class RespServer implements AutoCloseable {

    /** Output above the high mark pauses reading from that client until it drains below the low mark. */
    private static final int OUTPUT_LOW_WATER_BYTES = 256 * 1024;
    private static final int OUTPUT_HIGH_WATER_BYTES = 4 * 1024 * 1024;

    private final CommandContext server;
    private final EventLoopGroup acceptGroup;
    private final EventLoopGroup commandGroup;
    private final Class<? extends ServerChannel> channelType;
    private final CommandDispatcher dispatcher;
    private Channel listener;
    private Channel tlsListener;

    /**
     * {@code commandGroup} comes from {@link #newCommandGroup}: the wiring creates it first, since
     * background work that writes the store (prefetch) must run on it and is built before the context.
     */
    public RespServer(CommandContext server, EventLoopGroup commandGroup) {
        this.server = server;
        this.acceptGroup = new MultiThreadIoEventLoopGroup(1, ioHandlers());
        this.commandGroup = commandGroup;
        this.channelType = Epoll.isAvailable() ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        this.dispatcher = new CommandDispatcher(server);
    }

    /** The loop that runs commands, with {@code threads} threads (io-threads); epoll when available. */
    public static EventLoopGroup newCommandGroup(int threads) {
        return new MultiThreadIoEventLoopGroup(threads, ioHandlers());
    }

    private static IoHandlerFactory ioHandlers() {
        return Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    }

    /** The loop that runs commands; background work that touches the store must run on it too. */
    public EventLoopGroup commandLoop() {
        return commandGroup;
    }

    public int start() throws InterruptedException {
        InputByteCounter counter = new InputByteCounter(server.stats());
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptGroup, commandGroup)
                .channel(channelType)
                .option(ChannelOption.SO_BACKLOG, 511)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(OUTPUT_LOW_WATER_BYTES, OUTPUT_HIGH_WATER_BYTES))
                .childHandler(pipeline(counter, null));
        SslContext tls = server.config().tls().enabled() ? TlsContexts.server(server.config().tls()) : null;
        listener = bootstrap.bind(new InetSocketAddress(server.config().bind(), server.config().port()))
                .sync().channel();
        int port = ((InetSocketAddress) listener.localAddress()).getPort();
        if (tls != null) {
            tlsListener = bootstrap.clone().childHandler(pipeline(counter, tls))
                    .bind(new InetSocketAddress(server.config().bind(), server.config().tls().port())).sync().channel();
        }
        return port;
    }

    /** The TLS port, or 0 when TLS is off. */
    public int tlsPort() {
        return tlsListener == null ? 0 : ((InetSocketAddress) tlsListener.localAddress()).getPort();
    }

    /** One client's pipeline; with TLS the handshake and record layer come first, everything else is the same. */
    private ChannelInitializer<SocketChannel> pipeline(InputByteCounter counter, SslContext tls) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                if (tls != null) {
                    ch.pipeline().addLast("tls", tls.newHandler(ch.alloc()));
                }
                ch.pipeline().addLast("bytes-in", counter);
                ch.pipeline().addLast("resp", new RespDecoder(() -> server.config().protoMaxBulkLen()));
                ch.pipeline().addLast("commands", new ClientHandler(server, dispatcher));
            }
        };
    }

    @Override
    public void close() {
        if (listener != null) {
            listener.close().syncUninterruptibly();
        }
        if (tlsListener != null) {
            tlsListener.close().syncUninterruptibly();
        }
        server.clients().all().forEach(c -> {
            if (c.channel() != null) {
                c.channel().close();
            }
        });
        acceptGroup.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        commandGroup.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
}
