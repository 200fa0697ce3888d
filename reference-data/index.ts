// Public surface of the reference data (Dataset B) tooling.

export { loadReference, type ReferenceLoadResult } from './load-reference';
export { currentReferenceVersion } from './current-reference-version';
export { readReferenceSource, type SourceRows } from './read-reference-source';
export { encodeReferenceParquet, readParquetRows } from './reference-parquet';
export { parseCsv, formatCsvField, type CsvRecord } from './csv';
export { locationName, locationsCsv } from './generate-locations';

import path from 'node:path';
import { repoRoot } from '../common/config';

/** The shipped sample of 10,000 locations. */
export const SAMPLE_LOCATIONS_CSV = path.join(repoRoot, 'reference-data', 'locations.csv');
