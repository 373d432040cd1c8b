import { z } from 'zod';
import { normaliseIp, parseAddress, type Address } from '../../wire/address';
import { parseRoomName } from '../../wire/room';

const MEMBER_REF = /^@[0-9a-fA-F]{16}$/;

/** An argument that must be there: its absence is answered with the usage line. */
const present = z.string().min(1);

type Issues = { addIssue(issue: { code: 'custom'; message: string }): void };

/**
 * `IP:PORT`, read by the same parser as the wire, or `@` and 16 hex digits for a room
 * member known by its key only; what is wrong is said.
 */
function addressFrom(text: string, ctx: Issues): Address | typeof z.NEVER {
  if (MEMBER_REF.test(text)) return { ip: '', port: 0, key: text.toLowerCase() };
  const parsed = parseAddress(text);
  if (parsed.ok) return parsed.value;
  ctx.addIssue({ code: 'custom', message: parsed.error.message });
  return z.NEVER;
}

function roomFrom(text: string, ctx: Issues): string | typeof z.NEVER {
  const room = parseRoomName(text);
  if (room !== null) return room;
  ctx.addIssue({ code: 'custom', message: `a room is # and 1-32 of a-z 0-9 _ . -: ${text}` });
  return z.NEVER;
}

const AddressArg = present.transform(addressFrom);
const RoomArg = present.transform(roomFrom);
/** `/send`'s target: a room (`#name`) or a peer. */
const TargetArg = present.transform((text, ctx): { room: string } | Address =>
  text.startsWith('#') ? { room: roomFrom(text, ctx) } : addressFrom(text, ctx),
);

const IpArg = present.transform((text, ctx) => {
  const ip = normaliseIp(text);
  if (ip !== null) return ip;
  ctx.addIssue({ code: 'custom', message: `not a plain IP address: ${text}` });
  return z.NEVER;
});

const TransferIdArg = present
  .regex(/^\d{1,9}$/, 'a file number, as /files lists them')
  .transform(Number);

const ViewNumberArg = present.regex(/^[1-9]\d?$/, 'a view number from 1 to 99').transform(Number);

const AliasArg = z
  .string()
  .transform((text) => (text === '' ? null : text))
  .pipe(
    z
      .string()
      .regex(/^\S{1,32}$/u, 'an alias is 1-32 characters, no spaces')
      .nullable(),
  );

/**
 * Every command's arguments, as schemas: the one place that says what each command takes.
 * The `Command` type is inferred from them.
 */
export const ARGUMENTS = {
  send: z.object({ to: TargetArg, text: present }),
  say: z.object({ text: z.string() }),
  to: z.object({ to: AddressArg }),
  broadcast: z.object({ text: present }),
  connect: z.object({ to: AddressArg.optional() }),
  peers: z.object({}),
  exit: z.object({ to: AddressArg }),
  discover: z.object({ ip: IpArg }),
  outbox: z.object({}),
  retry: z.object({}),
  search: z.object({ text: present }),
  filter: z.object({ text: z.string() }),
  query: z.object({ to: AddressArg }),
  close: z.object({}),
  buffer: z.object({ number: ViewNumberArg }),
  alias: z.object({ to: AddressArg, alias: AliasArg }),
  fingerprint: z.object({}),
  whois: z.object({ to: AddressArg }),
  trust: z.object({ to: AddressArg }),
  verify: z.object({ to: AddressArg, code: z.string() }),
  join: z.object({ room: RoomArg }),
  part: z.object({ room: RoomArg }),
  rooms: z.object({}),
  net: z.object({}),
  ignore: z.object({ to: AddressArg.optional() }),
  unignore: z.object({ to: AddressArg }),
  quit: z.object({}),
  help: z.object({}),
  me: z.object({ text: present }),
  clear: z.object({}),
  names: z.object({}),
  nick: z.object({ name: present }),
  set: z.object({ key: z.string(), value: z.string() }),
  save: z.object({}),
  file: z.object({ to: TargetArg, path: present }),
  accept: z.object({ id: TransferIdArg }),
  decline: z.object({ id: TransferIdArg }),
  cancel: z.object({ id: TransferIdArg }),
  files: z.object({}),
} as const;

export type CommandKind = keyof typeof ARGUMENTS;

/** A typed command from the input line. */
export type Command = {
  [K in CommandKind]: { kind: K } & z.output<(typeof ARGUMENTS)[K]>;
}[CommandKind];

export type CommandResult = { ok: true; command: Command } | { ok: false; error: string };

/**
 * How the words after the name fill the arguments: `first` is the first word, `rest` the
 * text after it, `whole` both as one text.
 */
export type Layout = Record<string, 'first' | 'rest' | 'whole'>;

export const error = (message: string): CommandResult => ({ ok: false, error: message });
export const ok = (command: Command): CommandResult => ({ ok: true, command });

/**
 * Reads a command's words into its schema. A missing argument is answered with the
 * usage; a wrong one with what is wrong, then the usage.
 */
export function readArguments(
  kind: CommandKind,
  layout: Layout,
  usage: string,
  first: string | undefined,
  rest: string,
): CommandResult {
  const whole = [first, rest].filter((part) => part !== undefined && part !== '').join(' ');
  const words = { first: first ?? '', rest, whole };
  const raw = Object.fromEntries(
    Object.entries(layout).map(([field, from]) => [field, words[from]]),
  );
  // An optional argument that was not given is absent, not empty.
  for (const [field, value] of Object.entries(raw))
    if (value === '' && optional(kind, field)) delete raw[field];
  const parsed = ARGUMENTS[kind].safeParse(raw);
  if (parsed.success) return ok({ kind, ...parsed.data } as Command);
  const issue = parsed.error.issues[0];
  const missing =
    issue === undefined || issue.code === 'too_small' || issue.code === 'invalid_type';
  return error(missing ? `usage: ${usage}` : `${issue.message} (usage: ${usage})`);
}

function optional(kind: CommandKind, field: string): boolean {
  const shape = ARGUMENTS[kind].shape as Record<string, z.ZodType>;
  return shape[field]?.safeParse(undefined).success === true;
}
