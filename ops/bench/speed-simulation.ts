// The simulated traffic both speed benches run on: the sample Dataset B's
// 10,000 locations, one of them hot (30 % of the events). bench:speed publishes
// its backlog to Kafka; bench:speed-plan replays the very same backlog in-process.

import { defaultSimulation, type SimulationOptions } from '../simulator';

/** Locations of the sample Dataset B (reference-data/locations.csv), oids 1..10000. */
export const SAMPLE_LOCATIONS = 10_000;

export function speedSimulation(startMs: number): SimulationOptions {
  return { ...defaultSimulation, startMs, hotLocation: 0.3, locations: SAMPLE_LOCATIONS };
}

/** The backlog bench:speed consumes from scratch: `events` events published at once, seed 1. */
export function speedBacklog(startMs: number, events: number): SimulationOptions {
  return { ...speedSimulation(startMs), events, seed: 1, rate: Infinity };
}
