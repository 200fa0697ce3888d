// The camera simulator: a pure seeded event generator, the truth a correct
// pipeline must show, and the Kafka publisher.

export {
  generateEvents,
  nominalTime,
  clockFirstOid,
  defaultSimulation,
  type SimulationOptions,
  type SimEvent,
  type SimKind,
} from './event-generator';
export { computeTruth, countKey, type Truth, type TruthInvalid } from './truth';
export { publishEvents, type PublishOptions, type PublishResult } from './publish-events';
export { createPrng, type Prng } from './prng';
export { ITEM_NAMES } from './item-names';
