import { StackError } from '../../common/errors';
// GET a JSON document with a timeout, for readiness probes over HTTP.

export async function getJson(url: string, timeoutMs = 2000): Promise<unknown> {
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  if (!response.ok) throw new StackError(`GET ${url} answered HTTP ${response.status}`);
  return response.json();
}
