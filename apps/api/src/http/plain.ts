/** A validated DTO as a plain JSON object (no class instances, no undefined members) for the domain. */
export function plain<T>(dto: object): T {
  return JSON.parse(JSON.stringify(dto)) as T;
}
