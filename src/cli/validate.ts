import type { Register } from './program.js';
import { action, collect } from './common.js';
import { loadScenario, locateError } from '../scenario/load.js';
import { printScenarioWarnings } from './warnings.js';
import { buildWorld } from '../sim/world.js';
import { prepareMarket } from '../market/generate.js';
import { createAgent } from '../../agents/index.js';
import { withPolicyAgents } from '../rl/agents/factory.js';

export const register: Register = (program) => {
  program
    .command('validate')
    .description('check a scenario file; print one line per problem-free file, or the first problem')
    .argument('<scenario>', 'scenario file (YAML)')
    .option('--set <path=value>', 'override a scenario field (repeatable)', collect, [])
    .action(
      action(async (file: string, flags: { set?: string[] }) => {
        const loaded = loadScenario(file, flags.set ?? []);
        const s = loaded.scenario;
        // reading replay files and fitting models is part of what can be wrong with a scenario
        const market = prepareMarket(
          s.assets.map((a) => ({ id: a.id, spec: a.price })),
          s.market,
          loaded.baseDir,
          { scenarioFile: file },
        );
        // drawing the positions is what shows whether lenders supply enough for their borrowing
        try {
          buildWorld(loaded, { createAgent: withPolicyAgents(createAgent, loaded), market, recordEvents: false });
        } catch (err) {
          throw locateError(err, loaded);
        }
        printScenarioWarnings([loaded]);
        for (const w of market.warnings(Math.round(s.horizon / s.market.dt))) process.stderr.write(`aftershock: warning: ${w}\n`);
        const positions = s.protocols.reduce((n, p) => n + (p.kind === 'cdp' ? p.vaults : p.positions).reduce((k: number, x: object) => k + ('count' in x ? (x.count as number) : 0), 0), 0);
        const accounts = s.protocols.reduce((n, p) => n + (p.kind === 'lending' ? (p.accounts ?? []).reduce((k, g) => k + g.count, 0) : 0), 0);
        process.stdout.write(
          `${file}: ok — ${s.assets.length} assets, ${s.venues.length} venues, ${s.oracles.length} oracles, ${s.protocols.length} protocols, ${s.agents.length} agents, ${s.shocks.length} shocks, ${positions} generated positions${accounts > 0 ? `, ${accounts} generated accounts` : ''}, ${Math.round(s.horizon / s.market.dt)} steps (sha256 ${loaded.sha256.slice(0, 12)}…)\n`,
        );
      }),
    );
};
