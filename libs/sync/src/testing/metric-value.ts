/**
 * The value of one series (`name{labels}`) in Prometheus exposition text. A labelled counter appears
 * with its first count, so an absent counter series reads 0; a gauge must be there (`present`).
 */
export function metricValue(exposition: string, series: string, options: { present?: boolean } = {}): number {
  const line = exposition.split('\n').find((l) => l.startsWith(`${series} `));
  if (!line && options.present) throw new Error(`the exposition has no series ${series}`);
  return line ? Number(line.slice(series.length + 1)) : 0;
}
