// Public surface of the speed layer.

export { createSpeedLayer, type SpeedLayer } from './speed-layer';
export { classifyBatch, batchOids, type Classified } from './classify-batch';
export { planBatch, type BatchPlan, type DeadLetter, type PlanInput } from './plan-batch';
export { applyContribution, type CounterAddress, type CounterContribution } from './counter-cell';
export type { ConsumedMessage } from './consumed-message';
export { createIngestApp, startIngestServer, type IngestServer } from './ingest';
export { createRekeyStage, type RekeyStage } from './rekey';
