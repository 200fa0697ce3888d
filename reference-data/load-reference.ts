// `utopia reference load`: validate the whole table first (nothing is loaded
// when any row is bad; every bad row is reported with where it is), then write
// the new version to HDFS (Parquet, atomically) and to HBase, and only then
// switch meta "reference/current" to it. Readers never see half a version.

import type { Config } from '../common/config';
import {
  FAMILIES,
  META_QUALIFIERS,
  META_ROWS,
  REFERENCE_NAME_QUALIFIER,
  metaTableName,
  referenceRowKey,
  referenceTableName,
  referenceVersionAt,
  referenceVersionDir,
  validateReferenceTable,
  type ReferenceLocation,
} from '../common/contract';
import { ValidationError } from '../common/errors';
import { HBaseStore, hbaseStoreOptions, type RowMutation } from '../common/hbase';
import { createHdfsStore, writeAtomically } from '../common/hdfs';
import type { Logger } from '../common/log';
import type { Progress } from '../common/progress';
import { readReferenceSource } from './read-reference-source';
import { encodeReferenceParquet } from './reference-parquet';

export interface ReferenceLoadResult {
  readonly version: string;
  readonly locations: number;
  readonly hdfsPath: string;
  readonly files: string[];
}

const PUT_CHUNK = 5000;
const SHOWN_PROBLEMS = 50;

export async function loadReference(
  config: Config,
  source: string,
  log: Logger,
  version = referenceVersionAt(new Date()),
  progress?: Progress,
): Promise<ReferenceLoadResult> {
  const { rows, origins, files } = await readReferenceSource(source);
  const validation = validateReferenceTable(rows, { firstRow: 0 });
  if (!validation.ok) {
    const lines = validation.problems
      .slice(0, SHOWN_PROBLEMS)
      .map((p) => `  ${origins[p.row] ?? `row ${p.row}`}: ${p.reason}: ${p.message.replace(/^row \d+: /, '')}`);
    const more = validation.problems.length > SHOWN_PROBLEMS ? `\n  ... and ${validation.problems.length - SHOWN_PROBLEMS} more` : '';
    throw new ValidationError(
      'invalid_reference',
      `${source}: ${validation.problems.length} bad row(s), nothing loaded:\n${lines.join('\n')}${more}`,
    );
  }
  const locations = validation.locations;
  if (locations.length === 0) throw new ValidationError('invalid_reference', `${source}: no rows, nothing loaded`);

  const dir = referenceVersionDir(config.hdfs.root, version);
  const hdfsPath = `${dir}/part-00000.parquet`;
  const hdfs = createHdfsStore(config.hdfs, { logger: log });
  await hdfs.mkdirs(dir);
  await writeAtomically(hdfs, hdfsPath, await encodeReferenceParquet(locations), { overwrite: true, logger: log });
  log.info(`reference version ${version}: ${locations.length} locations written to ${hdfsPath}`);

  const store = new HBaseStore(hbaseStoreOptions(config, log));
  try {
    const table = referenceTableName(config.hbase.namespace);
    const now = Date.now();
    progress?.phase('HBase reference rows', locations.length, 'locations');
    for (let i = 0; i < locations.length; i += PUT_CHUNK) {
      await store.puts(
        table,
        locations.slice(i, i + PUT_CHUNK).map((l) => referenceMutation(version, l, now)),
      );
      progress?.update(Math.min(locations.length, i + PUT_CHUNK));
    }
    progress?.done();
    await store.put(metaTableName(config.hbase.namespace), {
      row: Buffer.from(META_ROWS.referenceCurrent, 'utf8'),
      cells: [{ family: FAMILIES.meta, qualifier: META_QUALIFIERS.referenceVersion, value: Buffer.from(version, 'utf8'), timestamp: now }],
    });
  } finally {
    store.close();
  }
  log.info(`reference version ${version} is current`);
  return { version, locations: locations.length, hdfsPath, files };
}

function referenceMutation(version: string, location: ReferenceLocation, timestamp: number): RowMutation {
  return {
    row: referenceRowKey(version, location.geographicalLocationOid),
    cells: [
      {
        family: FAMILIES.reference,
        qualifier: REFERENCE_NAME_QUALIFIER,
        value: Buffer.from(location.geographicalLocation, 'utf8'),
        timestamp,
      },
    ],
  };
}
