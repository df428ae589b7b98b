/**
 * The layering rules of Aftershock (README, Architecture), checked by `npm run deps` as part of
 * `npm test`. Type-only imports count: a layer that names another's types depends on it.
 * test/deps.test.ts proves that each rule fails when it is broken.
 */
module.exports = {
  forbidden: [
    {
      name: 'protocols-not-sim',
      comment:
        'Protocols never import the simulator: each kind declares the few ledger calls and context fields it uses (as dss declares VatLike), and the simulator satisfies them.',
      severity: 'error',
      from: { path: '^src/protocols/' },
      to: { path: '^src/sim/' },
    },
    {
      name: 'models-risk-standalone',
      comment: 'The volatility, pricing and risk models use nothing of the simulator, so that a quant can use them alone (util/ is shared).',
      severity: 'error',
      from: { path: '^src/(models|risk)/' },
      to: { path: '^src/(sim|protocols|market|network|scenario|parallel|report|cli|rl|observation)/' },
    },
    {
      name: 'rl-only-from-cli',
      comment:
        'The RL layer sits above the simulator: only the command line and the library face import it, and the path task (src/parallel/pathTask.ts), which the next rule holds to the policy agents.',
      severity: 'error',
      from: { pathNot: '^(src/rl/|src/cli/|src/(index|experimental)\\.ts$|src/parallel/pathTask\\.ts$)' },
      to: { path: '^src/rl/' },
    },
    {
      name: 'path-workers-only-policy-agents',
      comment:
        "A scenario may run trained policies as agents (kind: policy) in path workers; a worker thread cannot be handed a factory, so the path task imports the RL layer's agent factory itself, and nothing else of the RL layer.",
      severity: 'error',
      from: { path: '^src/parallel/pathTask\\.ts$' },
      to: { path: '^src/rl/', pathNot: '^src/rl/agents/factory\\.ts$' },
    },
    {
      name: 'sim-kinds-in-builders',
      comment:
        'Outside its builders (src/sim/build/), the simulator reaches protocol kinds only through the protocol contract (src/sim/protocol.ts); venues, oracles and the chain are its own parts.',
      severity: 'error',
      from: { path: '^src/sim/', pathNot: '^src/sim/build/' },
      to: { path: '^src/protocols/', pathNot: '^src/protocols/(chain|venues|oracles)/' },
    },
    {
      name: 'sim-not-observation',
      comment:
        'Observations (src/observation/) read a world from above, as agents do, and may narrow protocols to their kinds; the simulator never depends on them.',
      severity: 'error',
      from: { path: '^src/sim/' },
      to: { path: '^src/observation/' },
    },
    {
      name: 'sim-not-agents',
      comment: 'The simulator knows agents through sim/agent.ts; the agent factory is passed to buildWorld by its caller.',
      severity: 'error',
      from: { path: '^src/sim/' },
      to: { path: '^agents/' },
    },
    {
      name: 'network-not-scenario-schema',
      comment: 'The network layer reads the slice of a world description it declares (buildGraph.ts WorldStructure), not the scenario schema.',
      severity: 'error',
      from: { path: '^src/network/' },
      to: { path: '^src/scenario/schema\\.ts$' },
    },
    {
      name: 'resolvable',
      comment: 'Every import resolves: an import the checker cannot follow would slip past the rules above.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist)/' },
    // count `import type` too: TypeScript erases it, but it is a dependency of the source
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
  },
};
