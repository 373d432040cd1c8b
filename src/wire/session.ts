import { makeAddress, type Address } from './address';
import {
  classify,
  parseBlockHeader,
  parseMessage,
  parsePreamblePort,
  type SourceContext,
} from './assignment/dialects';
import {
  DEFAULT_LINK_VERSION,
  formatCapabilityReply,
  formatLinkAck,
  LINK_HELLO,
  parseSecureHello,
  SECURE_READY,
  splitLinkLine,
  type LinkVersion,
} from './link';
import type { Incoming } from './schemas';
import { classifyWord } from './assignment/words';

/** A message, with the sender's id when it came over a peer-tui link (for de-duplication). */
export type SessionMessage = Incoming & { linkId?: string };

/** What one inbound connection's text produced: messages, and what to write back. */
export interface SessionOutput {
  messages: SessionMessage[];
  replies: string[];
  /**
   * A secure hello: after the replies, the connection's bytes are a Noise handshake and an
   * encrypted stream, for the peer at this address (carriers/link/link-negotiation.ts takes over).
   */
  upgrade?: Address;
  /** The upgrade opens a files connection (issue 23), not a link. */
  files?: boolean;
}

type Mode =
  | { kind: 'lines'; replied: boolean }
  | { kind: 'preamble'; from: Address; name: string | null; speaker: Address | null }
  | { kind: 'block'; from: Address; name: string; lines: string[] }
  | { kind: 'link' }
  | { kind: 'upgraded' };

const END_OF_BLOCK = '<end>';
const PREAMBLE_ACK = 'ack\n';
const TWO_TOKEN_CONNECT_REPLY = 'CONNECTED\n';

/**
 * Turns the lines of one inbound connection into messages. Pure: the caller feeds it
 * lines from a LineDecoder and writes the replies. The first line picks the form: a bare
 * port starts the port-preamble form, `<IP:PORT> @ team` a block, `peer-tui/1 hello` a
 * plain peer-tui link, `peer-tui/2 hello IP:PORT` an encrypted one (handed over: `upgrade`);
 * anything else is one message per line.
 *
 * Replies are only what a sender waits for (preamble and link acks, the answer to a connect
 * word) while it may still be sending: a reply reaching a socket its sender has closed, or
 * left unread when it closes, makes the sender's kernel reset the connection, and the reset
 * throws away whatever it had not delivered yet. The capability reply waits for `end()`.
 */
export class InboundSession {
  private mode: Mode = { kind: 'lines', replied: false };
  private first = true;
  /** A chat sender to tell of peer-tui once it has stopped sending (its key). */
  private capabilityFor: string | null = null;
  private ended = false;

  constructor(
    private readonly context: SourceContext,
    /** `IP:PORT NAME` of this node as seen on this connection, for replies (asked lazily). */
    private readonly selfHeader: () => string,
    /**
     * Whether to tell this sender of a chat message that we speak peer-tui. Asked once per
     * connection; a sender told recently need not be told again (a write per message).
     */
    private readonly advertiseTo: (fromKey: string) => boolean = () => true,
    /** The link version this node speaks and advertises. */
    private readonly version: LinkVersion = DEFAULT_LINK_VERSION,
  ) {}

  /** The lines inside an encrypted link: link lines from the first one. */
  static insideLink(context: SourceContext): InboundSession {
    const session = new InboundSession(context, () => '');
    session.first = false;
    session.mode = { kind: 'link' };
    return session;
  }

  line(text: string): SessionOutput {
    const output: SessionOutput = { messages: [], replies: [] };
    if (this.first) {
      this.first = false;
      if (this.start(text, output)) return output;
    }
    this.continue(text, output);
    return output;
  }

  /**
   * The sender stopped: it half-closed, or the connection closed or reset. A block still
   * open is complete; a port-preamble sender, whose connection is its session, has left;
   * a chat sender hears of our capability now (written only if the socket still is).
   * Only the first call counts.
   */
  end(): SessionOutput {
    const output: SessionOutput = { messages: [], replies: [] };
    if (this.ended) return output;
    this.ended = true;
    const mode = this.mode;
    if (mode.kind === 'block') this.closeBlock(mode, output);
    if (mode.kind === 'preamble' && mode.speaker !== null) {
      const name = mode.name ?? '';
      output.messages.push({
        kind: 'leave',
        from: mode.speaker,
        name,
        dialect: 'preamble',
        word: '',
      });
    }
    this.tellCapability(output);
    return output;
  }

  /** A chat sender told of peer-tui yet? (then a pause in its sending is worth a look) */
  get capabilityPending(): boolean {
    return this.capabilityFor !== null;
  }

  /**
   * The sender paused after a chat with the connection still open: some senders wait
   * there for any reply (about 5 s) and call us unreachable without one. Tell it now.
   */
  idle(): SessionOutput {
    const output: SessionOutput = { messages: [], replies: [] };
    this.tellCapability(output);
    return output;
  }

