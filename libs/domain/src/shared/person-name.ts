/** The name parts of a natural person, as on a client card: a person client's and a contact's alike. */
export interface PersonName {
  initials?: string;
  firstNames?: string;
  /** tussenvoegsel */
  prefix?: string;
  surname: string;
}

/** "Jan Pieter de Vries": the first names where known, else the initials. */
export function personDisplayName(name: PersonName): string {
  return [name.firstNames ?? name.initials, name.prefix, name.surname].filter(Boolean).join(' ');
}
