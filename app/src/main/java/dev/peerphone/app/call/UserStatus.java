package dev.peerphone.app.call;

/**
 * One entry of the server's presence list: a name and {@code available}/{@code busy}/{@code matching};
 * {@code peerjs} for a user connected with PeerJS (docs/PEERJS.md, the bridge).
 */
public record UserStatus(String name, String status, boolean peerjs) {
  public UserStatus(String name, String status) {
    this(name, status, false);
  }
}
