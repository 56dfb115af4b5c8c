package dev.bazaar.defaults.grpc;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How gRPC channels to peers ({@link PeerChannels}) find instances that come back.
 *
 * @param reconnectEvery an instance that went away is tried again at least this often; gRPC's own
 *                       backoff grows to two minutes, far too long for an instance restarted in seconds
 */
@ConfigurationProperties("bazaar.grpc.peers")
public record PeerChannelProperties(@DefaultValue("3s") Duration reconnectEvery) {
}
