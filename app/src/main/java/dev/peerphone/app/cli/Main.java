package dev.peerphone.app.cli;

import dev.peerphone.signaling.cli.ServerMain;
import java.util.Arrays;

/** Entry point of {@code ./peerphone}: dispatches to the server, the headless peer or the desktop app. */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    String command = args.length == 0 ? "" : args[0];
    String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
    switch (command) {
      case "server" -> ServerMain.main(rest);
      case "headless" -> HeadlessPeer.main(rest);
      case "devices" -> System.exit(DevicesCommand.run(rest,
          Arrays.asList(rest).contains("--json") ? JsonStdout.take() : System.out));
      case "" -> dev.peerphone.app.ui.DesktopLauncher.main(args);
      case "desktop" -> dev.peerphone.app.ui.DesktopLauncher.main(rest);
      case "--help", "-h", "help" -> usage(0);
      default -> {
        System.err.println("Unknown command: " + command);
        usage(2);
      }
    }
  }

  private static void usage(int exitCode) {
    System.out.println("""
        Usage: ./peerphone <command> [options]

        Commands:
          (none)              the desktop app (window); desktop [options]: the same with options
                              (./peerphone desktop --help)
          server [options]    run the signaling server alone (./peerphone server --help)
          headless [options]  a peer without a window: calls, chat, roulette, JSON events on stdout
                              (./peerphone headless --help)
          devices [--json]    list cameras, microphones and speakers by the names --camera,
                              --mic and --speaker accept
          help                this text
        """);
    System.exit(exitCode);
  }
}
