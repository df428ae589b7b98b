/**
 * `aftershock margin --account FILE --rule standard|portfolio [--json]`: the initial and
 * maintenance margin of an option account (protocols/options/accountFile.ts says the file's
 * format), by Deribit's standard rule or by portfolio margin over its grid of spot and
 * volatility moves (protocols/options/margin.ts says both rules and where they come from), with
 * its equity, the margin ratio MM / equity (liquidation at 100 %) and, for portfolio margin, the
 * worst scenario.
 */
import type { Register } from './program.js';
import { action, printJson } from './common.js';
import { checkChoice } from './volatilityInput.js';
import { loadAccount } from '../protocols/options/accountFile.js';
import { DERIBIT_PORTFOLIO, DERIBIT_STANDARD, portfolioMargin, shortInitialMargin, shortMaintenanceMargin, standardMargin, type MarginResult } from '../protocols/options/margin.js';

interface MarginFlags {
  account: string;
  rule: string;
  json?: boolean;
}

const RULES = ['standard', 'portfolio'] as const;
const usd = (x: number) => `$${x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const VOL_MOVE = { '-1': 'down', '0': 'unchanged', '1': 'up' } as const;

export const register: Register = (program) => {
  program
    .command('margin')
    .description("initial and maintenance margin of an option account by Deribit's standard rule or by portfolio margin, with its margin ratio")
    .requiredOption('--account <file>', 'the account: JSON with market {spot, rate, vol | surface}, collateral {cash, coin} and positions [{type, strike, expiry, size, vol?}]')
    .requiredOption('--rule <rule>', RULES.join(' | '))
    .option('--json', 'print one JSON document')
    .action(
      action((flags: MarginFlags) => {
        const rule = checkChoice('--rule', flags.rule, RULES);
        const { account, market, expiries } = loadAccount(flags.account);
        const r: MarginResult = rule === 'standard' ? standardMargin(account, market) : portfolioMargin(account, market);
        const S = market.spot;
        const positions: {
          type: string;
          strike: number;
          expiry: string | number;
          years: number;
          size: number;
          vol: number;
          mark: number;
          initialPerContract?: number;
          maintenancePerContract?: number;
        }[] = account.positions.map((p, i) => ({
          type: p.type,
          strike: p.strike,
          expiry: expiries[i],
          years: p.expiry,
          size: p.size,
          vol: p.vol,
          mark: r.marks[i],
          ...(rule === 'standard' && p.size < 0
            ? { initialPerContract: shortInitialMargin(p.type, S, p.strike, r.marks[i]), maintenancePerContract: shortMaintenanceMargin(p.type, S, p.strike, r.marks[i]) }
            : {}),
        }));
        const worst = r.worst && r.worst.index >= 0 ? { spotMove: r.worst.spotMove, vol: VOL_MOVE[String(r.worst.vol) as keyof typeof VOL_MOVE], loss: r.worst.loss } : null;
        if (flags.json) {
          printJson({
            command: 'margin',
            rule,
            parameters: rule === 'standard' ? DERIBIT_STANDARD : DERIBIT_PORTFOLIO,
            market,
            collateral: { cash: account.cash, coin: account.coin },
            positions,
            equity: r.equity,
            initialMargin: r.initial,
            maintenanceMargin: r.maintenance,
            // MM / equity; null when equity is gone (the ratio is unbounded)
            marginRatio: Number.isFinite(r.marginRatio) ? r.marginRatio : null,
            underMaintenance: r.equity < r.maintenance,
            ...(rule === 'portfolio' ? { worstScenario: worst } : {}),
            units: 'USD; sizes in contracts of one unit of the underlying (+ long, - short); vol annual',
          });
          return;
        }
        const L: string[] = [];
        L.push(
          rule === 'standard'
            ? "standard margin (Deribit's rule: short IM = max(0.15 S - OTM, 0.10 S) + mark, MM = 0.075 S + mark; puts MM = max(0.075 S, 0.075 mark) + mark)"
            : 'portfolio margin (worst loss over spot -16 % … +16 % in 9 steps × volatility up, unchanged, down; MM = 0.8 × IM)',
        );
        L.push(`account ${flags.account}: spot ${S}, rate ${market.rate}, cash ${usd(account.cash)}, coin ${account.coin}`);
        L.push(`  ${'position'.padEnd(26)}${'size'.padStart(10)}${'vol'.padStart(8)}${'mark'.padStart(12)}${rule === 'standard' ? `${'IM/contract'.padStart(14)}${'MM/contract'.padStart(14)}` : ''}`);
        for (const p of positions) {
          const name = `${p.type} ${p.strike} ${typeof p.expiry === 'number' ? `${p.expiry} y` : p.expiry}`;
          const per =
            p.initialPerContract !== undefined && p.maintenancePerContract !== undefined ? `${p.initialPerContract.toFixed(2).padStart(14)}${p.maintenancePerContract.toFixed(2).padStart(14)}` : '';
          L.push(`  ${name.padEnd(26)}${String(p.size).padStart(10)}${`${(100 * p.vol).toFixed(1)}%`.padStart(8)}${p.mark.toFixed(4).padStart(12)}${per}`);
        }
        L.push(`equity               ${usd(r.equity)}`);
        L.push(`initial margin       ${usd(r.initial)}`);
        L.push(`maintenance margin   ${usd(r.maintenance)}`);
        L.push(
          `margin ratio         ${Number.isFinite(r.marginRatio) ? `${(100 * r.marginRatio).toFixed(2)} %` : 'unbounded (no equity left)'} (MM / equity; liquidated at 100 %)${r.equity < r.maintenance ? ': UNDER MAINTENANCE' : ''}`,
        );
        if (rule === 'portfolio')
          L.push(`worst scenario       ${worst ? `spot ${worst.spotMove >= 0 ? '+' : ''}${(100 * worst.spotMove).toFixed(1)} %, volatility ${worst.vol}: loss ${usd(worst.loss)}` : 'none loses'}`);
        process.stdout.write(`${L.join('\n')}\n`);
      }),
    );
};
