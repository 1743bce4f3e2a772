/** One JSON format throughout: OData V3 JSON light with minimal metadata. */
export const ODATA_JSON = 'application/json;odata=minimalmetadata';

export const ODATA_HEADERS: Record<string, string> = {
  Accept: ODATA_JSON,
  DataServiceVersion: '3.0',
  MaxDataServiceVersion: '3.0',
};

/** A string literal in an OData V3 URL: single quotes doubled. */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** `$filter=<Property> eq '<value>'`, URL-encoded. */
export function filterEquals(property: string, value: string): string {
  return `$filter=${encodeURIComponent(`${property} eq ${odataString(value)}`)}`;
}

export interface ODataCollection<T> {
  value: T[];
}
