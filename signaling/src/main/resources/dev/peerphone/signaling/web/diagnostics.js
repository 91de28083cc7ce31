// window.peerphone: a read-only view of the page for diagnostics and the interop tests.

/** @param {object} app {state, signaling, calls (Map), ice, callOf(name)} */
export function diagnostics({ state, signaling, calls, ice, callOf }) {
  return {
    get me() { return state.me; },
    get logins() { return state.logins; },
    get signaling() { return signaling; },
    get users() { return state.users; },
    calls: () => [...calls.values()].map((c) => ({
      peer: c.peer, state: c.state, chatOpen: c.chatOpen, roulette: c.roulette, peerjs: !!c.peerjs,
      ice: c.pc ? c.pc.iceConnectionState : null, remotePaused: { ...c.remotePaused },
      sending: c.pc ? c.pc.getSenders().map((s) => s.track && s.track.id).filter(Boolean) : [],
      directions: c.pc ? c.pc.getTransceivers().map((t) => `${t.receiver.track.kind}:${t.currentDirection}`) : [],
    })),
    ice: () => ({ relayOnly: ice.relayOnly, serverRelay: ice.serverRelay, stale: ice.stale, requests: ice.requests }),
    selectedPair: async (peer) => { const c = callOf(peer); return c ? c.selectedPair() : null; },
    framesDecoded: async (peer) => { const c = callOf(peer); return c ? c.framesDecoded() : 0; },
    audioPackets: async (peer) => { const c = callOf(peer); return c ? c.audioPackets() : 0; },
  };
}
