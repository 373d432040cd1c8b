import { LIMITS } from './limits';

/** The longest `IP:PORT` we may write: a full IPv6 address in brackets. */
const MAX_ADDRESS_CHARS = '[ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff]:65535'.length;

/** `IP:PORT NAME TEXT`: the assignment's form; no terminator (findings.md). */
export function formatStd(ownAddressKey: string, name: string, text: string): string {
  return `${ownAddressKey} ${name} ${text}`;
}

/** `ID IP:PORT NAME TEXT\n` for a peer-tui link; newlines in the text become spaces. */
export function formatLinkLine(id: string, header: string, text: string): string {
  return `${id} ${header} ${text.replace(/\r?\n|\r/g, ' ')}\n`;
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
export type ReplyForm = 'std' | 'json' | 'kv' | 'block';

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
    case 'std':
      return formatStd(own.addressKey, own.name, text);
  }
}

/** The form to answer a peer in, given the form it last wrote to us in. */
export function replyFormFor(dialect: string | null): ReplyForm {
  return dialect === 'json' || dialect === 'kv' || dialect === 'block' ? dialect : 'std';
}
