package io.augur.server.net;

import io.augur.server.command.CommandContext;
import io.augur.server.client.ClientSession;
import io.augur.server.config.OutputBufferLimit;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;

/**
 * Disconnects a client whose unsent replies pass the output-buffer limits, so a client that sends
 * requests and never reads cannot hold the server's memory; each disconnection is counted.
 */
public final class OutputBufferGuard {

    /*
     * Reading already pauses above the channel's high-water mark (backpressure), but the commands
     * of one read, e.g. a pipeline of GETs of large values, run before the pause: the hard limit
     * bounds what they can pile up. The soft limit catches a client that stays behind for long; the
     * server cron checks it too, since a client that stopped reading no longer triggers flushes.
     */

    private OutputBufferGuard() {
    }

    /** Checks one client after a flush or from the cron; returns whether it was disconnected. */
    public static boolean check(CommandContext server, ClientSession client, long nowMillis) {
        Channel channel = client.channel();
        if (channel == null || !channel.isActive()) {
            return false;
        }
        OutputBufferLimit limit = server.config().outputBufferLimit();
        ChannelOutboundBuffer out = channel.unsafe().outboundBuffer();
        long pending = out == null ? 0 : out.totalPendingWriteBytes();
        boolean overSoft = limit.softBytes() > 0 && pending > limit.softBytes();
        if (!overSoft) {
            client.softOutputLimitSince(0);
        } else if (client.softOutputLimitSince() == 0) {
            client.softOutputLimitSince(nowMillis);
        }
        boolean overHard = limit.hardBytes() > 0 && pending > limit.hardBytes();
        boolean softTooLong = overSoft && nowMillis - client.softOutputLimitSince() >= limit.softSeconds() * 1000;
        if (overHard || softTooLong) {
            server.stats().outputBufferLimitDisconnection();
            org.slf4j.LoggerFactory.getLogger(OutputBufferGuard.class).warn(
                    "client {} closed for overcoming of output buffer limits ({} bytes pending)", client.id(), pending);
            channel.close();
            return true;
        }
        return false;
    }
}
