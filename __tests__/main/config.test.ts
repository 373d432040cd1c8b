import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONFIG_HOME, freePort, killAll, startCli } from '../helpers/cli';

afterEach(() => killAll());

function configFile(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'peer-tui-cfg-')), 'config.toml');
  writeFileSync(file, text);
  return file;
}

describe('config.toml', () => {
  it('names the identity, so peer-tui alone starts it; a flag overrides a key', async () => {
    const port = await freePort();
    const file = configFile(`name = "fromfile"\nport = ${port}\nhighlight = ["exam"]\n`);
    const cli = startCli(['--headless', '--json', '--config', file]);
    await cli.waitFor(`"type":"listening","port":${port}`);
    cli.child.kill();
    const other = await freePort();
    const flagged = startCli(['--headless', '--config', file, '--port', String(other)]);
    await flagged.waitFor(`Server listening on port ${other}`);
  });

  it('is read from $XDG_CONFIG_HOME/peer-tui/config.toml when no --config is given', async () => {
    const port = await freePort();
    mkdirSync(join(CONFIG_HOME, 'peer-tui'), { recursive: true });
    const file = join(CONFIG_HOME, 'peer-tui', 'config.toml');
    writeFileSync(file, `name = "xdg"\nport = ${port}\n`);
    try {
      const cli = startCli(['config']);
      expect(await cli.exited).toBe(0);
      expect(cli.stdout()).toContain(`# config file: ${file}`);
      expect(cli.stdout()).toMatch(/^name\s+= "xdg"\s+# config$/m);
      expect(cli.stdout()).toMatch(/^bell\s+= true\s+# default$/m);
      const flagged = startCli(['config', '--name', 'flagged']);
      expect(await flagged.exited).toBe(0);
      expect(flagged.stdout()).toMatch(/^name\s+= "flagged"\s+# flag$/m);
    } finally {
      rmSync(file);
    }
  });

  it.each([
    ['port = "eighty"', /^peer-tui: config .*: port: a whole number\n$/],
    ['port = 70000', /^peer-tui: config .*: port: a whole number from 1 to 65535\n$/],
    [
      'name = "has space"',
      /^peer-tui: config .*: name: 1-32 characters from A-Z a-z 0-9 _ \. -\n$/,
    ],
    ['bootstrap = ["nowhere"]', /^peer-tui: config .*: bootstrap: IP:PORT, e\.g\. /],
    ['bell = "yes"', /^peer-tui: config .*: bell: true or false\n$/],
    ['relay = ["abc"]', /^peer-tui: config .*: relay: a relay's key: 64 hex digits/],
    ['name = ', /^peer-tui: config .*: /],
  ])('a bad file (%s) ends with one line naming the key, exit 2', async (text, message) => {
    const cli = startCli(['--headless', '--config', configFile(`${text}\n`)]);
    expect(await cli.exited).toBe(2);
    expect(cli.stderr()).toMatch(message);
  });

  it('warns of an unknown key and goes on', async () => {
    const port = await freePort();
    const cli = startCli([
      '--headless',
      '--config',
      configFile(`colour = "red"\nport = ${port}\nname = "w"\n`),
    ]);
    await cli.waitFor(`Server listening on port ${port}`);
    expect(cli.stderr()).toMatch(/^peer-tui: config .*: unknown key "colour" ignored\n/);
  });

  it('takes relays from the file, shown by peer-tui config; a bad --relay is refused', async () => {
    const key = 'ab'.repeat(32);
    const cli = startCli(['config', '--config', configFile(`relay = ["${key}"]\n`)]);
    expect(await cli.exited).toBe(0);
    expect(cli.stdout()).toMatch(new RegExp(`^relay\\s+= \\["${key}"\\]\\s+# config$`, 'm'));
    const bad = startCli(['--headless', '--relay', 'nothex']);
    expect(await bad.exited).toBe(2);
    expect(bad.stderr()).toContain("a relay's key: 64 hex digits");
  });

  it('a --config file that is missing is an error', async () => {
    const cli = startCli(['--headless', '--config', '/nonexistent/peer-tui.toml']);
    expect(await cli.exited).toBe(2);
    expect(cli.stderr()).toBe('peer-tui: config /nonexistent/peer-tui.toml: no such file\n');
  });
});
