/**
 * One description for every field of the scenario file's JSON Schema (`aftershock schema`), so
 * editors show help as the author types. Fields whose zod schema carries `.describe()` keep it;
 * the others are described here by their path (`protocols.reserves.ltv`: array levels and union
 * branches merge), and a few families by rule: the keys of a distribution, and the parameters
 * named in governance bounds and changes. test/scenario/fieldDocs.test.ts checks that every field
 * has a description and that every entry here names a field that exists, so the two cannot drift.
 */

/** The keys of a number-or-distribution value (scenario/distribution.ts). */
export const DISTRIBUTION_DOCS: Record<string, string> = {
  distribution: 'Which distribution: fixed, uniform, normal, lognormal or choice (an `uncertain` range: uniform, loguniform or choice); drawn per path (or per position) from the seeded stream.',
  value: 'fixed: the value itself.',
  min: 'uniform: the smallest value.',
  max: 'uniform: the largest value.',
  mean: 'normal: the mean.',
  sd: 'normal: the standard deviation.',
  median: 'lognormal: the median (exp of the log-mean).',
  sigma: 'lognormal: the standard deviation of the log.',
  values: 'choice: the values to pick from.',
  weights: 'choice: relative weights of the values (default: equal).',
};

/** The keys of one Risk-Steward bound (scenario/governance.ts). */
export const BOUND_DOCS: Record<string, string> = {
  maxPercentChange: 'Largest change allowed, in percent (relative) or percentage points (absolute); absent: any.',
  minDelay: "Least time since the parameter's last change on the same target (e.g. 1d).",
  change: 'relative: maxPercentChange is a percentage of the value; absolute: percentage points of it.',
};

const gasBid = "Fee bid for this actor's transactions: {kind: fixed, gwei} or {kind: multiple, factor} (the current gas price × factor).";

