package io.augur.server.net;

import io.augur.protocol.RespCommand;
import io.augur.protocol.RespProtocolError;
import io.augur.protocol.RespWriter;
import io.augur.server.command.CommandContext;
import io.augur.server.client.ClientSession;
import io.augur.server.command.CommandDispatcher;
import io.augur.server.command.Errors;
import io.augur.server.command.Invocation;
import io.augur.server.command.Reply;
import io.augur.server.command.ScriptGate;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * One connection's command loop: runs each decoded command and gathers the replies of a whole
 * read in one buffer, flushed at the end of the event-loop pass ({@link PassFlushes}), so pipelined
 * replies leave in one write.
 * A command that replies later (read-through) holds the connection's next commands back, in order.
 */
final class ClientHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ClientHandler.class);

    /** Replies accumulated beyond this are written out early, so one huge pipeline does not pile up. */
    private static final int EARLY_WRITE_BYTES = 64 * 1024;

    /** Commands queued behind a blocked one before reading stops: bounds what a pipelining client holds in memory. */
    private static final int MAX_QUEUED_WHILE_BLOCKED = 1024;

    private final CommandContext server;
    private final CommandDispatcher dispatcher;
    private final Reply reply = new Reply();
    private final ArrayDeque<Object> waitingCommands = new ArrayDeque<>();
    private ClientSession session;
    private Invocation invocation;
    private ByteBuf pending;
    private boolean awaitingReply;
    /** A script runs on its own thread and has not turned busy: this connection's commands wait for it. */
    private boolean heldByScript;
    /** The deferred reply being awaited belongs to a command whose reply CLIENT REPLY drops. */
    private boolean silentDeferred;
    /** This connection's replies wait in {@link PassFlushes} for the end of the event-loop pass. */
    private boolean flushQueued;

    ClientHandler(CommandContext server, CommandDispatcher dispatcher) {
        this.server = server;
        this.dispatcher = dispatcher;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (server.clients().connected() >= server.config().maxclients()) {
            refuse(ctx, Errors.MAX_CLIENTS);
            return;
        }
        boolean authenticated = server.config().requirepass().isEmpty();
        if (authenticated && server.config().protectedMode() && !fromLoopback(ctx)) {
            refuse(ctx, Errors.DENIED);
            return;
        }
        session = new ClientSession(server.clients().nextId(), ctx.channel(), server.nowMillis(), authenticated);
        invocation = new Invocation(server, session, reply);
        session.outlet(message -> push(ctx, message));
        server.clients().add(session);
        ctx.fireChannelActive();
    }

    /** Answers a refused connection with one error and closes it; counted as rejected. */
    private void refuse(ChannelHandlerContext ctx, String error) {
        server.clients().rejected();
        ByteBuf out = ctx.alloc().buffer(error.length() + 3);
        RespWriter.error(out, error);
        ctx.writeAndFlush(out).addListener(ChannelFutureListener.CLOSE);
    }

    private static boolean fromLoopback(ChannelHandlerContext ctx) {
        return ctx.channel().remoteAddress() instanceof java.net.InetSocketAddress address
                && address.getAddress() != null && address.getAddress().isLoopbackAddress();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (session == null || session.closeAfterReply()) {
            ReferenceCountUtil.release(msg);
            return; // rejected, or closing: ignore what is still in the pipeline
        }
        if (awaitingReply || heldByScript || !mayRun(ctx)) {
            waitingCommands.add(msg);
            if (waitingCommands.size() >= MAX_QUEUED_WHILE_BLOCKED) {
                ctx.channel().config().setAutoRead(false);
            }
            return;
        }
        process(ctx, msg);
    }

    /**
     * False, and the connection held, while a script runs on its own thread and is not yet busy:
     * as in Redis, other clients' commands wait for it, then run, or get BUSY once it turns busy.
     */
    private boolean mayRun(ChannelHandlerContext ctx) {
        ScriptGate gate = server.commands().scriptGate();
        if (!gate.running() || gate.busy()) {
            return true;
        }
        heldByScript = true;
        gate.hold(() -> {
            heldByScript = false;
            drain(ctx);
        });
        return false;
    }

    private void process(ChannelHandlerContext ctx, Object msg) {
        try {
            if (pending == null) {
                pending = ctx.alloc().ioBuffer(256);
            }
            reply.target(pending);
            if (msg instanceof RespCommand command) {
                boolean skip = session.takeSkip();
                int replyStart = pending.writerIndex();
                dispatcher.dispatch(invocation, command);
                CompletionStage<Consumer<Reply>> deferred = invocation.takeDeferred();
                boolean blocked = invocation.takeBlocked();
                server.commands().hooks().settled(invocation);
                boolean silent = skip || session.repliesOff();
                if (silent) {
                    pending.writerIndex(replyStart); // CLIENT REPLY OFF|SKIP: the command ran, its reply is dropped
                }
                if (deferred != null) {
                    silentDeferred = silent;
                    awaitLater(ctx, deferred, blocked);
                }
            } else if (msg instanceof RespProtocolError error) {
                server.stats().protocolError();
                reply.error("ERR " + error.message());
                session.closeAfterReply(true);
            }
            if (session.closeAfterReply()) {
                flush(ctx).addListener(ChannelFutureListener.CLOSE);
            } else if (pending.readableBytes() >= EARLY_WRITE_BYTES) {
                flush(ctx);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    /**
     * Holds the connection's next commands until the deferred reply is written. A blocked client
     * ({@code keepReading}) is still read, as Redis reads it, so its disconnect is seen and it stops
     * waiting; past {@link #MAX_QUEUED_WHILE_BLOCKED} queued commands reading stops all the same.
     */
    private void awaitLater(ChannelHandlerContext ctx, CompletionStage<Consumer<Reply>> deferred, boolean keepReading) {
        awaitingReply = true;
        if (!keepReading) {
            ctx.channel().config().setAutoRead(false);
        }
        deferred.whenComplete((writer, error) -> ctx.executor().execute(() -> resume(ctx, writer, error)));
    }

    /** Writes the late reply, then runs the commands that arrived meanwhile, until one waits again. */
    private void resume(ChannelHandlerContext ctx, Consumer<Reply> writer, Throwable error) {
        ScriptGate gate = server.commands().scriptGate();
        if (gate.running()) {
            gate.whenIdle(() -> resume(ctx, writer, error)); // the writer may store (read-through)
            return;
        }
        awaitingReply = false;
        if (!ctx.channel().isActive()) {
            releaseWaiting();
            return;
        }
        if (pending == null) {
            pending = ctx.alloc().ioBuffer(256);
        }
        reply.target(pending);
        int replyStart = pending.writerIndex();
        if (error != null || writer == null) {
            reply.error("ERR " + (error == null ? "no reply" : rootMessage(error)));
        } else {
            writer.accept(reply);
        }
        if (silentDeferred) {
            pending.writerIndex(replyStart);
            silentDeferred = false;
        }
        drain(ctx);
    }

    /** Runs the commands that arrived while the connection waited, until one waits again. */
    private void drain(ChannelHandlerContext ctx) {
        if (!ctx.channel().isActive()) {
            releaseWaiting();
            return;
        }
        while (!awaitingReply && !waitingCommands.isEmpty() && !session.closeAfterReply() && mayRun(ctx)) {
            process(ctx, waitingCommands.poll());
        }
        if (pending != null && pending.isReadable()) {
            flush(ctx);
        }
        if (!awaitingReply && !heldByScript) {
            ctx.channel().config().setAutoRead(ctx.channel().isWritable());
        }
    }

    /** Drops the commands held for a connection that is gone. */
    private void releaseWaiting() {
        waitingCommands.forEach(ReferenceCountUtil::release);
        waitingCommands.clear();
    }

    private static String rootMessage(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && (t instanceof java.util.concurrent.CompletionException
                || t instanceof java.util.concurrent.ExecutionException)) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (pending != null && pending.isReadable() && !flushQueued) {
            flushQueued = true;
            PassFlushes.after(ctx.executor(), () -> flushQueued(ctx));
        } else if (server.store().holdsRewrites()) {
            PassFlushes.settleAfter(ctx.executor(), server.store());
        }
        ctx.fireChannelReadComplete();
    }

    private void flushQueued(ChannelHandlerContext ctx) {
        flushQueued = false;
        if (pending != null && pending.isReadable() && ctx.channel().isActive()) {
            flush(ctx);
        }
    }

    private ChannelFuture flush(ChannelHandlerContext ctx) {
        ByteBuf out = pending == null ? ctx.alloc().buffer(0) : pending;
        pending = null;
        if (!PassFlushes.settled(server.store())) {
            out.release(); // they may acknowledge a write the store could not make: the client must not hear OK
            return ctx.close();
        }
        server.stats().output(out.readableBytes());
        ChannelFuture written = ctx.writeAndFlush(out);
        if (session != null) {
            OutputBufferGuard.check(server, session, server.nowMillis());
        }
        return written;
    }

    /**
     * A message for this client from another client's command (PUBLISH). While this connection's own
     * replies are being gathered (it published to itself) the message joins them, so order holds;
     * otherwise it is written at once, and the output-buffer limits apply to a subscriber that lags.
     */
    private void push(ChannelHandlerContext ctx, ByteBuf message) {
        if (!ctx.executor().inEventLoop()) {
            ctx.executor().execute(() -> push(ctx, message)); // from a script on its own thread
            return;
        }
        if (pending != null) {
            pending.writeBytes(message);
            message.release();
            return;
        }
        if (!ctx.channel().isActive()) {
            message.release();
            return;
        }
        if (!PassFlushes.settled(server.store())) {
            message.release();
            return; // the message's own command may be the write that failed: nothing leaves in this pass
        }
        server.stats().output(message.readableBytes());
        ctx.writeAndFlush(message);
        OutputBufferGuard.check(server, session, server.nowMillis());
    }

    /** Backpressure: a client that does not read its replies stops being read, so its output cannot grow unbounded. */
    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (!awaitingReply && !heldByScript) {
            ctx.channel().config().setAutoRead(ctx.channel().isWritable());
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (pending != null) {
            pending.release();
            pending = null;
        }
        releaseWaiting();
        if (session != null) {
            ClientSession closed = session;
            server.commands().scriptGate().whenIdle(() -> { // the hooks' registries are the script's while it runs
                server.commands().hooks().closed(closed);
                server.clients().remove(closed);
                server.accessRecorder().closed(closed.id());
            });
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("closing connection after error: {}", cause.toString());
        ctx.close();
    }
}
