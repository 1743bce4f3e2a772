export * from './dossier.model';
export * from './dossier.events';
export * from './dossier.state';
export * from './dossier.errors';
export * from './open-dossier';
export * from './record-engagement.decide';
export * from './attach-dossier-document.decide';