  /** The capability reply, once per connection. */
  private tellCapability(output: SessionOutput): void {
    const to = this.capabilityFor;
    this.capabilityFor = null;
    if (to !== null && this.advertiseTo(to))
      output.replies.push(formatCapabilityReply(this.selfHeader(), false, this.version));
  }

  /** Returns true when the first line only chose the form. */
  private start(text: string, output: SessionOutput): boolean {
    if (text.trim() === LINK_HELLO) {
      this.mode = { kind: 'link' };
      return true;
    }
    const secure = this.version === 2 ? parseSecureHello(text) : null;
    if (secure !== null) {
      // The sender waits for this answer before its handshake: writing it now loses nothing.
      this.mode = { kind: 'upgraded' };
      output.replies.push(`${SECURE_READY}\n`);
      output.upgrade = secure.from;
      if (secure.files) output.files = true;
      return true;
    }
    const port = parsePreamblePort(text);
    if (port !== null) {
      const from = makeAddress(this.context.sourceIp, port);
      this.mode = { kind: 'preamble', from, name: null, speaker: null };
      output.replies.push(PREAMBLE_ACK);
      return true;
    }
    return this.tryOpenBlock(text);
  }

  private tryOpenBlock(text: string): boolean {
    if (!text.startsWith('<')) return false; // spares most lines the block header's regex
    const header = parseBlockHeader(text, this.context);
    if (!header.ok) return false;
    this.mode = { kind: 'block', ...header.value, lines: [] };
    return true;
  }

  private continue(text: string, output: SessionOutput): void {
    const mode = this.mode;
    switch (mode.kind) {
      case 'lines':
        if (this.tryOpenBlock(text)) return;
        return this.plainLine(mode, text, output);
      case 'link':
        return this.linkLine(text, output);
      case 'upgraded':
        return; // bytes past the hello belong to the handshake, never to the lines
      case 'preamble':
        return this.preambleLine(mode, text, output);
      case 'block':
        if (text.trim().toLowerCase() === END_OF_BLOCK) return this.closeBlock(mode, output);
        mode.lines.push(text);
        return;
    }
  }

  /** `ID IP:PORT NAME TEXT`: acknowledged by id once parsed, whatever it says. */
  private linkLine(text: string, output: SessionOutput): void {
    const line = splitLinkLine(text);
    if (!line) {
      output.messages.push(parseMessage(text, this.context));
      return;
    }
    output.messages.push({ ...parseMessage(line.rest, this.context), linkId: line.id });
    output.replies.push(formatLinkAck(line.id));
  }

  private plainLine(mode: { replied: boolean }, text: string, output: SessionOutput): void {
    const message = parseMessage(text, this.context);
    output.messages.push(message);
    if (mode.replied || (message.kind !== 'chat' && message.kind !== 'connect')) return;
    if (message.dialect !== 'std' && message.dialect !== 'bracketed') return;
    mode.replied = true;
    // A connect word is answered at once: one client waits for `connected` as the third
    // word, reading; one that wrote no team name (`IP:PORT CONNECT_REQUEST`) compares the
    // whole reply with `CONNECTED`.
    if (message.kind === 'connect')
      output.replies.push(
        message.name === ''
          ? TWO_TOKEN_CONNECT_REPLY
          : formatCapabilityReply(this.selfHeader(), true, this.version),
      );
    else this.capabilityFor = message.from.key;
  }

  /** `6011\nCONNECT\n` + header lines, or `6012\nteam\nCONNECT\n` + bare lines; ack each. */
  private preambleLine(
    mode: Extract<Mode, { kind: 'preamble' }>,
    text: string,
    output: SessionOutput,
  ): void {
    output.replies.push(PREAMBLE_ACK);
    const trimmed = text.trim();
    if (trimmed === '') return;
    if (mode.name === null && classifyWord(trimmed) === null && !/\s/.test(trimmed)) {
      mode.name = trimmed;
      return;
    }
    const parsed = parseMessage(text, this.context);
    // Header lines and bare lines are two variants: each is answered in its own (format.ts).
    const message =
      parsed.kind === 'unparsed'
        ? classify(mode.from, mode.name ?? '', text, 'preamble')
        : { ...parsed, dialect: 'preamble-header' as const };
    // After its leave word, its close says nothing more.
    if (message.kind !== 'unparsed') mode.speaker = message.kind === 'leave' ? null : message.from;
    output.messages.push(message);
  }

  private closeBlock(mode: Extract<Mode, { kind: 'block' }>, output: SessionOutput): void {
    output.messages.push(classify(mode.from, mode.name, mode.lines.join('\n'), 'block'));
    this.mode = { kind: 'lines', replied: true };
  }
}
