// How many HBase calls the API made, and their summed time, read from its
// own /metrics (utopia_hbase_call_duration_seconds): the bench takes it
// before and after a run to tell HBase reads per request and their latency.

export interface HBaseCallTally {
  readonly calls: number;
  readonly seconds: number;
}

export async function readHBaseCallTally(baseUrl: string): Promise<HBaseCallTally> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  let calls = 0;
  let seconds = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith('utopia_hbase_call_duration_seconds_count')) calls += Number(line.slice(line.lastIndexOf(' ') + 1));
    else if (line.startsWith('utopia_hbase_call_duration_seconds_sum')) seconds += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return { calls, seconds };
}

/** Calls per request and mean call latency between two tallies. */
export function tallyPerRequest(
  before: HBaseCallTally,
  after: HBaseCallTally,
  requests: number,
): { hbaseCallsPerRequest: number; hbaseCallMeanMs: number } {
  const calls = after.calls - before.calls;
  return {
    hbaseCallsPerRequest: requests > 0 ? Math.round((calls / requests) * 1000) / 1000 : 0,
    hbaseCallMeanMs: calls > 0 ? Math.round(((after.seconds - before.seconds) / calls) * 10_000) / 10 : 0,
  };
}
