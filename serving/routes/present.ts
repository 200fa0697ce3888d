// How stored values appear in answers: int64 as decimal strings, times as
// ISO 8601 UTC, the contract's column names.

import type { EnrichedDetection } from '../../common/contract';
import type { RangePlan } from '../merge';

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export function presentDetection(row: EnrichedDetection): Record<string, unknown> {
  return {
    detection_oid: row.detectionOid.toString(),
    geographical_location_oid: row.geographicalLocationOid.toString(),
    video_camera_oid: row.videoCameraOid.toString(),
    item_name: row.itemName,
    timestamp_detected: String(row.timestampDetected),
    detected_at: iso(row.timestampDetected),
    geographical_location: row.geographicalLocation,
    location_known: row.locationKnown,
    lineage: { partition: row.lineage.partition, offset: row.lineage.offset },
  };
}

/** Which source served which part of the range, and the watermark: in every merged answer. */
export function presentPlan(plan: RangePlan): Record<string, unknown> {
  return {
    from: iso(plan.fromMs),
    to: iso(plan.toMs),
    watermark: plan.watermark,
    sources: plan.parts.map((part) => ({ source: part.source, from: iso(part.fromMs), to: iso(part.toMs), resolution: part.resolution })),
  };
}
