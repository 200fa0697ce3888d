// Generates the shipped Dataset B sample (locations.csv): 10,000 locations,
// oids 1..10000, deterministic names (a few with commas, quotes, accents and
// CJK so loaders meet them). Run: node dist/reference-data/generate-locations.js > reference-data/locations.csv

import { formatCsvField } from './csv';

const DISTRICTS = ['Harbour', 'Old Town', 'Riverside', 'Northgate', 'Südstadt', 'Market', 'University', 'Airport', '中央区', 'Parkview'];
const PLACES = ['Square', 'Bridge', 'Station', 'Crossing', 'Gate', 'Plaza', 'Avenue', 'Roundabout', 'Pier', 'Tunnel'];

export function locationName(oid: number): string {
  const district = DISTRICTS[oid % DISTRICTS.length] as string;
  const place = PLACES[Math.floor(oid / DISTRICTS.length) % PLACES.length] as string;
  const base = `${district} ${place} ${oid}`;
  if (oid % 997 === 0) return `${base}, "east side"`;
  return base;
}

export function locationsCsv(count = 10_000): string {
  const lines = ['geographical_location_oid,geographical_location'];
  for (let oid = 1; oid <= count; oid++) lines.push(`${oid},${formatCsvField(locationName(oid))}`);
  return `${lines.join('\n')}\n`;
}

if (require.main === module) process.stdout.write(locationsCsv());
