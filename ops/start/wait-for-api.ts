// Polls the API's health endpoint until it answers 200 (or asks for a key),
// so the dashboard URL is printed only when it works.

import { sleep } from '../../common/retry';

export async function waitForApi(healthUrl: string, timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !signal?.aborted) {
    try {
      const response = await fetch(healthUrl, { signal: AbortSignal.timeout(3000) });
      await response.body?.cancel();
      if (response.ok || response.status === 401 || response.status === 403) return true;
    } catch {
      // not listening yet
    }
    await sleep(500, signal);
  }
  return false;
}
