export interface ClientSearchRow {
  client_id: string;
  client_number: string;
  kind: string;
  name: string;
  trade_name: string | null;
  search_name: string;
  status: string;
  debtor_number: string | null;
  city: string | null;
  packages: string[];
  /** Numbers it had before it was renumbered, the latest first (as a push names them). */
  former_numbers: string[];
  registered_at: Date;
  updated_at: Date;
}
