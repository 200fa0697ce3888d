// The current version of Dataset B and its location names, as every layer
// reads them: meta "reference/current" names the version (reference-data's
// loader makes a version current only once all its rows are stored), and the
// reference table holds the rows under the version's prefix (reference-rows.ts).
// One reader with its cache: the names are read again only when the version
// changes, and concurrent reads share one round trip.

import {
  decodeReferenceRowKey,
  FAMILIES,
  META_QUALIFIERS,
  META_ROWS,
  metaTableName,
  REFERENCE_NAME_QUALIFIER,
  referenceTableName,
  referenceVersionPrefix,
} from '../contract';
import { cellValue, type HBaseTables } from '../hbase';

export interface ReferenceSnapshot {
  /** undefined while no version is current. */
  readonly version: string | undefined;
  readonly names: ReadonlyMap<bigint, string>;
}

export const NO_REFERENCE: ReferenceSnapshot = { version: undefined, names: new Map() };

/** The version meta "reference/current" names, if any. */
export async function readReferenceVersion(hbase: HBaseTables, namespace: string): Promise<string | undefined> {
  const row = await hbase.get(metaTableName(namespace), Buffer.from(META_ROWS.referenceCurrent, 'utf8'), { families: [FAMILIES.meta] });
  return cellValue(row, FAMILIES.meta, META_QUALIFIERS.referenceVersion)?.toString('utf8');
}

/** The location names of one version: oid -> name. */
export async function readReferenceNames(hbase: HBaseTables, namespace: string, version: string): Promise<Map<bigint, string>> {
  const names = new Map<bigint, string>();
  for await (const row of hbase.scan(referenceTableName(namespace), {
    prefix: referenceVersionPrefix(version),
    families: [FAMILIES.reference],
    caching: 2000,
  })) {
    const name = cellValue(row, FAMILIES.reference, REFERENCE_NAME_QUALIFIER);
    if (name !== undefined) names.set(decodeReferenceRowKey(row.key).locationOid, name.toString('utf8'));
  }
  return names;
}

export class CurrentReference {
  private loaded = NO_REFERENCE;
  private reading: Promise<ReferenceSnapshot> | undefined;

  constructor(
    private readonly hbase: HBaseTables,
    private readonly namespace: string,
  ) {}

  /** The snapshot of the last read (NO_REFERENCE before the first). */
  get snapshot(): ReferenceSnapshot {
    return this.loaded;
  }

  /** Reads the pointer and, when it names another version, that version's names. A failed read keeps the snapshot and throws. */
  read(): Promise<ReferenceSnapshot> {
    this.reading ??= this.reload().finally(() => (this.reading = undefined));
    return this.reading;
  }

  private async reload(): Promise<ReferenceSnapshot> {
    const version = await readReferenceVersion(this.hbase, this.namespace);
    if (version !== this.loaded.version)
      this.loaded =
        version === undefined ? NO_REFERENCE : { version, names: await readReferenceNames(this.hbase, this.namespace, version) };
    return this.loaded;
  }
}
