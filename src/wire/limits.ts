/** Every cap and timeout of the wire, in one place (docs/protocol.md explains each). */
export const LIMITS = {
  /** A line, or an unterminated buffer, longer than this drops the connection. */
  maxFrameBytes: 64 * 1024,
  /** Python receivers cut at recv(1024): messages to unknown peers are split below this. */
  maxStdMessageBytes: 1000,
  /** Undelimited text on a persistent connection ends after this much silence. */
  idleGapMs: 300,
  /** An outgoing connection that has not connected by then has failed. */
  connectTimeoutMs: 5000,
  /** After our write is flushed we keep the socket this long to read a reply, then drop it. */
  replyLingerMs: 1500,
  /**
   * The connect that asks whether an address runs peer-tui waits at least this long for
   * the answer (more on a slower path: four times its connect time, at most replyLingerMs).
   */
  probeMinWaitMs: 250,
  /** Quit waits this long for its `exit` sends. */
  quitGraceMs: 2000,
  /** An inbound connection silent this long is closed. */
  inboundIdleMs: 5 * 60 * 1000,
  /** A connection with no complete message this long after it opened is closed (slowloris). */
  firstMessageMs: 10_000,
  /** This many unparsed messages in a row end a connection (noise, not a peer). */
  unparsedStreak: 8,
  /**
   * Inbound connections held at once; past it the longest idle one is closed for the new
   * one. Also kept below the open-files limit (carriers/tcp/fd-limit.ts).
   */
  maxInbound: 16_384,
  /**
   * Peers kept in the table: every new header port is a new peer, so spoofed headers could
   * grow it without end. Past it the longest silent peer not in a conversation (we never
   * wrote to it, nothing waits for it) is forgotten to make room.
   */
  maxPeers: 20_000,
  /** Rooms one peer-tui is in at once, and room proofs a hello may carry. */
  maxRooms: 32,
  /** Unacknowledged room messages per member connection before it counts as stuck. */
  maxRoomInFlight: 1024,
  /** A room member silent this long (no keep-alive either) is taken as gone. */
  roomIdleMs: 10_000,
  /**
   * A room connection whose other end sent no hello in this time is closed, so Hyperswarm
   * dials again: a peer-tui says hello at once, and a restarted member's first connection
   * can be one the other end already dropped as a duplicate (it would wait out roomIdleMs).
   */
  roomHelloMs: 4_000,
  /** A member whose connection closed and did not come back in this time is shown left. */
  roomGraceMs: 3_000,
  /** Hyperswarm connections held at once (its `maxPeers`): a full mesh of a class. */
  maxRoomPeers: 256,
  /**
   * DHT nodes `peer-tui seed` runs: hyperdht's NAT check pings four nodes (its
   * `_minSamples`) and decides from three answers, so a member needs four nodes besides
   * itself to learn its NAT and hole-punch; one more so a slow node does not leave it
   * short; under eight, past which the check skips the five newest nodes it knows.
   */
  seedDhtNodes: 5,
  /**
   * The UDP port of LAN discovery for rooms (`--lan-port`; its multicast group is fixed).
   * Below Linux's ephemeral range, and away from hyperdht's, whose nodes take 49737 and up
   * (a seed's five, or several members on one machine, would hold a port there).
   */
  lanPort: 29739,
  /**
   * LAN beacons read per second, the rest dropped unread: each costs a hash per room we
   * are in, and anyone on the LAN can send them. A class of a few hundred beacons every
   * 10 s stays far below it.
   */
  lanBeaconsPerSecond: 200,
  /**
   * Members dialled from LAN beacons per minute: a beacon names the address dialled, so
   * someone who knows a room could otherwise make us send handshakes anywhere on the LAN.
   */
  lanDialsPerMinute: 60,
  /**
   * Connections a blind relay holds at once: each relayed pair takes two, and past the cap a
   * newcomer is closed, not the pairs in use. The seed's serves a class (a few hundred
   * members behind random NATs, each with its --room-peers connections); a member relaying
   * for its rooms lends a few.
   */
  seedRelaySessions: 4096,
  memberRelaySessions: 64,
  /** Relays given with `--relay` (and `relay` in the config). */
  maxRelays: 16,
  /** Room connections held at once by default (`--room-peers`): see docs/scale.md. */
  defaultRoomPeers: 8,
  /** Earlier messages a room's view shows on joining, by default (`--room-backlog`). */
  defaultRoomBacklog: 200,
  maxRoomBacklog: 10_000,
  /** Member logs followed per room, and in all rooms together. */
  maxRoomMembers: 256,
  maxRoomLogs: 1024,
  /** One log entry, encoded (its text is capped by this less the rest). */
  maxRoomEntryBytes: 8192,
  /** Logs an entry's clock may name (what its author had seen). */
  maxRoomSeen: 64,
  /** Entries and bytes one member may add per minute before it is muted. */
  roomEntriesPerMinute: 120,
  roomBytesPerMinute: 256 * 1024,
  /** Disk one member's log may take in a room; past it the oldest blocks are cleared. */
  roomLogBytes: 16 * 1024 * 1024,
  /** Members you may `/ignore`. */
  maxIgnored: 1024,
  /** How often a member at its room-connection cap lets one go to meet another. */
  roomRotateMs: 15_000,
  /** One block of a shared file's Hypercore (issue 23): the unit verified and resumed. */
  fileBlockBytes: 256 * 1024,
  /** The largest block or piece an offer may name (a 64 GiB file has 4 MiB pieces). */
  maxFileBlockBytes: 64 * 1024 * 1024,
  /** A piece of a file sent between two peer-tui: each checked by its hash as it comes. */
  filePieceBytes: 1024 * 1024,
  /** Pieces a file has at most (bigger files have bigger pieces): its hash list's length. */
  maxFilePieces: 16_384,
  /** A files connection's control message (JSON; the hash list is the longest). */
  maxFileControlBytes: 16_384 * 67 + 64,
  /** Files offered to us over files connections we keep answering for (past it: refused). */
  maxDirectShares: 256,
  /** The longest offered file name read (past it the offer is refused; saved shorter). */
  maxOfferedNameChars: 4096,
  /** Offers kept (shown, acceptable) at once; past it the oldest settled ones go. */
  maxFileOffers: 256,
  /** Offers one member may have waiting for an answer; past it its offers are refused. */
  maxOffersPerPeer: 32,
  /** Transfers running at once, both ways; more accepted ones wait their turn. */
  maxTransfers: 8,
  /** Files kept open to serve a room (ours and those received), all rooms together. */
  maxHeldFiles: 256,
  /** Default caps (`file-max`, `files-total`): one file, and all files kept at once. */
  defaultFileMaxBytes: 4 * 1024 ** 3,
  defaultFilesTotalBytes: 16 * 1024 ** 3,
  /** `file-progress` events per transfer at most this often. */
  fileProgressMs: 250,
  /** Pending connections the kernel queues for accept. */
  listenBacklog: 4096,
} as const;

/** Team names we accept on the command line and send: 1-32 of [A-Za-z0-9_.-]. */
export const OWN_NAME_PATTERN = /^[A-Za-z0-9_.-]{1,32}$/;

/** Names we accept from peers: any run of non-space characters, capped. */
export const MAX_PEER_NAME_CHARS = 64;
