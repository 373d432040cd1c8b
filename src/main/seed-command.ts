import { mkdirSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import envPaths from 'env-paths';
import { startSeed } from '../carriers/reach/seed';
import { loadIdentity } from '../store/identity';
import type { CliOptions } from './cli-options';

/** hyperdht's own default port for bootstrap nodes. */
const SEED_PORT = 49737;

/** The machine's first IPv4 address others can reach; loopback when it has none. */
function lanAddress(): string {
  for (const addresses of Object.values(networkInterfaces()))
    for (const address of addresses ?? [])
      if (address.family === 'IPv4' && !address.internal) return address.address;
  return '127.0.0.1';
}

/** Where each setting came from (config-merge.ts). */
type Sources = Partial<Record<'host' | 'port' | 'data-dir', 'flag' | 'config' | 'default'>>;

/**
 * The seed's host, port and folder, from its own flags only: a class's config.toml names
 * the chat's (`port = 8080`, its data folder with the member's identity), never the seed's.
 */
export function seedPlace(
  options: Pick<CliOptions, 'host' | 'port' | 'dataDir'>,
  sources: Sources,
): { host: string | undefined; port: number | undefined; dataDir: string | undefined } {
  const flag = (key: keyof Sources): boolean => sources[key] === 'flag';
  return {
    host: flag('host') ? options.host : undefined,
    port: flag('port') ? options.port : undefined,
    dataDir: flag('data-dir') ? options.dataDir : undefined,
  };
}

/**
 * `peer-tui seed`: a DHT for a class and a blind relay, run until stopped. Its relay key
 * is kept in `identity.json` of its folder (`--data-dir`, else `seed` in the data
 * directory), so a restart gives students the same `--relay`.
 */
export async function runSeed(
  all: CliOptions,
  sources: Sources,
  fail: (message: string) => never,
): Promise<void> {
  const options = { ...all, ...seedPlace(all, sources) };
  const dir = options.dataDir ?? join(envPaths('peer-tui', { suffix: '' }).data, 'seed');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const identity = loadIdentity(dir);
  if (!identity.ok) fail(identity.message);
  const host = options.host ?? lanAddress();
  if (host === '0.0.0.0' || host === '::')
    fail('seed: --host must be an address students can reach');
  const seed = await startSeed({
    host,
    port: options.port ?? SEED_PORT,
    relayKeyPair: identity.keyPair,
  }).catch((error: Error) => fail(`seed: ${error.message}`));
  const bootstrap = `${seed.bootstrap.host}:${seed.bootstrap.port}`;
  if (options.json)
    process.stdout.write(
      `${JSON.stringify({ type: 'seed', bootstrap, relay: seed.relayKey, nodes: seed.nodes })}\n`,
    );
  else
    process.stdout.write(
      [
        `peer-tui seed: a DHT of ${seed.nodes} nodes and a blind relay, until Ctrl-C`,
        `  bootstrap  ${bootstrap}`,
        `  relay      ${seed.relayKey}`,
        `  students   peer-tui --dht-bootstrap ${bootstrap} --relay ${seed.relayKey} --room NAME`,
        '',
      ].join('\n'),
    );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await seed.close();
  if (options.json) process.stdout.write(`${JSON.stringify({ type: 'seed-stopped' })}\n`);
  process.exit(0);
}
