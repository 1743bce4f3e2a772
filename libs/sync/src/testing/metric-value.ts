/** The value of one series (`name{labels}`) in Prometheus exposition text; 0 when it is not there. */
export function metricValue(exposition: string, series: string): number {
  const line = exposition.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}
