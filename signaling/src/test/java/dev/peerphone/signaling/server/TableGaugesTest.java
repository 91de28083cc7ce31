package dev.peerphone.signaling.server;

import static dev.peerphone.signaling.server.ConnectionLimitsTest.awaitMetric;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code /metrics} counts what the server's per-user and per-address tables hold (what a soak
 * watches for growth), and every table is empty again once everybody has gone.
 */
class TableGaugesTest {
  @RegisterExtension
  final ServerFixture fixture = ServerFixture.started();

  private static String table(String name) {
    return "peerphone_table_entries{table=\"" + name + "\"}";
  }

  @Test
  void tablesCountRingingCallsAndAddressesAndEmptyWhenEveryoneLeaves() throws Exception {
    TestClient alice = fixture.login("alice");
    TestClient bob = fixture.login("bob");
    TestClient silent = fixture.connect(); // open, never logs in
    awaitMetric(fixture, table("awaiting_login"), n -> n == 1);
    awaitMetric(fixture, table("name_addresses"), n -> n == 1); // both from 127.0.0.1
    awaitMetric(fixture, table("socket_addresses"), n -> n == 1);
    awaitMetric(fixture, table("login_rate_addresses"), n -> n == 1);

    alice.send("{\"type\":\"call\",\"name\":\"bob\"}");
    bob.nextSkippingUsers("call");
    awaitMetric(fixture, table("ringing_pairs"), n -> n == 1);
    awaitMetric(fixture, table("call_pairs"), n -> n == 0);

    bob.send("{\"type\":\"accept\",\"name\":\"alice\"}");
    alice.nextSkippingUsers("accept");
    awaitMetric(fixture, table("ringing_pairs"), n -> n == 0);
    awaitMetric(fixture, table("call_pairs"), n -> n == 1);

    alice.close(); // gone without leave: bob is told, the pair is forgotten
    bob.nextSkippingUsers("leave");
    awaitMetric(fixture, table("call_pairs"), n -> n == 0);
    bob.close();
    silent.close();
    awaitMetric(fixture, "peerphone_users", n -> n == 0);
    awaitMetric(fixture, table("awaiting_login"), n -> n == 0);
    awaitMetric(fixture, table("name_addresses"), n -> n == 0);
    awaitMetric(fixture, table("socket_addresses"), n -> n == 0);
    // two logins out of 60 a minute: the bucket is full again after ~2 s and pruned
    awaitMetric(fixture, table("login_rate_addresses"), n -> n == 0);
  }
}
