package dev.peerphone.app.interop;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Debian's headless Chromium driven by Playwright for Java: one browser per test class, one
 * {@link BrowserContext} per page so each page has its own fake camera and microphone. Playwright
 * objects are not thread-safe: use them from the test thread only.
 */
public final class Chromium implements AutoCloseable {
  static final String EXECUTABLE = "/usr/bin/chromium";
  static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu",
      "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
      "--no-first-run", "--disable-quic");

  private final Playwright playwright;
  private final Browser browser;
  private final List<BrowserContext> contexts = new ArrayList<>();
  private final List<String> dialogs = new ArrayList<>();

  public Chromium() {
    this(List.of());
  }

  /** With extra command-line flags (e.g. a fake microphone file). */
  Chromium(List<String> extraFlags) {
    this(extraFlags, Map.of(), true);
  }

  /**
   * With extra flags and environment; {@code fakeDevices} false lets the browser use the real
   * devices of the sound server named in {@code env} (PULSE_SERVER), prompts still auto-allowed.
   */
  Chromium(List<String> extraFlags, Map<String, String> env, boolean fakeDevices) {
    List<String> flags = new ArrayList<>(FLAGS);
    if (!fakeDevices) {
      flags.remove("--use-fake-device-for-media-stream");
    }
    flags.addAll(extraFlags);
    playwright = Playwright.create(new Playwright.CreateOptions()
        .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
        .setExecutablePath(Paths.get(EXECUTABLE))
        .setHeadless(true)
        .setEnv(env.isEmpty() ? null : withSystemEnv(env))
        .setArgs(flags));
  }

  /** Playwright's env option replaces the browser's whole environment: start from ours. */
  private static Map<String, String> withSystemEnv(Map<String, String> env) {
    Map<String, String> all = new java.util.HashMap<>(System.getenv());
    all.putAll(env);
    return all;
  }

  /** A fresh page (own context, camera and microphone allowed) with console errors and dialogs recorded. */
  public Page newPage(String origin) {
    BrowserContext context = browser.newContext(new Browser.NewContextOptions()
        .setPermissions(List.of("camera", "microphone"))
        .setViewportSize(1280, 800));
    context.grantPermissions(List.of("camera", "microphone"), new BrowserContext.GrantPermissionsOptions().setOrigin(origin));
    return recorded(context);
  }

  /**
   * A fresh page granted no permissions: what a page that is no secure context gets (Chromium
   * refuses to grant camera or microphone there).
   */
  Page newPageWithoutPermissions() {
    return recorded(browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 800)));
  }

  private Page recorded(BrowserContext context) {
    contexts.add(context);
    Page page = context.newPage();
    page.onDialog(d -> {
      synchronized (dialogs) {
        dialogs.add(d.type() + ": " + d.message());
      }
      d.dismiss();
    });
    return page;
  }

  /** Every alert/confirm/prompt any page opened (an XSS payload that ran would show up here). */
  List<String> dialogs() {
    synchronized (dialogs) {
      return List.copyOf(dialogs);
    }
  }

  public void closePage(Page page) {
    page.context().close();
    contexts.remove(page.context());
  }

  @Override
  public void close() {
    for (BrowserContext c : contexts) {
      try {
        c.close();
      } catch (RuntimeException e) {
        // already gone
      }
    }
    browser.close();
    playwright.close();
  }
}
