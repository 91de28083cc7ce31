// The reference PeerServer (peer@1.0.2, unmodified) for the signaling module's differential test and the app's
// PeerJsBrowserTest (both through signaling/src/test/.../peerjs/ReferencePeerServer.java): started as a
// throwaway process on a free loopback port; prints "PeerServer listening on PORT" once it listens.
// Usage: node peerserver.js PATH ALIVE_TIMEOUT_MS EXPIRE_TIMEOUT_MS
const { PeerServer } = require("peer");

const [path = "/peerjs", alive = "90000", expire = "5000"] = process.argv.slice(2);
PeerServer(
  {
    host: "127.0.0.1",
    port: 0,
    path,
    key: "peerjs",
    alive_timeout: Number(alive),
    expire_timeout: Number(expire),
    allow_discovery: true,
  },
  (server) => console.log("PeerServer listening on " + server.address().port),
);
