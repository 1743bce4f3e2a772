/**
 * The layer rules of docs/architecture.md, checked with the tests. Libraries are reached through
 * the `@koppelhub/*` aliases (tsconfig paths), which dependency-cruiser resolves to libs/<name>/src.
 */
const lib = (name) => `^libs/${name}/`;

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Cycles make layers meaningless.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'libs-never-import-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'The domain imports no other lib, no framework and no I/O.',
      from: { path: lib('domain') },
      to: {
        pathNot: [lib('domain')],
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'eventstore-stands-alone',
      severity: 'error',
      from: { path: lib('eventstore') },
      to: { path: '^libs/', pathNot: lib('eventstore') },
    },
    {
      name: 'organogram-stands-alone',
      severity: 'error',
      from: { path: lib('organogram') },
      to: { path: '^libs/', pathNot: lib('organogram') },
    },
    {
      name: 'connectors-only-use-domain',
      severity: 'error',
      from: { path: lib('connectors') },
      to: { path: '^libs/', pathNot: [lib('connectors'), lib('domain')] },
    },
    {
      name: 'projections-below-application',
      severity: 'error',
      from: { path: lib('projections') },
      to: { path: [lib('application'), lib('connectors')] },
    },
    {
      name: 'apps-do-not-import-each-other',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['\\.spec\\.ts$', '\\.int-spec\\.ts$', '/testing/'] },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
