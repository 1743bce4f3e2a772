/** A read model table's column. */
export interface Column {
  name: string;
  /** PostgreSQL type: rows are read back from JSON, and copied as text, in it. */
  type: string;
}
