// What `npm start -- --demo` simulates and where. The demo lives in its own
// namespace, topics, consumer groups and HDFS root, wiped at each demo start:
// a re-run shows the same picture, and the data of a normal `npm start` is
// never touched.

const DAY_MS = 86_400_000;

/** Settings every process of the demo runs with (on top of the environment). */
export const DEMO_ENV: Readonly<Record<string, string>> = {
  HBASE_NAMESPACE: 'utopia_demo',
  KAFKA_DETECTIONS_TOPIC: 'utopia-demo.detections',
  KAFKA_DEAD_LETTER_TOPIC: 'utopia-demo.detections.dead-letter',
  SPEED_GROUP_ID: 'utopia-demo-speed',
  LANDING_GROUP_ID: 'utopia-demo-landing',
  HDFS_ROOT: '/utopia-demo',
  // Land the tail of the demo's burst within seconds rather than a minute.
  LANDING_FLUSH_AGE_MS: '10000',
  // Yesterday is closed at once, even just after midnight UTC.
  BATCH_CLOSE_GRACE_MIN: '0',
};

/** Events/s the demo publishes its two days at: the speed layer keeps up with about this. */
export const DEMO_PUBLISH_RATE = 3000;

export interface DemoWindow {
  /** Yesterday 00:00 UTC: the first event time. */
  readonly startMs: number;
  /** Now: the last event time. */
  readonly endMs: number;
  /** Yesterday (YYYY-MM-DD, UTC): the day the nightly batch compacts. */
  readonly closedDay: string;
  /** Today: served by the speed view. */
  readonly openDay: string;
}

export function demoWindow(nowMs: number): DemoWindow {
  const today = Math.floor(nowMs / DAY_MS) * DAY_MS;
  const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
  return { startMs: today - DAY_MS, endMs: nowMs, closedDay: day(today - DAY_MS), openDay: day(today) };
}
