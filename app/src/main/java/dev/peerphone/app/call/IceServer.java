package dev.peerphone.app.call;

import java.util.List;

/** A STUN or TURN server from the login reply; username and credential are null for STUN. */
public record IceServer(List<String> urls, String username, String credential) {
  public IceServer {
    urls = List.copyOf(urls);
  }
}
