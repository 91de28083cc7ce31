package dev.peerphone.app.audio;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.util.Map;

/**
 * The part of libpulse's C API (pulse/mainloop.h, context.h, introspect.h, subscribe.h,
 * proplist.h) that {@link PulseClient} uses, bound with JNA. libpulse.so.0 comes from Debian's
 * libpulse0, which webrtc-java's native library already needs; no headers are needed at run time.
 *
 * <p>Pointers are opaque handles ({@code pa_mainloop*}, {@code pa_context*}, {@code
 * pa_operation*}, {@code pa_proplist*}) or info structs read through {@link PulseStructs};
 * {@code uint32_t} is {@code int}. Strings go in as UTF-8 (the library option below) and come out
 * as pointers read with {@link #utf8}, because every string libpulse hands out is UTF-8 whatever
 * the JVM's default charset is.
 *
 * <p>Threading: libpulse's {@code pa_mainloop} is not thread-safe. Only {@code
 * pa_mainloop_wakeup} may be called from another thread than the one running the loop.
 */
interface PulseLib extends Library {
  int INVALID_INDEX = -1;

  int CONTEXT_NOAUTOSPAWN = 0x1;
  int CONTEXT_READY = 4;
  int CONTEXT_FAILED = 5;
  int CONTEXT_TERMINATED = 6;

  int SUBSCRIPTION_MASK_SINK = 0x1;
  int SUBSCRIPTION_MASK_SOURCE = 0x2;
  int SUBSCRIPTION_MASK_SINK_INPUT = 0x4;
  int SUBSCRIPTION_MASK_SOURCE_OUTPUT = 0x8;
  int SUBSCRIPTION_MASK_SERVER = 0x80;

  int SUBSCRIPTION_EVENT_FACILITY_MASK = 0x0F;
  int SUBSCRIPTION_EVENT_SINK = 0x0;
  int SUBSCRIPTION_EVENT_SOURCE = 0x1;
  int SUBSCRIPTION_EVENT_SINK_INPUT = 0x2;
  int SUBSCRIPTION_EVENT_SOURCE_OUTPUT = 0x3;
  int SUBSCRIPTION_EVENT_SERVER = 0x7;
  int SUBSCRIPTION_EVENT_TYPE_MASK = 0x30;
  int SUBSCRIPTION_EVENT_REMOVE = 0x20;

  /** Loads libpulse; throws {@link LinkageError} where there is none (or JNA cannot load). */
  static PulseLib load() {
    Map<String, Object> options = Map.of(Library.OPTION_STRING_ENCODING, "UTF-8");
    LinkageError first = null;
    // The versioned name first: without libpulse-dev there is no plain libpulse.so on Linux.
    for (String name : new String[] {"libpulse.so.0", "pulse"}) {
      try {
        return Native.load(name, PulseLib.class, options);
      } catch (LinkageError e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    throw first;
  }

  /** A C string from libpulse, or null. */
  static String utf8(Pointer p) {
    return p == null ? null : p.getString(0, "UTF-8");
  }

  /** {@code pa_context_notify_cb_t} (state changes). */
  interface ContextNotifyCb extends Callback {
    void invoke(Pointer context, Pointer userdata);
  }

  /** {@code pa_context_success_cb_t}. */
  interface SuccessCb extends Callback {
    void invoke(Pointer context, int success, Pointer userdata);
  }

  /** {@code pa_context_subscribe_cb_t}. */
  interface SubscribeCb extends Callback {
    void invoke(Pointer context, int eventType, int index, Pointer userdata);
  }

  /** {@code pa_server_info_cb_t}; {@code info} is null on failure. */
  interface ServerInfoCb extends Callback {
    void invoke(Pointer context, Pointer info, Pointer userdata);
  }

  /**
   * The shape shared by {@code pa_sink_info_cb_t}, {@code pa_source_info_cb_t}, {@code
   * pa_sink_input_info_cb_t} and {@code pa_source_output_info_cb_t}: one call per item with
   * {@code eol == 0}, then one with {@code eol > 0} (done) or {@code eol < 0} (failed).
   */
  interface InfoListCb extends Callback {
    void invoke(Pointer context, Pointer info, int eol, Pointer userdata);
  }

  Pointer pa_mainloop_new();

  Pointer pa_mainloop_get_api(Pointer mainloop);

  int pa_mainloop_prepare(Pointer mainloop, int timeoutUsec);

  int pa_mainloop_poll(Pointer mainloop);

  int pa_mainloop_dispatch(Pointer mainloop);

  void pa_mainloop_wakeup(Pointer mainloop);

  void pa_mainloop_free(Pointer mainloop);

  Pointer pa_context_new(Pointer api, String name);

  void pa_context_set_state_callback(Pointer context, ContextNotifyCb cb, Pointer userdata);

  int pa_context_connect(Pointer context, String server, int flags, Pointer spawnApi);

  int pa_context_get_state(Pointer context);

  int pa_context_errno(Pointer context);

  Pointer pa_strerror(int error);

  void pa_context_disconnect(Pointer context);

  void pa_context_unref(Pointer context);

  void pa_context_set_subscribe_callback(Pointer context, SubscribeCb cb, Pointer userdata);

  Pointer pa_context_subscribe(Pointer context, int mask, SuccessCb cb, Pointer userdata);

  Pointer pa_context_get_server_info(Pointer context, ServerInfoCb cb, Pointer userdata);

  Pointer pa_context_get_sink_info_list(Pointer context, InfoListCb cb, Pointer userdata);

  Pointer pa_context_get_source_info_list(Pointer context, InfoListCb cb, Pointer userdata);

  Pointer pa_context_get_sink_input_info_list(Pointer context, InfoListCb cb, Pointer userdata);

  Pointer pa_context_get_source_output_info_list(Pointer context, InfoListCb cb, Pointer userdata);

  Pointer pa_context_move_sink_input_by_name(Pointer context, int index, String sinkName, SuccessCb cb,
      Pointer userdata);

  Pointer pa_context_move_source_output_by_name(Pointer context, int index, String sourceName, SuccessCb cb,
      Pointer userdata);

  void pa_operation_unref(Pointer operation);

  Pointer pa_proplist_gets(Pointer proplist, String key);
}
