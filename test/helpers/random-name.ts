// Random names for topics, tables and folders, so test runs never see each
// other's data.

import crypto from 'node:crypto';

export function randomName(prefix: string): string {
  return `${prefix}-${crypto.randomBytes(5).toString('hex')}`;
}
