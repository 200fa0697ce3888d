// The batch layer's floors (README.md, "Floors"): each folder is one stage of a
// night, and a file may import its own folder and the floors below it, never a
// floor above nor a sibling on its own floor. Outside batch-layer/ it may
// import common/ only (layers meet through topics, tables and folders). This
// reads every .ts import under batch-layer/ and fails on one that points up.

import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../common/config';

/** Bottom to top; folders on one floor are siblings and do not import each other. */
const FLOORS: readonly (readonly string[])[] = [
  ['schema'],
  ['spill'],
  ['landing'],
  ['compact'],
  ['sql'],
  ['views'],
  ['reconcile'],
  ['report', 'top-items'],
  ['run'],
];

/** An import of one repository file by another, both repository-relative ('batch-layer/views/top-x.ts'). */
interface ImportEdge {
  readonly from: string;
  readonly to: string;
}

/** Files at batch-layer/'s top (index.ts, this spec) stand above every floor. */
function floorOf(file: string): number | undefined {
  const parts = file.split('/');
  if (parts.length === 2) return FLOORS.length;
  const floor = FLOORS.findIndex((names) => names.includes(parts[1] as string));
  return floor < 0 ? undefined : floor;
}

function folderOf(file: string): string {
  return file.split('/').slice(0, -1).join('/');
}

/** Why each edge breaks the floors (empty when none does). */
function floorViolations(edges: readonly ImportEdge[]): string[] {
  const found: string[] = [];
  for (const { from, to } of edges) {
    const source = floorOf(from);
    if (source === undefined) {
      found.push(`${from}: its folder is on no floor (add it to FLOORS and the README)`);
      continue;
    }
    if (!to.startsWith('batch-layer/')) {
      // Unit specs may use the in-memory fakes of the stores; code may not.
      const fakeForSpec = from.endsWith('.spec.ts') && to.startsWith('test/fakes/');
      if (!to.startsWith('common/') && !fakeForSpec)
        found.push(`${from} -> ${to}: outside batch-layer/ only common/ (and, for specs, test/fakes/) may be imported`);
      continue;
    }
    if (folderOf(from) === folderOf(to)) continue;
    const target = floorOf(to);
    if (target === undefined) found.push(`${from} -> ${to}: the target's folder is on no floor`);
    else if (target >= source)
      found.push(`${from} -> ${to}: floor ${source} imports ${target === source ? 'a sibling on its floor' : `floor ${target}, above it`}`);
  }
  return found;
}

/** Every relative import (import, export ... from, require, import()) of each .ts file under `dir`. */
function importEdges(dir: string): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const entry of fs.readdirSync(path.join(repoRoot, dir), { withFileTypes: true })) {
    const file = `${dir}/${entry.name}`;
    if (entry.isDirectory()) edges.push(...importEdges(file));
    else if (entry.name.endsWith('.ts')) {
      const text = fs.readFileSync(path.join(repoRoot, file), 'utf8');
      for (const match of text.matchAll(/(?:\bfrom\s+|\bimport\s+|\brequire\(\s*|\bimport\(\s*)'(\.{1,2}\/[^']*)'/g)) {
        edges.push({ from: file, to: path.posix.normalize(path.posix.join(dir, match[1] as string)) });
      }
    }
  }
  return edges;
}

describe('batch-layer floors', () => {
  it('no import points from a lower floor to a higher one, nor between siblings, nor out of the layer but to common/', () => {
    const edges = importEdges('batch-layer');
    expect(edges.length).to.be.greaterThan(100);
    expect(floorViolations(edges)).to.deep.equal([]);
  });

  it('names every folder of batch-layer/ on a floor', () => {
    const folders = fs
      .readdirSync(path.join(repoRoot, 'batch-layer'), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
    expect(folders.filter((name) => floorOf(`batch-layer/${name}/x.ts`) === undefined)).to.deep.equal([]);
  });

  it('fails on an import that points up, between siblings, into another layer or from a folder on no floor', () => {
    expect(
      floorViolations([
        { from: 'batch-layer/run/run-day.ts', to: 'batch-layer/views/build-views' }, // down: fine
        { from: 'batch-layer/views/view-accumulator.ts', to: 'batch-layer/views/minute-counts' }, // same folder: fine
        { from: 'batch-layer/index.ts', to: 'batch-layer/run/batch-run' }, // the public surface: fine
        { from: 'batch-layer/views/build-views.ts', to: 'common/hdfs' }, // common: fine
      ]),
    ).to.deep.equal([]);
    const found = floorViolations([
      { from: 'batch-layer/views/build-views.ts', to: 'batch-layer/reconcile/reconcile-counts' },
      { from: 'batch-layer/report/report-store.ts', to: 'batch-layer/top-items/top-items-job' },
      { from: 'batch-layer/schema/view-schemas.ts', to: 'batch-layer/index' },
      { from: 'batch-layer/compact/dedup.ts', to: 'speed-layer/dedup' },
      { from: 'batch-layer/batch/spill.ts', to: 'batch-layer/schema/landing-row' },
    ]);
    expect(found).to.have.length(5);
    expect(found[0]).to.match(/floor 5 imports floor 6, above it/);
    expect(found[1]).to.match(/a sibling on its floor/);
    expect(found[2]).to.match(/floor 0 imports floor 9/);
    expect(found[3]).to.match(/only common\//);
    expect(found[4]).to.match(/on no floor/);
  });

  it('reads multi-line, type-only and re-export imports', () => {
    const edges = importEdges('batch-layer').filter((e) => e.from === 'batch-layer/index.ts');
    expect(edges.map((e) => e.to)).to.include('batch-layer/run/batch-run');
    expect(edges.map((e) => e.to)).to.include('batch-layer/report/day-report'); // export type { ... } from
  });
});
