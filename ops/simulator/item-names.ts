// Item names the simulated cameras detect: plain words, UTF-8 beyond ASCII
// (accents, CJK, emoji) and one very long name, so every layer meets them.

export const ITEM_NAMES: readonly string[] = [
  'person',
  'car',
  'bicycle',
  'bus',
  'truck',
  'motorcycle',
  'dog',
  'cat',
  'bird',
  'traffic light',
  'stop sign',
  'backpack',
  'umbrella',
  'handbag',
  'suitcase',
  'skateboard',
  'scooter',
  'stroller',
  'wheelchair',
  'pigeon',
  'café table',
  'Straßenbahn',
  '自転車',
  '歩行者',
  '🚲 cargo bike',
  '🐕‍🦺 guide dog',
  'e-scooter ⚡',
  'delivery robot 🤖',
  'taxi',
  'van',
  `long banner ${'ß'.repeat(4980)}`,
];

/** Skewed popularity (a few items dominate), as real detections are. */
export function itemWeights(count: number): number[] {
  return Array.from({ length: count }, (_, i) => 1 / (i + 1));
}