export const FIELD_DOCS: Record<string, string> = {
  name: 'Name of the scenario: an id used in results folder names.',
  description: 'One line saying what the scenario models.',
  seed: 'Seed of every random draw: the same seed gives byte-identical results.',
  horizon: 'Simulated time, e.g. 1d or 12h; with market.dt it sets the number of steps.',
  market: "Time step (dt) and the correlations of the assets' reference price shocks.",
  'market.correlations': 'Correlation of the Brownian shocks of the listed assets: {assets, matrix}.',
  assets: 'The tokens of the scenario, each with its exogenous reference price process.',
  'assets.id': "The asset's id (ETH, USDC, …), by which venues, oracles and protocols name it.",
  'assets.price': 'The reference price process: constant, gbm, jump-diffusion, piecewise, csv (a replay) or garch-t.',
  'assets.price.process': 'Which price process: constant, gbm, jump-diffusion, piecewise, csv or garch-t.',
  'assets.price.volatility': 'Annualised volatility (0.6 = 60 %).',
  'assets.price.keypoints': "piecewise: the path's keypoints, {at, price}, in time order.",
  'assets.price.keypoints.at': 'Time of the keypoint from the start, e.g. 20h.',
  'assets.price.params': 'garch-t: the GARCH(1,1)-t parameters {omega, alpha, beta, nu} on percentage log returns.',
  'assets.price.params.omega': 'GARCH constant ω (percent² per period).',
  'assets.price.params.alpha': 'GARCH α: weight of the last squared return.',
  'assets.price.params.beta': 'GARCH β: weight of the last variance.',
  'assets.price.fitFrom.file': 'Price CSV to fit the GARCH parameters to at load time (relative to the scenario file).',
  'assets.price.fitFrom.column': 'Price column of that CSV; default: the first of price, adj close, close.',
  'assets.stable': 'A stablecoin: depegs move its reference price; the issuer rule applies to it.',
  'assets.issuer': 'The protocol that backs this asset (DAI → a CDP system): an issuer edge in the network.',
  'assets.issuerLoss': "How the issuer's losses reprice the asset: {basis: booked|marked, buffer}.",
  'assets.issuerLoss.basis': 'booked: losses the issuer has recognised; marked: its shortfall of assets at oracle prices.',
  'assets.issuerLoss.buffer': "Loss (USD) the issuer absorbs before the asset's price is scaled down.",
  'assets.priceFrom':
    "The asset's reference price is its market price: each step its price on `venue` in `quote` × the quote's reference price (the price process gives only the start); the issuer loss rule still applies after it.",
  'assets.priceFrom.venue': 'The venue the price is read from (a pool or book trading the asset against quote).',
  'assets.priceFrom.quote': 'The asset the price is read in; its own price must not come from a venue.',
  'venues.impact':
    "Prices that react to trading: agents' cumulative net flow F on this book moves its base asset's reference price by a share of the peak impact 0.02·sign(F)·(|F|/depth2pct)^exponent; absent: off.",
  'venues.impact.exponent': 'δ of the power law: 1 linear (one order sweeping the book), 0.5 the square-root law of metaorders; either moves the price 2 % for a flow of depth2pct.',
  'venues.impact.permanentShare': 'Share of the peak impact that moves the reference for good (default 2/3, Farmer, Gerig, Lillo & Waelbroeck 2013).',
  'venues.impact.halfLife': 'The cumulative flow behind the impact halves in this time (absent: never).',
  venues: 'Where assets trade: constant-product pools, stableswap pools and order-book depth curves.',
  'venues.id': "The venue's id, by which oracles, agents and shocks name it.",
  'venues.kind': 'constant-product (Uniswap v2), stableswap (Curve) or depth-curve (an order book).',
  'venues.base': 'The asset priced (ETH in ETH/USDC).',
  'venues.quote': 'The asset it is priced in (USDC in ETH/USDC).',
  'venues.reserves': 'Pool reserves in tokens: [base, quote].',
  'venues.feeBps': 'Swap fee in basis points (30 = 0.3 %).',
  'venues.assets': "The pool's assets (2 to 8).",
  'venues.balances': "The pool's balance of each asset, in tokens, in the order of assets.",
  'venues.amplification': "Curve's amplification coefficient A: higher is flatter near the peg.",
  'venues.depth2pct': 'Quote-asset volume that moves the price by 2 % (the usual market-depth figure).',
  'venues.resilience': 'Rate per second at which the book re-centres on the reference price (market makers refill it).',
  oracles: "What protocols believe prices are: each oracle's source, delay, heartbeat and deviation threshold.",
  'oracles.id': "The oracle's id, by which reserves, vault types and shocks name it.",
  'oracles.asset': 'The asset it prices, in USD.',
  'oracles.source': 'Where it reads: {kind: reference}, {kind: spot, venue}, {kind: twap, venue, window} or {kind: median, sources}.',
  'oracles.delay': "Publication delay: Maker's OSM publishes the price of one hour ago (1h).",
  'oracles.heartbeat': 'Chainlink-style: publish at least this often…',
  'oracles.deviation': '…and whenever the price moves by more than this fraction since the last publication.',
  kind: "Which form of source: reference (the asset's reference price), spot, twap or median.",
  venue: 'The venue read.',
  window: 'Averaging window of the TWAP, e.g. 30m.',
  sources: 'The sources whose median is published.',
  protocols: 'Lending markets (Aave-like) and CDP systems (Maker-like).',
  'protocols.id': "The protocol's id, by which agents, shocks and governance name it.",
  'protocols.kind': 'lending (Aave-like) or cdp (Maker-like).',
  'protocols.reserves': "The market's reserves: one per asset, with its risk parameters.",
  'protocols.reserves.asset': "The reserve's asset.",
  'protocols.reserves.oracle': 'The oracle that prices it (it must price this asset).',
  'protocols.reserves.ltv': 'Loan to value, in (0, 1]: the most a position may borrow against this collateral.',
  'protocols.reserves.liquidationThreshold': 'In (0, 1]: a position is liquidatable when its debt exceeds collateral × this threshold (health factor below 1).',
  'protocols.reserves.liquidationBonus': 'Share of the repaid debt a liquidator receives on top in collateral (0.05 = 5 %).',
  'protocols.reserves.supply': "Tokens supplied by passive lenders; absent: enough for the positions' borrowing to use 80 % of it.",
  'protocols.reserves.supplyCap': 'Most tokens that may be supplied.',
  'protocols.reserves.borrowCap': 'Most tokens that may be borrowed.',
  'protocols.reserves.rate': "The borrow rate curve: {base, slope1, slope2, optimalUtilisation} (Aave's kinked curve).",
  'protocols.reserves.rate.base': 'Annual borrow rate at zero utilisation.',
  'protocols.reserves.rate.slope1': 'Rate added from zero to optimal utilisation.',
  'protocols.reserves.rate.slope2': 'Rate added from optimal to full utilisation.',
  'protocols.reserves.rate.optimalUtilisation': 'Utilisation where the curve kinks, in (0, 1).',
  'protocols.closeFactor': "Aave v3: at most this share of a position's debt is repaid in one liquidation…",
  'protocols.closeFactorHealthFactor': '…and all of it below this health factor.',
  'protocols.dust': "Collateral below this USD value counts as none left (Aave's dust).",
  'protocols.positions': 'The loan book: groups of generated positions {count, collateral, debt, size, healthFactor}, or {file} (a positions CSV).',
  'protocols.positions.count': 'Number of positions in the group.',
  'protocols.positions.collateral': 'Collateral asset (it needs a reserve in this market).',
  'protocols.positions.debt': 'Debt asset (it needs a reserve in this market).',
  'protocols.positions.size': 'Collateral value in USD at the start: a number or a distribution.',
  'protocols.positions.healthFactor': 'Health factor at the start: a number or a distribution; below 1 is liquidatable from the first step.',
  'protocols.positions.file': 'CSV of positions or vaults (relative to the scenario file).',
  'protocols.governance': "Timelock and Risk-Steward bounds on changes of the protocol's parameters.",
  'protocols.governance.timelock': 'A change takes effect this long after it is accepted, e.g. 1d.',
  'protocols.governance.bounds': 'Per parameter, the largest change allowed and the least time between changes.',
  'protocols.stablecoin': 'The asset vaults mint (its issuer must be this protocol).',
  'protocols.governanceToken': 'Minted by debt auctions to cover a deficit.',
  'protocols.surplus': "System surplus at the start (stablecoin held by the system, Maker's Vow).",
  'protocols.ilks': "Vault types (Maker's ilks): collateral, oracle, liquidation ratio, fees and auction.",
  'protocols.ilks.id': "The vault type's id (ETH-A).",
  'protocols.ilks.asset': 'The collateral asset.',
  'protocols.ilks.oracle': "The oracle that prices it (Maker's OSM: an oracle with delay: 1h).",
  'protocols.ilks.liquidationRatio': 'A vault is unsafe when collateral × price < debt × this ratio (1.5 = 150 %).',
  'protocols.ilks.stabilityFee': 'Annual stability fee, compounded every step.',
  'protocols.ilks.penalty': 'Liquidation penalty: an auction raises debt × (1 + penalty).',
  'protocols.ilks.debtCeiling': 'Most stablecoin this vault type may have outstanding.',
  'protocols.ilks.psm': "A peg stability module (Maker's PSM): the type's one vault swaps its asset for the stablecoin one-to-one both ways, within the debt ceiling, through transactions.",
  'protocols.ilks.psm.tin': 'Fee on selling the asset into the module, a fraction of it (dss-psm tin; 0.001 = 0.1 %).',
  'protocols.ilks.psm.tout': 'Fee on buying the asset from the module (tout).',
  'protocols.ilks.auction': 'How unsafe vaults are sold: {kind: english} (Flipper) or {kind: dutch} (Clipper); absent: never liquidated.',
  'protocols.ilks.auction.kind': "english (Maker's Flipper, tend then dent) or dutch (Clipper, Liquidations 2.0).",
  'protocols.ilks.auction.beg': 'english: minimum bid increase and lot decrease (0.03 = 3 %).',
  'protocols.ilks.auction.ttl': 'english: a bid wins if no other is accepted within this time.',
  'protocols.ilks.auction.tau': 'english: longest an auction runs (restarted without bids).',
  'protocols.ilks.auction.lump': 'english: most collateral one auction sells; a larger vault is bitten several times.',
  'protocols.ilks.auction.buf': 'dutch: starting price = oracle price × buf.',
  'protocols.ilks.auction.tail': 'dutch: reset when older than this…',
  'protocols.ilks.auction.cusp': 'dutch: …or cheaper than this share of the starting price.',
  'protocols.ilks.auction.curve': 'dutch: how the price falls: stairstep {step, cut}, linear {tau} or exponential {cut}.',
  'protocols.ilks.auction.curve.kind': 'stairstep, linear or exponential.',
  'protocols.ilks.auction.curve.step': 'stairstep: time between cuts.',
  'protocols.ilks.auction.curve.cut': 'stairstep: price × cut at each step; exponential: price × cut per second.',
  'protocols.ilks.auction.curve.tau': 'linear: time to fall to zero.',
  'protocols.ilks.auction.tip': 'dutch: flat keeper incentive (stablecoin) on kick and redo.',
  'protocols.ilks.auction.chip': 'dutch: keeper incentive as a share of the debt on kick and redo.',
  'protocols.ilks.auction.chost': 'dutch: a partial take may not leave less than this (dss chost); 0 disables the rule.',
  'protocols.vaults': 'The vaults: groups {ilk, count, size, collateralisation}, or {file} (a vaults CSV).',
  'protocols.vaults.ilk': 'The vault type.',
  'protocols.vaults.count': 'Number of vaults in the group.',
  'protocols.vaults.size': 'Collateral value in USD at the start: a number or a distribution.',
  'protocols.vaults.collateralisation': 'Collateral value / debt at the start (1.5 = 150 %); below the liquidation ratio is unsafe from the first step.',
  'protocols.vaults.file': 'CSV of vaults (relative to the scenario file).',
  'protocols.debtAuction': "Debt auctions (Maker's flop); absent: a deficit stays uncovered.",
  'protocols.debtAuction.delay': 'A booked deficit waits this long before it is auctioned (dss Vow wait).',
  'protocols.debtAuction.lot': 'Stablecoin each debt auction raises (dss Vow sump).',
  'protocols.debtAuction.maxMint': 'Most governance tokens one auction may mint (dss Vow dump); absent: no cap.',
  'protocols.debtAuction.discount': 'Bidders take the governance token at its reference price less this discount.',
  'protocols.debtAuction.retry': 'A lot nobody takes is offered again after this long…',
  'protocols.debtAuction.pad': '…with its cap × pad (dss Flopper pad).',
  agents: 'The actors: liquidators, arbitrageurs, borrower cohorts, LPs, keepers and vault owners.',
  'agents.id': "The agent's id (names its account in the results).",
  'agents.kind': 'liquidator, arbitrageur, borrower-cohort, lp, keeper, vault-owners or psm-arbitrageur.',
  'agents.protocols': 'liquidator: the lending markets it watches.',
  'agents.capital': 'Starting balances in tokens, e.g. {USDC: 5000000, ETH: 10} (the native asset pays gas).',
  'agents.latency': 'Time between a trigger (a position liquidatable, an auction started, an alert) and the agent acting on it.',
  'agents.gasBid': gasBid,
  'agents.gasBid.kind': 'fixed (a bid in gwei) or multiple (the current gas price × factor).',
  'agents.gasBid.gwei': 'fixed: the bid in gwei.',
  'agents.gasBid.factor': 'multiple: the bid as a multiple of the current gas price.',
  'agents.gasPerLiquidation': 'Gas one liquidation uses.',
  'agents.minProfit': 'Minimum profit in USD after gas and slippage.',
  'agents.maxPerStep': "At most this many transactions per step (one bot's throughput).",
  'agents.venues': 'arbitrageur: the venues it trades; psm-arbitrageur: the pools of the stablecoin it trades against the module.',
  'agents.gasPerSwap': 'Gas one swap uses.',
  'agents.aggressiveness': 'arbitrageur: share of the gap to the reference price closed per step (psm-arbitrageur: to its break-even rate).',
  'agents.protocol': 'borrower-cohort: the lending market whose borrowers these are.',
  'agents.share': "Share of the protocol's positions (or vaults) whose owners are attentive.",
  'agents.alertHealthFactor': 'borrower-cohort: they act when the health factor falls under this level…',
  'agents.targetHealthFactor': '…until it is back to this level.',
  'agents.action': 'top-up (add collateral) or repay (repay debt).',
  'agents.venue': 'lp: the pool whose liquidity it provides.',
  'agents.volatilityThreshold': 'lp: realised annualised volatility over window above which it pulls liquidity.',
  'agents.window': 'lp: window of the realised volatility.',
  'agents.withdrawShare': "lp: share of the pool's liquidity withdrawn when it acts, in (0, 1).",
  'agents.cdps': 'keeper: the CDP systems it watches.',
  'agents.bite': 'keeper: start auctions on unsafe vaults (dss bite/bark).',
  'agents.bid': 'keeper: bid in auctions.',
  'agents.discount': 'keeper: bids value collateral at its market price less this share (1: zero bids).',
  'agents.sell': 'keeper: sell won collateral for the stablecoin on the best venue.',
  'agents.gasPerBite': 'keeper: gas one bite uses.',
  'agents.gasPerBid': 'keeper: gas one bid uses.',
  'agents.cdp': 'vault-owners: the CDP system whose vaults these are; psm-arbitrageur: the system whose peg stability module it uses.',
  'agents.psm': "psm-arbitrageur: the module's vault type (one with psm).",
  'agents.alertRatio': 'vault-owners: they act when collateral value / debt falls under this ratio…',
  'agents.targetRatio': '…until it is back at this ratio.',
  'agents.price': 'vault-owners: the price they watch: reference (the market) or oracle.',
  shocks: 'Scheduled events: crash, jump, depeg, oracle freeze/delay/manipulation, liquidity withdrawal, gas spike, exploit.',
  'shocks.kind': 'crash, jump, depeg, oracle-freeze, oracle-delay, oracle-manipulation, liquidity-withdrawal, gas-spike or exploit.',
  'shocks.asset': 'The asset hit (an exploit: the reserve or collateral drained; absent: all).',
  'shocks.magnitude': 'crash: the fall (0.4 = 40 %); jump: the move (0.2 = +20 %); a number or a distribution.',
  'shocks.start': 'When the shock starts, from the beginning of the run (e.g. 1h).',
  'shocks.duration': 'How long it ramps in (crash, jump, depeg) or lasts (freeze, manipulation, gas spike).',
  'shocks.oracle': 'The oracle hit.',
  'shocks.delay': "oracle-delay: the oracle's new publication delay.",
  'shocks.venue': "The venue hit (a liquidity withdrawal; a manipulation of one of the oracle's venues).",
  'shocks.factor': 'manipulation: observed prices × factor; liquidity-withdrawal: share of liquidity kept; gas-spike: demand × factor.',
  'shocks.level': "depeg: the level, a multiple of peg (by default the asset's price at the start: 0.9 = 10 % below).",
  'shocks.peg': "depeg: what the level multiplies: a USD number or an asset id (its price at the shock's start); absent: the asset's own price.",
  'shocks.absolute': 'depeg: read level as a USD price, and allow a move of more than 90 %.',
  'shocks.protocol': 'exploit: the protocol drained.',
  'shocks.share': 'exploit: the share of its reserves drained, in [0, 1].',
  governance: 'Scheduled changes of protocol parameters, sent through the mempool like any transaction.',
  'governance.at': 'When the change is sent, from the start.',
  'governance.protocol': 'The protocol changed.',
  'governance.target': "A reserve's asset (lending) or a vault type's id (CDP).",
  'governance.set': 'The new parameter values, e.g. {liquidationThreshold: 0.8}.',
  'governance.gasBid': gasBid,
  'governance.gasBid.kind': 'fixed (a bid in gwei) or multiple (the current gas price × factor).',
  'governance.gasBid.gwei': 'fixed: the bid in gwei.',
  'governance.gasBid.factor': 'multiple: the bid as a multiple of the current gas price.',
  chain: 'The chain: the gas asset and price, and optionally block space and background congestion.',
  'chain.nativeAsset': "The asset gas is paid in; absent: ETH, or the scenario's WETH when it has WETH and no ETH.",
  'chain.gasPrice': 'Gas price in gwei (the first base fee with block space).',
  'chain.blockTime': 'Time between blocks; with gasLimit, transactions wait in a mempool and compete for block space.',
  'chain.gasLimit': 'Gas per block (with blockTime).',
  'chain.expiry': 'A transaction not included within this time is dropped.',
  'chain.feeMarket':
    'How blocks are filled: eip1559 (base fee and tips, the default) or first-price (Ethereum before August 2021: no base fee, the highest bids fill each block, each transaction pays its bid).',
  'chain.congestion': 'Background demand for block space (needs blockTime and gasLimit).',
  'chain.congestion.gasPrices':
    'first-price: the gas prices the rest of the chain paid, over time: segments {from, to, mean, logSd} (a lognormal of that mean gwei, e.g. a daily average) or {file, start} (a CSV of timestamp and percentile columns p35,p60,… in gwei); together they cover the horizon.',
  'chain.congestion.gasPrices.from': 'Start of the segment (from the start of the run).',
  'chain.congestion.gasPrices.to': 'End of the segment (exclusive).',
  'chain.congestion.gasPrices.mean': 'Mean gas price (gwei) of the mined transactions over the segment.',
  'chain.congestion.gasPrices.logSd': 'Standard deviation of the log gas price over the segment (its lognormal shape).',
  'chain.congestion.gasPrices.file': 'CSV with a timestamp column and two or more percentile columns p<NN> in gwei; each row holds until the next (relative to the scenario file).',
  'chain.congestion.gasPrices.start': "The file's instant (ISO-8601) that the run's time 0 maps to.",
  'chain.congestion.suggestedQuantile': 'first-price: the quantile of the mined gas prices that agents see as the gas price (default 0.5, the median).',
  'chain.congestion.enabled': 'Off: no background demand and no gas spikes.',
  'chain.congestion.meanLogDemand': 'Long-run log of background demand / gas target at the reference base fee.',
  'chain.congestion.reversionRate': 'Mean reversion of the log demand, per second.',
  'chain.congestion.volatility': 'Volatility of the log demand, per √second.',
  'chain.congestion.referenceBaseFee': 'Base fee (gwei) at which demand equals exp(log demand) × target; default gasPrice.',
  'chain.congestion.elasticity': 'Price elasticity of background demand.',
  'chain.congestion.tipScale': 'Mean priority fee (gwei) of background transactions.',
  contagion: "Contagion measures over the protocols' exposure network (DebtRank, Eisenberg–Noe).",
  'contagion.every': 'Measured every this often (and at the last step).',
  'contagion.capital': 'Capital (USD) a protocol holds beyond its books, by protocol id; default 0.',
  uncertain: 'Inputs no source gives, each with a range drawn afresh on every path: a run over many paths is the outcome under what is not known; `attribute` splits its mean among them (Shapley).',
  'uncertain.field': 'The number made uncertain, named as --set names fields (by index or by id), e.g. agents.keeper-1.capital.DAI.',
  'uncertain.range':
    'Its range: {distribution: uniform, min, max}, {distribution: loguniform, min, max} (uniform in the log) or {distribution: choice, values, weights}; a plain number fixes it on every path.',
  'uncertain.group': '`attribute` switches inputs of the same group together (absent: the input is its own group).',
  'uncertain.baseline': 'The value `attribute` fixes the input at when it is not drawn; default: the middle of the range.',
  'uncertain.reason': 'Why no source gives it, and what the range rests on.',
  options: 'Run options: price feedback, its counterfactual, invariant checks.',
  'options.priceFeedback': "Off: liquidators' sales move no venue price.",
  'options.amplification': 'Also run each path without price feedback, to measure cascade amplification.',
  'options.checkInvariants': 'Check the accounting invariants at every step.',
};

