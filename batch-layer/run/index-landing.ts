// Steps 1 and 2 of a night: index the landing files not seen before (each is
// read once; with the node engine its rows of closed days are spilled on the
// way), then pick the days to compact: the named day, or every closed day
// whose landing files are not all in its manifest (first compaction or late
// files).

import { tmpDir } from '../../common/contract';
import { daysOf, filesOfDay, loadLandingIndex, saveLandingIndex, type LandingIndex } from '../compact/landing-index';
import { listLandingFiles, type ListedFile } from '../compact/landing-listing';
import { loadManifest, type DayManifest } from '../compact/manifest';
import { spillLandingFile, type Night } from './night';

export interface IndexedLanding {
  /** Landing files in HDFS now, by name. */
  readonly byName: ReadonlyMap<string, ListedFile>;
  readonly index: LandingIndex;
}

export interface DaysToCompact {
  readonly targets: readonly string[];
  /** The manifest of each target day's earlier compaction, if any. */
  readonly manifests: ReadonlyMap<string, DayManifest | undefined>;
}

/** Staging folders of an earlier run that crashed: the caller holds the lock, so no run is using them. */
export async function removeStaleStaging(night: Night): Promise<void> {
  const { hdfs, root } = night;
  if (!(await hdfs.exists(tmpDir(root)))) return;
  for (const entry of await hdfs.list(tmpDir(root)))
    if (entry.name.startsWith('run-')) await hdfs.delete(`${tmpDir(root)}/${entry.name}`, { recursive: true });
}

export async function indexLanding(night: Night): Promise<IndexedLanding> {
  const { hdfs, root, logger, progress } = night;
  const listed = await listLandingFiles(hdfs, root);
  const byName = new Map(listed.map((f) => [f.name, f]));
  const index = await loadLandingIndex(hdfs, root);
  for (const name of Object.keys(index.files)) if (!byName.has(name)) delete index.files[name];
  const fresh = listed.filter((f) => !index.files[f.name]);
  let done = 0;
  progress?.phase('index new landing files', fresh.length, 'files');
  for (const file of fresh) {
    // A SQL engine reads the landing files itself: indexing then only counts rows by day.
    const ok = await spillLandingFile(night, file, (day) => night.sqlEngine === undefined && night.closed(day));
    if (ok)
      index.files[file.name] = {
        path: file.path,
        rowsByDay: ok.rowsByDay,
        invalidByDay: ok.invalidByDay,
        modificationTime: file.modificationTime,
      };
    if (++done % 20 === 0 || done === fresh.length) logger.info(`indexed ${done}/${fresh.length} new landing files`);
    progress?.update(done);
  }
  await saveLandingIndex(hdfs, root, index);
  return { byName, index };
}

export async function daysToCompact(night: Night, index: LandingIndex, date: string | undefined): Promise<DaysToCompact> {
  const manifests = new Map<string, DayManifest | undefined>();
  const targets: string[] = [];
  for (const day of date !== undefined ? [date] : daysOf(index).filter(night.closed)) {
    const manifest = await loadManifest(night.hdfs, night.root, day);
    manifests.set(day, manifest);
    const known = new Set(manifest?.files ?? []);
    if (date !== undefined || !manifest || filesOfDay(index, day).some((f) => !known.has(f))) targets.push(day);
  }
  night.logger.info(targets.length > 0 ? `days to compact: ${targets.join(', ')}` : 'no closed day has new landing files');
  return { targets, manifests };
}
