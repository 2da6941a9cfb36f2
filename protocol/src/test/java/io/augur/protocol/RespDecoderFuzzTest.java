package io.augur.protocol;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes the request decoder: any bytes, cut into any fragments, give commands and at most one
 * protocol error, never an exception, and never more argument bytes than were sent (nothing is
 * allocated from a length the client only claims). The seeds in RespDecoderFuzzTestInputs run in
 * every `mvn test`; `JAZZER_FUZZ=1` explores beyond them (see README).
 */
class RespDecoderFuzzTest {

    /** Bulk strings above this are refused, as proto-max-bulk-len would. */
    private static final long MAX_BULK_BYTES = 1 << 16;

    @FuzzTest(maxDuration = "60s")
    void decoder_anyBytesInAnyFragments_yieldsCommandsOrOneError(FuzzedDataProvider data) {
        EmbeddedChannel channel = new EmbeddedChannel(new RespDecoder(() -> MAX_BULK_BYTES));
        long fed = 0;
        long argumentBytes = 0;
        boolean failed = false;
        try {
            while (data.remainingBytes() > 0 && !failed) {
                byte[] fragment = data.consumeBytes(data.consumeInt(1, 128));
                fed += fragment.length;
                channel.writeInbound(Unpooled.wrappedBuffer(fragment));
                Object decoded;
                while ((decoded = channel.readInbound()) != null) {
                    if (decoded instanceof RespCommand command) {
                        assertThat(command.size()).isPositive();
                        for (int i = 0; i < command.size(); i++) {
                            argumentBytes += command.arg(i).length;
                        }
                        assertThat(argumentBytes).as("argument bytes never exceed bytes sent").isLessThanOrEqualTo(fed);
                    } else {
                        assertThat(decoded).isInstanceOf(RespProtocolError.class);
                        assertThat(((RespProtocolError) decoded).message()).isNotBlank();
                        failed = true; // the server replies and closes after a protocol error
                    }
                }
            }
        } finally {
            channel.finishAndReleaseAll();
        }
    }
}
