import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

// The layout docs/architecture.md draws: layers whose imports point down, and no import
// circle. Read from the sources, so a new import that breaks either fails here.

const SRC = path.join(__dirname, '..', 'src');
/** From the bottom up: a file may import its own layer and those before it. */
const LAYERS = [
  'wire',
  'util',
  'types',
  'node',
  'carriers',
  'store',
  'app',
  'screen',
  'lines',
  'main',
];
/** Imports that point up: none (the node is given its carriers by main/assemble.ts). */
const STILL_UP = new Set<string>([]);
const SPECIFIER = /(?:from|import\(|require\()\s*['"](\.{1,2}\/[^'"]*)['"]/g;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return name.endsWith('.ts') ? [path.relative(SRC, full)] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(path.join(SRC, file), 'utf8');
  return [...text.matchAll(SPECIFIER)].flatMap((match) => {
    const base = path.normalize(path.join(path.dirname(file), match[1] ?? ''));
    const found = [`${base}.ts`, path.join(base, 'index.ts')].find((candidate) =>
      existsSync(path.join(SRC, candidate)),
    );
    return found === undefined ? [] : [found];
  });
}

const graph = new Map(sources(SRC).map((file) => [file, importsOf(file)]));
const layerOf = (file: string): string =>
  file.includes('/') ? (file.split('/')[0] ?? '') : 'main';

it('no import points to a layer above its own, but those listed to remove', () => {
  const up = [...graph].flatMap(([file, imports]) =>
    imports
      .filter((target) => LAYERS.indexOf(layerOf(target)) > LAYERS.indexOf(layerOf(file)))
      .map((target) => `${file} -> ${target}`),
  );
  expect(up.filter((edge) => !STILL_UP.has(edge))).toEqual([]);
});

it('no import circle', () => {
  const circles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const walk = (file: string, trail: string[]): void => {
    state.set(file, 'open');
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') circles.push([...trail.slice(trail.indexOf(next)), next]);
      else if (!state.has(next)) walk(next, [...trail, next]);
    }
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) walk(file, [file]);
  expect(circles).toEqual([]);
});
