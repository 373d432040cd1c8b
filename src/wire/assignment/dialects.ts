import { z } from 'zod';
import { makeAddress, parseAddress, parsePort, type Address } from '../address';
import { type ErrorCode, fail, ok, type Result } from '../errors';
import { MAX_PEER_NAME_CHARS } from '../limits';
import { type Dialect, type Incoming, JsonWireSchema, KeyValueWireSchema } from '../schemas';
import { classifyNameWord, classifyWord } from './words';

/** What the parser knows about where the text came from. */
export interface SourceContext {
  /** The normalised IP of the TCP peer, used where a form carries only a port. */
  sourceIp: string;
}

// Header IPs seen in the wild that name no host: identity falls back to the source IP.
const PLACEHOLDER_HOSTS = new Set(['unknown', '0.0.0.0', 'localhost', '::']);
const PLACEHOLDER_IPS = new Set(['0.0.0.0', '::']);

const HEADER = /^(?:<([^<>\s]+)>|([^<>\s]+))[ \t]+(\S+)(?:[ \t]+([\s\S]*))?$/;
const BLOCK_HEADER = /^<([^<>\s]+)>[ \t]+(?:\[[^\]]*\][ \t]+)?@[ \t]*<?([^<>\s]+)>?[ \t]*$/;

/** `IP:PORT` from a header, with placeholder hosts replaced by the source IP. */
export function parseHeaderAddress(text: string, context: SourceContext): Result<Address> {
  // The common case first: a real address, answered from parseAddress's cache.
  const direct = parseAddress(text);
  if (direct.ok && !PLACEHOLDER_IPS.has(direct.value.ip)) return direct;
  const colon = text.lastIndexOf(':');
  const host = colon > 0 ? text.slice(0, colon).toLowerCase() : '';
  if (PLACEHOLDER_HOSTS.has(host)) {
    const port = parsePort(text.slice(colon + 1));
    if (port === null) return fail('E_BAD_PORT', `not a port from 1 to 65535: ${text}`);
    return ok(makeAddress(context.sourceIp, port));
  }
  return parseAddress(text);
}

function unparsed(text: string, code: ErrorCode): Incoming {
  return { kind: 'unparsed', text, code };
}

/** Builds chat, connect or leave from the parts every form shares. */
export function classify(from: Address, name: string, text: string, dialect: Dialect): Incoming {
  const word = classifyWord(text);
  if (word === 'leave') return { kind: 'leave', from, name, dialect, word: text.trim() };
  if (word === 'connect') return { kind: 'connect', from, name, dialect, word: text.trim() };
  return { kind: 'chat', from, name, dialect, text };
}

function parseHeaderForm(text: string, context: SourceContext): Incoming {
  const match = HEADER.exec(text);
  if (!match) return unparsed(text, text.includes(' ') ? 'E_NO_HEADER' : 'E_NO_NAME');
  // Indexed, not destructured: destructuring a match array iterates it (a flood's cost).
  const bracketed = match[1];
  const bare = match[2];
  const name = match[3] ?? '';
  const body = match[4];
  const address = parseHeaderAddress(bracketed ?? bare ?? '', context);
  if (!address.ok) return unparsed(text, address.error.code);
  const dialect: Dialect = bracketed === undefined ? 'std' : 'bracketed';
  // `<IP:PORT> DISCONNECT`, `IP:PORT exit`: a control word where the name would be.
  if (body === undefined) {
    const word = classifyNameWord(name);
    if (word !== null) return { kind: word, from: address.value, name: '', dialect, word: name };
  }
  if (name.length > MAX_PEER_NAME_CHARS) return unparsed(text, 'E_NO_NAME');
  return classify(address.value, name, body ?? '', dialect);
}

function firstIssueCode(error: z.ZodError): ErrorCode {
  return error.issues.some(
    (i) => i.path.includes('sender_port') || i.path.includes('LISTENING_PORT'),
  )
    ? 'E_BAD_PORT'
    : 'E_BAD_FIELDS';
}

function parseJsonForm(text: string, context: SourceContext): Incoming {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return unparsed(text, 'E_BAD_JSON');
  }
  const parsed = JsonWireSchema.safeParse(raw);
  if (!parsed.success) return unparsed(text, firstIssueCode(parsed.error));
  const { type, sender_name: name = '', sender_port: port } = parsed.data;
  const from = makeAddress(context.sourceIp, port);
  if (type === 'exit') return { kind: 'leave', from, name, dialect: 'json', word: 'exit' };
  if (type === 'connect') return { kind: 'connect', from, name, dialect: 'json', word: 'connect' };
  const body = parsed.data.content ?? parsed.data.message;
  if (type !== 'message' || body === undefined) return unparsed(text, 'E_BAD_FIELDS');
  return classify(from, name, body, 'json');
}

function parseKeyValueForm(text: string, context: SourceContext): Incoming {
  const [portPart = '', namePart = '', ...rest] = text.split('|');
  const fields = Object.fromEntries(
    [portPart, namePart].map((part) => [
      part.slice(0, part.indexOf(':')),
      part.slice(part.indexOf(':') + 1),
    ]),
  );
  const parsed = KeyValueWireSchema.safeParse({ ...fields, text: rest.join('|') });
  if (!parsed.success) return unparsed(text, firstIssueCode(parsed.error));
  const from = makeAddress(context.sourceIp, parsed.data.LISTENING_PORT);
  return classify(from, parsed.data.TEAM_NAME, parsed.data.text, 'kv');
}

/** One complete message's text to a typed message. Never throws on any input. */
export function parseMessage(text: string, context: SourceContext): Incoming {
  if (text.trim() === '') return unparsed(text, 'E_EMPTY');
  if (text.startsWith('{')) return parseJsonForm(text, context);
  if (text.startsWith('LISTENING_PORT:')) return parseKeyValueForm(text, context);
  return parseHeaderForm(text, context);
}

/** The first line of the block form: `<IP:PORT> [ts] @ team`. */
export function parseBlockHeader(
  line: string,
  context: SourceContext,
): Result<{ from: Address; name: string }> {
  const match = BLOCK_HEADER.exec(line);
  if (!match) return fail('E_NO_HEADER', 'not a block header');
  const address = parseHeaderAddress(match[1] ?? '', context);
  if (!address.ok) return address;
  return ok({ from: address.value, name: match[2] ?? '' });
}

/** The first line of the port-preamble form: a bare listening port. */
export function parsePreamblePort(line: string): number | null {
  const trimmed = line.trim();
  if (!/^\d{1,5}$/.test(trimmed)) return null;
  const port = Number(trimmed);
  return port >= 1 && port <= 65535 ? port : null;
}
