package dev.peerphone.app.call;

/** One entry of the server's presence list: a name and {@code available}/{@code busy}/{@code matching}. */
public record UserStatus(String name, String status) {}
