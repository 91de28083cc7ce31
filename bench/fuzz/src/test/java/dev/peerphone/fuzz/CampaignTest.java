package dev.peerphone.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The fuzz campaign's short CI run: the same {@link Campaign} as bench/fuzz/run.sh, 25,000 inputs
 * across every category (slow writers sped up) against a server child process with the shipped
 * limits. Every oracle must be 0 — no crash, no stack trace in the server log, only typed
 * replies, no hang, no abnormal close, no innocent-pair failure — and the server's descriptors
 * and connections must be back to the innocent pair's after the handshake deadline.
 */
class CampaignTest {
  private static final long INPUTS = 25_000;

  @Test
  void aShortCampaignFindsEveryOracleAtZeroAndTheServerBackToItsBaseline() throws Exception {
    Campaign.Options o = new Campaign.Options(INPUTS, 20_261_128L, 4, 6, 0.3, 150,
        Path.of("target", "fuzz-ci"), System.getProperty("java.class.path"));
    Report report = Campaign.run(o, "--inputs 25000 --seed 20261128 --workers 4 --slow-workers 6 "
        + "--slow-scale 0.3 (CampaignTest)");
    String table = report.markdown();
    System.out.println(table);
    assertEquals(java.util.Map.of(), report.failures(), table);
    assertTrue(report.inputs() >= INPUTS, "all inputs sent within the time limit: " + report.inputs());
    for (String category : new String[] {"protocol", "framing", "connection"}) {
      assertTrue(report.inputsIn(category) > 0, category + " inputs sent\n" + table);
    }
    assertTrue(report.callsCompleted() > 0, "the innocent pair completed calls\n" + table);
    assertTrue(report.chats() > 50, "the innocent pair chatted\n" + table);
    assertTrue(report.resourcesAfter().get("fileDescriptors")
        <= report.resourcesBefore().get("fileDescriptors") + Report.FD_TOLERANCE, table);
  }
}
