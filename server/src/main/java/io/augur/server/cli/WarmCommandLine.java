package io.augur.server.cli;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.ArrayOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.ProtocolKeyword;
import io.lettuce.core.protocol.ProtocolVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/** `augur warm`: asks a running server to load its most read, uncached keys from the origin now (AUGUR.WARM). */
@Command(name = "warm", mixinStandardHelpOptions = true,
        description = "Warm a running server: load its most read keys that are not cached from its origin.")
public final class WarmCommandLine implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    // No -h: with the standard help options, -h is --help (as in augur load; --host is spelled out).
    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "HOST", description = "server host (default: ${DEFAULT-VALUE})")
    private String host;

    @Option(names = {"-p", "--port"}, defaultValue = "6379", paramLabel = "PORT", description = "server port (default: ${DEFAULT-VALUE})")
    private int port;

    @Option(names = {"-a", "--pass"}, paramLabel = "PASSWORD", description = "password (requirepass)")
    private String password;

    @Option(names = "--count", defaultValue = "1000", paramLabel = "N", description = "most read keys to consider (default: ${DEFAULT-VALUE})")
    private int count;

    @Override
    public Integer call() {
        RedisURI.Builder uri = RedisURI.builder().withHost(host).withPort(port).withTimeout(Duration.ofMinutes(5));
        if (password != null) {
            uri.withPassword(password.toCharArray());
        }
        RedisClient client = RedisClient.create(uri.build());
        client.setOptions(ClientOptions.builder().protocolVersion(ProtocolVersion.RESP2).build());
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            List<Object> reply = c.sync().dispatch(new ProtocolKeyword() {
                @Override
                public byte[] getBytes() {
                    return "AUGUR.WARM".getBytes(StandardCharsets.US_ASCII);
                }
            }, new ArrayOutput<>(StringCodec.UTF8), new CommandArgs<>(StringCodec.UTF8).add(count));
            StringBuilder line = new StringBuilder("warmed:");
            for (int i = 0; i + 1 < reply.size(); i += 2) {
                line.append(' ').append(reply.get(i)).append('=').append(reply.get(i + 1));
            }
            spec.commandLine().getOut().println(line);
            spec.commandLine().getOut().flush();
            return 0;
        } catch (RuntimeException e) {
            spec.commandLine().getErr().println("augur warm: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return 1;
        } finally {
            client.shutdown();
        }
    }
}