type JsonNode = { [key: string]: unknown };

/** The description a field gets from the tables and rules above, or undefined. */
function docFor(path: string, key: string, siblings: JsonNode): string | undefined {
  if ('distribution' in siblings && DISTRIBUTION_DOCS[key]) return DISTRIBUTION_DOCS[key];
  const bounds = path.indexOf('governance.bounds.');
  if (bounds >= 0) return BOUND_DOCS[key] ?? `Risk-Steward bound on changes of ${key}.`;
  if (path.startsWith('governance.set.')) return `New value of ${key} (in the units of the reserve or vault type field).`;
  return FIELD_DOCS[path];
}

/**
 * Fills in a description on every property of a JSON Schema exported from the scenario schema.
 * Returns the properties left without one and the FIELD_DOCS entries no property used.
 */
export function describeSchemaFields(schema: JsonNode): { missing: string[]; unused: string[] } {
  const missing = new Set<string>();
  const used = new Set<string>();
  const visit = (node: unknown, path: string): void => {
    if (Array.isArray(node)) {
      for (const n of node) visit(n, path);
      return;
    }
    if (!node || typeof node !== 'object') return;
    const n = node as JsonNode;
    const props = n.properties as Record<string, JsonNode> | undefined;
    if (props) {
      for (const [key, child] of Object.entries(props)) {
        const p = path ? `${path}.${key}` : key;
        if (typeof child.description !== 'string' || child.description === '') {
          const doc = docFor(p, key, props);
          if (doc !== undefined) {
            child.description = doc;
            if (FIELD_DOCS[p] === doc) used.add(p);
          } else missing.add(p);
        }
        visit(child, p);
      }
    }
    for (const k of ['items', 'prefixItems', 'anyOf', 'oneOf', 'allOf', 'additionalProperties']) visit(n[k], path);
    // shared definitions (the recursive oracle source): their fields are named by key alone
    for (const k of ['$defs', 'definitions']) if (n[k] && typeof n[k] === 'object') for (const d of Object.values(n[k] as object)) visit(d, '');
  };
  visit(schema, '');
  return { missing: [...missing], unused: Object.keys(FIELD_DOCS).filter((k) => !used.has(k)) };
}
