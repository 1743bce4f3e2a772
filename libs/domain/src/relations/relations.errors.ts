import { DomainError } from '../shared/domain-error';

export class CannotRelateToItself extends DomainError {
  constructor(relation: string, clientId: string) {
    super(`${relation}.self`, 'rule', `client ${clientId} cannot name itself as its ${relation.replace(/-/g, ' ')}`, {
      clientId,
    });
  }
}

/** No chains: the target must invoice to itself, and a client others invoice to cannot pass its invoices on. */
export class InvoiceToChain extends DomainError {
  constructor(clientId: string, invoiceToId: string, reason: string, via: string) {
    super(
      'invoice-to.chain',
      'rule',
      `client ${clientId} cannot invoice to ${invoiceToId}: ${reason} (no chains)`,
      { clientId, invoiceToId, via },
    );
  }
}

/**
 * A client already in a package that links the target by its own id (the hours package) may only
 * name a target that goes there too: the same rule the way to Klant checks, applied afterwards.
 */
export class InvoiceTargetNotInPackage extends DomainError {
  constructor(clientId: string, invoiceToId: string, packageName: string, reason: string) {
    super('invoice-to.target-not-in-package', 'rule', `client ${clientId} cannot invoice to ${invoiceToId}: ${reason}`, {
      clientId,
      invoiceToId,
      package: packageName,
    });
  }
}

export class NoInvoiceTo extends DomainError {
  constructor(clientId: string) {
    super('invoice-to.not-set', 'rule', `client ${clientId} invoices to itself already`, { clientId });
  }
}

export class NotAPersonClient extends DomainError {
  constructor(relation: string, clientId: string) {
    super(`${relation}.not-a-person`, 'rule', `client ${clientId} is not a person client; a ${relation.replace(/-/g, ' ')} is for persons`, {
      clientId,
    });
  }
}

export class NotACompanyClient extends DomainError {
  constructor(relation: string, clientId: string) {
    super(`${relation}.not-a-company`, 'rule', `client ${clientId} is not a company`, { clientId });
  }
}

export class CompanyNotRelated extends DomainError {
  constructor(clientId: string, companyId: string) {
    super(
      'correspondence-company.not-related',
      'rule',
      `company ${companyId} is not related to ${clientId}: choose a company in its cluster or one it owns`,
      { clientId, companyId },
    );
  }
}

export class NoCorrespondenceCompany extends DomainError {
  constructor(clientId: string) {
    super('correspondence-company.not-set', 'rule', `client ${clientId} has no correspondence company`, { clientId });
  }
}

export class AlreadyHasPartner extends DomainError {
  constructor(clientId: string, partnerId: string) {
    super('partner.already-linked', 'rule', `client ${clientId} already has life partner ${partnerId}; unlink first`, {
      clientId,
      partnerId,
    });
  }
}

export class NoPartner extends DomainError {
  constructor(clientId: string) {
    super('partner.not-linked', 'rule', `client ${clientId} has no life partner`, { clientId });
  }
}
