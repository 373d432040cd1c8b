import { z } from 'zod';
import { AddressSchema } from './address';
import { ERROR_CODES } from './errors';

/** Which wire form a message arrived in (docs/protocol.md, "Wire in"). */
export const DialectSchema = z.enum([
  'std',
  'bracketed',
  'block',
  /** The port-first form with bare text lines. */
  'preamble',
  /** The port-first form with `IP:PORT NAME TEXT` lines. */
  'preamble-header',
  'kv',
  'json',
  /** Over a room's Hyperswarm connection (rooms/). */
  'room',
]);
export type Dialect = z.infer<typeof DialectSchema>;

const Sender = {
  from: AddressSchema,
  /** The team name; empty when the form carries none (e.g. `<IP:PORT> DISCONNECT`). */
  name: z.string(),
  dialect: DialectSchema,
};

/** One message from the wire, typed. `unparsed` is text no form matched. */
export const IncomingSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('chat'), ...Sender, text: z.string() }),
  z.object({ kind: z.literal('connect'), ...Sender, word: z.string() }),
  z.object({ kind: z.literal('leave'), ...Sender, word: z.string() }),
  z.object({ kind: z.literal('unparsed'), text: z.string(), code: z.enum(ERROR_CODES) }),
]);
export type Incoming = z.infer<typeof IncomingSchema>;
export type IncomingFrom = Exclude<Incoming, { kind: 'unparsed' }>;

/** The JSON form: `{"type":"message","content":…,"sender_name":…,"sender_port":…}`. */
const PortField = z
  .union([
    z.number(),
    z
      .string()
      .regex(/^\d{1,5}$/)
      .transform(Number),
  ])
  .pipe(z.number().int().min(1).max(65535));

export const JsonWireSchema = z.object({
  type: z.string().transform((t) => t.toLowerCase()),
  content: z.string().optional(),
  message: z.string().optional(),
  sender_name: z.string().max(64).optional(),
  sender_port: PortField,
});

/** The key/value form: `LISTENING_PORT:6001|TEAM_NAME:t|msg`. */
export const KeyValueWireSchema = z.object({
  LISTENING_PORT: PortField,
  TEAM_NAME: z.string().max(64).default(''),
  text: z.string(),
});
