package dev.peerphone.app.call;

import java.util.List;

/**
 * What a new peer link gathers candidates with: the STUN/TURN servers and whether all media must
 * go through a TURN relay ({@code iceTransportPolicy:"relay"}: the peer never sees our address).
 */
public record IceConfig(List<IceServer> servers, boolean relayOnly) {
  public IceConfig {
    servers = List.copyOf(servers);
  }

  /** Whether any server is a TURN server (a {@code turn:} or {@code turns:} URL). */
  public boolean hasTurn() {
    return servers.stream().anyMatch(IceServer::isTurn);
  }
}
