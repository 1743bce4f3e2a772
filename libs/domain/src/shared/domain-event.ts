/** An event as the domain sees it: a type and its data. Metadata is added by the application shell. */
export interface DomainEvent<TType extends string = string, TData extends object = object> {
  type: TType;
  data: TData;
}
