// HDFS capacity and remaining space, from WebHDFS GETSTATUS (Hadoop 3.3+:
// {"FsStatus":{"capacity","used","remaining"}} in bytes), for the disk-filling
// alert. A small GET of its own: the HdfsStore adapter has no such call.

import type { Config } from '../../common/config';
import { HdfsError } from '../../common/errors';

export interface HdfsCapacity {
  readonly capacityBytes: number;
  readonly usedBytes: number;
  readonly remainingBytes: number;
}

export async function readHdfsCapacity(hdfs: Pick<Config['hdfs'], 'webhdfsUrl' | 'user'>, timeoutMs = 3_000): Promise<HdfsCapacity> {
  const url = new URL('/webhdfs/v1/', hdfs.webhdfsUrl);
  url.searchParams.set('op', 'GETSTATUS');
  url.searchParams.set('user.name', hdfs.user);
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  if (!response.ok) throw new HdfsError('GETSTATUS', '/', response.status, 'no file-system status', { retriable: response.status >= 500 });
  const body = (await response.json()) as { FsStatus?: { capacity?: unknown; used?: unknown; remaining?: unknown } };
  const status = body.FsStatus;
  const bytes = (value: unknown): number => {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
      throw new HdfsError('GETSTATUS', '/', response.status, 'answer without FsStatus byte counts');
    return value;
  };
  return { capacityBytes: bytes(status?.capacity), usedBytes: bytes(status?.used), remainingBytes: bytes(status?.remaining) };
}
