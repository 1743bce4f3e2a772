/** Something a rule needs that is not there yet, named by a stable path and explained. */
export interface MissingItem {
  item: string;
  message: string;
}
