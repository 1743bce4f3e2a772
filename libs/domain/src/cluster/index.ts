export * from './cluster.errors';
export * from './designate-cluster-head.decide';
export * from './attach-cluster-member.decide';
export * from './detach-cluster-member.decide';
export * from './revoke-cluster-head.decide';
