export { GRANULARITIES, GRANULARITY_MS, DAY_MS, floorTo, ceilTo, dayOf, type Granularity } from './granularity';
export {
  planRange,
  partOf,
  rowKeysPerSeries,
  QueryTooLarge,
  DEFAULT_MAX_BUCKETS,
  type RangePlan,
  type RangePart,
  type RangeLimits,
  type ViewSource,
} from './plan-range';
export { mergeCounts, sumPoints, type CountPoint, type Buckets } from './merge-counts';
export { rankTopItems, sumItemCounts, type RankedItem } from './rank-top-items';
