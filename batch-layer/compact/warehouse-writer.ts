// Writes one day's warehouse partition into a staging folder under tmp/, part
// by part as rows arrive (at most partRows in memory), then swaps it in:
// HDFS rename cannot replace a non-empty folder, so the old partition is
// renamed away, the new one renamed in, the old one deleted. Readers see the
// old or the new partition, each complete with its _SUCCESS marker; between
// the two renames (one NameNode round trip) the day is briefly absent.

import { SUCCESS_MARKER, tempPath, tmpDir, warehouseDayDir, warehouseManifestPath } from '../../common/contract';
import { swapDirectory, type HdfsStore } from '../../common/hdfs';
import { encodeParquet } from '../../common/parquet';
import { sortWarehouseRows, REFERENCE_VERSION_KEY, WAREHOUSE_SCHEMA, warehouseBatch, type WarehouseRow } from '../schema/warehouse-schema';

export class WarehouseDayWriter {
  private pending: WarehouseRow[] = [];
  private parts = 0;
  readonly stagingDir: string;
  rows = 0;

  constructor(
    private readonly hdfs: HdfsStore,
    private readonly root: string,
    private readonly day: string,
    private readonly token: string,
    private readonly partRows: number,
    private readonly referenceVersion: string,
  ) {
    this.stagingDir = tempPath(root, warehouseDayDir(root, day), token);
  }

  async add(rows: readonly WarehouseRow[]): Promise<void> {
    for (const row of rows) this.pending.push(row);
    while (this.pending.length >= this.partRows) await this.writePart(this.pending.splice(0, this.partRows));
  }

  /** Writes the last part, _manifest.json and _SUCCESS, then swaps the partition in. */
  async commit(manifest: unknown): Promise<number> {
    if (this.pending.length > 0 || this.parts === 0) await this.writePart(this.pending.splice(0));
    await this.hdfs.upload(`${this.stagingDir}/${manifestName(this.root, this.day)}`, Buffer.from(JSON.stringify(manifest, null, 1)), {
      overwrite: true,
    });
    await this.hdfs.upload(`${this.stagingDir}/${SUCCESS_MARKER}`, Buffer.alloc(0), { overwrite: true });
    await swapDirectory(this.hdfs, this.root, this.stagingDir, warehouseDayDir(this.root, this.day), this.token);
    await this.hdfs.delete(`${tmpDir(this.root)}/${this.token}`, { recursive: true }).catch(() => false);
    return this.parts;
  }

  async abort(): Promise<void> {
    await this.hdfs.delete(`${tmpDir(this.root)}/${this.token}`, { recursive: true }).catch(() => false);
  }

  private async writePart(rows: WarehouseRow[]): Promise<void> {
    sortWarehouseRows(rows);
    const name = `part-${String(this.parts).padStart(5, '0')}.parquet`;
    const bytes = encodeParquet(WAREHOUSE_SCHEMA, warehouseBatch(rows), { metadata: { [REFERENCE_VERSION_KEY]: this.referenceVersion } });
    if (this.parts === 0) await this.hdfs.mkdirs(this.stagingDir);
    await this.hdfs.upload(`${this.stagingDir}/${name}`, bytes, { overwrite: true });
    this.parts++;
    this.rows += rows.length;
  }
}

function manifestName(root: string, day: string): string {
  const path = warehouseManifestPath(root, day);
  return path.slice(path.lastIndexOf('/') + 1);
}
