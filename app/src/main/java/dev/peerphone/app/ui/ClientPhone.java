package dev.peerphone.app.ui;

import dev.peerphone.app.PeerClient;
import dev.peerphone.app.rtc.AudioState;
import dev.peerphone.app.rtc.FrameTap;
import dev.peerphone.app.rtc.PhoneSound;
import dev.peerphone.app.rtc.VideoQuality;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;

/** {@link Phone} over the real engine: a thin pass-through to {@link PeerClient}. */
final class ClientPhone implements Phone {
  private final PeerClient client;

  ClientPhone(PeerClient client) {
    this.client = client;
  }

  @Override
  public void call(String peer) {
    client.calls().call(peer);
  }

  @Override
  public void accept(String peer) {
    client.calls().accept(peer);
  }

  @Override
  public void reject(String peer) {
    client.calls().reject(peer);
  }

  @Override
  public void hangup(String peer) {
    client.calls().hangup(peer);
  }

  @Override
  public void sendChat(String peer, String text) {
    client.calls().sendChat(peer, text);
  }

  @Override
  public void setPaused(String kind, boolean paused) {
    client.calls().setPaused(kind, paused);
  }

  @Override
  public void setRelayOnly(boolean relayOnly) {
    client.calls().setRelayOnly(relayOnly);
  }

  @Override
  public void setMultiCall(boolean on) {
    client.calls().setMultiCall(on);
  }

  @Override
  public boolean setRemoteMuted(String peer, boolean muted) {
    return client.media().audio().setRemoteMuted(peer, muted);
  }

  @Override
  public Map<String, Boolean> remotePlaying() {
    return client.media().audio().remotePlaying();
  }

  @Override
  public void find() {
    client.calls().find();
  }

  @Override
  public void next() {
    client.calls().next();
  }

  @Override
  public void stopRoulette() {
    client.calls().stopRoulette();
  }

  @Override
  public List<String> cameras() {
    return client.media().cameraNames();
  }

  @Override
  public List<String> microphones() {
    return client.media().audio().microphones();
  }

  @Override
  public String currentCamera() {
    return client.media().currentCamera();
  }

  @Override
  public void selectCamera(String name) {
    client.media().selectCamera(name);
  }

  @Override
  public boolean selectMicrophone(String name) {
    return client.media().audio().selectMicrophone(name);
  }

  @Override
  public String shareScreen(String screen) {
    try {
      return client.media().shareScreen(screen);
    } catch (IllegalStateException e) { // the engine wraps what failed on its executor
      throw new IllegalStateException(e.getCause() != null ? e.getCause().getMessage() : e.getMessage(), e);
    }
  }

  @Override
  public void stopSharing() {
    client.media().stopSharing();
  }

  @Override
  public void setOnSharingEnded(java.util.function.Consumer<String> listener) {
    client.media().setOnSharingEnded(listener);
  }

  @Override
  public void setVideoQuality(VideoQuality q) {
    client.media().setVideoQuality(q);
  }

  @Override
  public VideoQuality videoQuality() {
    return client.media().videoQuality();
  }

  @Override
  public List<String> speakers() {
    return client.media().audio().speakers();
  }

  @Override
  public boolean selectSpeaker(String name) {
    return client.media().audio().selectSpeaker(name);
  }

  @Override
  public AudioState audioState() {
    return client.media().audio().state();
  }

  @Override
  public void setAudioListeners(Consumer<AudioState> changed, Runnable devicesChanged) {
    client.media().audio().setOnChanged(changed);
    client.media().audio().setOnDevicesChanged(devicesChanged);
  }

  @Override
  public Map<String, Double> remoteLevels() {
    return client.media().audio().remoteLevels();
  }

  @Override
  public AutoCloseable startInputMeter(DoubleConsumer level) {
    return client.media().audio().startInputMeter(level);
  }

  @Override
  public void play(PhoneSound sound) {
    client.media().audio().play(sound);
  }

  @Override
  public void stopRinging() {
    client.media().audio().stopRinging();
  }

  @Override
  public void setFrameTap(FrameTap tap) {
    client.media().setFrameTap(tap);
  }

  @Override
  public void close() {
    client.close();
  }
}
