// One raw valid event as it lands: the contract fields plus where Kafka held it.
// (partition, offset) is the lineage the batch dedups by (first occurrence =
// lowest offset within the oid's one partition); kafkaTimestamp tells late
// arrivals (received after their event day ended).

export interface LandingRow {
  readonly detectionOid: bigint;
  readonly geographicalLocationOid: bigint;
  readonly videoCameraOid: bigint;
  readonly itemName: string;
  /** Epoch ms, UTC. */
  readonly timestampDetected: number;
  readonly partition: number;
  readonly offset: bigint;
  /** Kafka message timestamp, epoch ms. */
  readonly kafkaTimestamp: number;
}
