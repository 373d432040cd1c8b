import { LIMITS } from '../limits';

/** The longest `IP:PORT` we may write: a full IPv6 address in brackets. */
const MAX_ADDRESS_CHARS = '[ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff]:65535'.length;

/** `IP:PORT NAME TEXT`: the assignment's form; no terminator (findings.md). */
export function formatStd(ownAddressKey: string, name: string, text: string): string {
  return `${ownAddressKey} ${name} ${text}`;
}

/**
 * Text that would not fit a receiver's single 1024-byte `recv` once the header is added,
 * cut into parts that do, at spaces where possible and never inside a character.
 */
export function splitForStd(
  text: string,
  name: string,
  maxBytes: number = LIMITS.maxStdMessageBytes,
): string[] {
  const budget = Math.max(16, maxBytes - MAX_ADDRESS_CHARS - Buffer.byteLength(name) - 2);
  if (Buffer.byteLength(text) <= budget) return [text];
  const parts: string[] = [];
  let rest = text;
  while (Buffer.byteLength(rest) > budget) {
    const cut = cutPoint(rest, budget);
    parts.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest.length > 0) parts.push(rest);
  return parts;
}

/** The largest code-point boundary within `budget` bytes, pulled back to a space if near. */
function cutPoint(text: string, budget: number): number {
  let bytes = 0;
  let index = 0;
  for (const char of text) {
    const size = Buffer.byteLength(char);
    if (bytes + size > budget) break;
    bytes += size;
    index += char.length;
  }
  const space = text.lastIndexOf(' ', index);
  return space > index / 2 ? space + 1 : Math.max(index, 1);
}

/** The forms we can answer a peer in: the one it wrote to us, so it surely reads it. */
export type ReplyForm = 'std' | 'bracketed' | 'json' | 'kv' | 'block' | PortFirstVariant;

/**
 * The port-first forms, written on a held connection (carriers/tcp/port-first-link.ts): bare text
 * lines after `PORT\nTEAM\nCONNECT\n`, or `IP:PORT NAME TEXT` lines after `PORT\nCONNECT\n`.
 * Their receivers read the opening with one `recv`, then one message per `recv`, each
 * answered with an ack their sender waits for.
 */
export type PortFirstVariant = 'preamble' | 'preamble-header';

export function formatPortFirstOpening(variant: PortFirstVariant, own: OwnIdentity): string {
  return variant === 'preamble' ? `${own.port}\n${own.name}\nCONNECT\n` : `${own.port}\nCONNECT\n`;
}

/**
 * One message on a port-first connection. Their receivers compare the whole stripped text
 * with `exit`, so a leave is the bare word in both variants; one message is one line.
 */
export function formatPortFirstLine(
  variant: PortFirstVariant,
  own: OwnIdentity,
  kind: 'chat' | 'leave',
  text: string,
): string {
  if (kind === 'leave') return 'exit\n';
  const line = text.replace(/\r?\n|\r/g, ' ');
  return variant === 'preamble' ? `${line}\n` : `${own.addressKey} ${own.name} ${line}\n`;
}

export interface OwnIdentity {
  /** `IP:PORT` as the peer should see it. */
  addressKey: string;
  port: number;
  name: string;
}

/** One outgoing message in `form`; `kind` matters where a form has its own control words. */
export function formatIn(
  form: ReplyForm,
  own: OwnIdentity,
  kind: 'chat' | 'connect' | 'leave',
  text: string,
): string {
  switch (form) {
    case 'json': {
      const type = kind === 'chat' ? 'message' : kind === 'leave' ? 'exit' : 'connect';
      return JSON.stringify({ type, content: text, sender_name: own.name, sender_port: own.port });
    }
    case 'kv':
      return `LISTENING_PORT:${own.port}|TEAM_NAME:${own.name}|${text}`;
    case 'block':
      if (kind === 'leave') return `<${own.addressKey}> DISCONNECT`;
      return `<${own.addressKey}> @ ${own.name}\n${text}\n<end>`;
    case 'bracketed':
      // A reader of `<IP:PORT>` strips one character off each end of the header it reads.
      return `<${own.addressKey}> ${own.name} ${text}`;
    case 'std':
    case 'preamble':
    case 'preamble-header':
      return formatStd(own.addressKey, own.name, text);
  }
}

const REPLY_FORMS = new Set<string>([
  'bracketed',
  'json',
  'kv',
  'block',
  'preamble',
  'preamble-header',
] satisfies ReplyForm[]);

/** The form to answer a peer in, given the form it last wrote to us in. */
export function replyFormFor(dialect: string | null): ReplyForm {
  return dialect !== null && REPLY_FORMS.has(dialect) ? (dialect as ReplyForm) : 'std';
}

export function isPortFirst(form: ReplyForm): form is PortFirstVariant {
  return form === 'preamble' || form === 'preamble-header';
}
