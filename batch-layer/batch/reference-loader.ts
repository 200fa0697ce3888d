// Dataset B for enrichment: the version named in meta "reference/current" and
// its rows from the reference table. No version yet: every location unknown.

import {
  decodeReferenceRowKey, FAMILIES, META_QUALIFIERS, META_ROWS, metaTableName, REFERENCE_NAME_QUALIFIER, referenceTableName, referenceVersionPrefix,
} from '../../common/contract';
import { cellValue, type HBaseTables } from '../../common/hbase';

export interface ReferenceSnapshot {
  readonly version: string;
  readonly names: ReadonlyMap<bigint, string>;
}

export async function loadCurrentReference(hbase: HBaseTables, namespace: string): Promise<ReferenceSnapshot> {
  const meta = await hbase.get(metaTableName(namespace), Buffer.from(META_ROWS.referenceCurrent), { families: [FAMILIES.meta] });
  const version = cellValue(meta, FAMILIES.meta, META_QUALIFIERS.referenceVersion)?.toString('utf8');
  const names = new Map<bigint, string>();
  if (!version) return { version: 'none', names };
  for await (const row of hbase.scan(referenceTableName(namespace), { prefix: referenceVersionPrefix(version), caching: 1000 })) {
    const name = cellValue(row, FAMILIES.reference, REFERENCE_NAME_QUALIFIER);
    if (name) names.set(decodeReferenceRowKey(row.key).locationOid, name.toString('utf8'));
  }
  return { version, names };
}
