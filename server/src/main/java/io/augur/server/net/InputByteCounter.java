package io.augur.server.net;

import io.augur.server.stats.ServerStats;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/** Counts bytes received for INFO's total_net_input_bytes, before the decoder sees them. */
@ChannelHandler.Sharable
final class InputByteCounter extends ChannelInboundHandlerAdapter {

    private final ServerStats stats;

    InputByteCounter(ServerStats stats) {
        this.stats = stats;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf buf) {
            stats.input(buf.readableBytes());
        }
        ctx.fireChannelRead(msg);
    }
}
