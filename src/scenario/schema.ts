/**
 * The scenario file's schema: what a risk researcher writes, with defaults. Every object is
 * strict (an unknown field is an error, since a typo silently ignored is a wrong stress test).
 * Cross-references (an oracle's asset, a reserve's oracle, an agent's protocol) are checked in
 * `references.ts` after this structural check.
 */
import { z } from 'zod';
import { duration, positiveDuration } from './units.js';
import { distributionSchema, numberOrDistribution, positiveNumberOrDistribution } from './distribution.js';
import { priceProcessSchema, marketSchema, isoInstant } from '../market/schema.js';
import { cdpGovernanceSchema, lendingGovernanceSchema, optionsGovernanceSchema, parameterValuesSchema } from './governance.js';
import { POSITIONS_MAX, SEED_MAX, VOLATILITY_MAX } from '../util/bounds.js';
import { gasBidSchema } from './gasBid.js';
import { rlSchema } from './rl.js';
import { uncertainSchema } from './uncertain.js';

const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, { message: 'expected an id of letters, digits, _ . -' });
const positive = z.number().positive();
const nonNegative = z.number().nonnegative();
const fraction = z.number().min(0).max(1);
/** (0, 1]: a liquidation threshold or LTV of 0 would mean no borrowing at all. */
const unitInterval = z.number().gt(0, { message: 'expected a number in (0, 1]' }).max(1, { message: 'expected a number in (0, 1]' });

export const assetSchema = z
  .object({
    id,
    price: priceProcessSchema,
    /** A stablecoin: depegs move its reference price; the issuer rule applies to it. */
    stable: z.boolean().default(false),
    /** The protocol that backs this asset (DAI → a CDP system): an `issuer` edge in the network. */
    issuer: id.optional(),
    /**
     * The issuer loss rule: when the issuer's loss passes `buffer` (USD), the asset's reference
     * price is scaled by 1 − (loss − buffer) / (issuer's liabilities at par). `booked`: losses the
     * issuer has recognised (a CDP's deficit after auctions, a market's bad debt and exploit
     * losses); `marked`: its shortfall of assets at oracle prices against liabilities.
     */
    issuerLoss: z
      .object({ basis: z.enum(['booked', 'marked']).default('booked'), buffer: nonNegative.default(0) })
      .strict()
      .default({ basis: 'booked', buffer: 0 }),
    /**
     * The asset's reference price is its market price on a venue: each step, its price there in
     * `quote` × the quote's reference price (sim/marketPrices.ts); `price` gives only the start.
     */
    priceFrom: z.object({ venue: id, quote: id }).strict().optional(),
  })
  .strict();

const constantProductVenue = z
  .object({
    id,
    kind: z.literal('constant-product'),
    base: id,
    quote: id,
    /** Pool reserves in tokens: [base, quote]. */
    reserves: z.tuple([positive, positive]),
    feeBps: z.number().min(0).max(10000).default(30),
  })
  .strict();

const stableswapVenue = z
  .object({
    id,
    kind: z.literal('stableswap'),
    assets: z.array(id).min(2).max(8),
    balances: z.array(positive).min(2).max(8),
    amplification: positive,
    feeBps: z.number().min(0).max(10000).default(4),
  })
  .strict()
  .refine((v) => v.assets.length === v.balances.length, { message: 'expected one balance per asset', path: ['balances'] });

const depthCurveVenue = z
  .object({
    id,
    kind: z.literal('depth-curve'),
    base: id,
    quote: id,
    /** Quote-asset volume that moves the price by 2 % (the usual market-depth figure). */
    depth2pct: positive,
    /** The book re-centres on the reference price at this rate per second (market makers refill it). */
    resilience: nonNegative.default(0.002),
    /** Prices that react to trading: agents' net flow here moves the base asset's reference price (sim/priceImpact.ts); absent: off. */
    impact: z
      .object({
        /** δ of the power law 0.02·(F/depth2pct)^δ: 1 linear (one order sweeping the book), 0.5 the square-root law of metaorders. */
        exponent: z.number().gt(0).max(1),
        /** Share of the peak impact that stays (2/3: Farmer, Gerig, Lillo & Waelbroeck 2013). */
        permanentShare: z
          .number()
          .min(0)
          .max(1)
          .default(2 / 3),
        /** The cumulative flow behind the impact halves in this time; absent: it never decays. */
        halfLife: positiveDuration.optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export const venueSchema = z.union([constantProductVenue, stableswapVenue, depthCurveVenue]);

const oracleSource: z.ZodType<OracleSource> = z.lazy(() =>
  z.union([
    z.object({ kind: z.literal('reference') }).strict(),
    z.object({ kind: z.literal('spot'), venue: id }).strict(),
    z.object({ kind: z.literal('twap'), venue: id, window: positiveDuration }).strict(),
    z.object({ kind: z.literal('median'), sources: z.array(oracleSource).min(1) }).strict(),
  ]),
) as unknown as z.ZodType<OracleSource>;

export type OracleSource = { kind: 'reference' } | { kind: 'spot'; venue: string } | { kind: 'twap'; venue: string; window: number } | { kind: 'median'; sources: OracleSource[] };

export const oracleSchema = z
  .object({
    id,
    asset: id,
    /** Price of this asset in USD; venue sources are read in their quote asset at the quote's reference price. */
    source: oracleSource.default({ kind: 'reference' }),
    /** Publication delay: Maker's OSM publishes the price of one hour ago (`1h`). */
    delay: duration.default(0),
    /** Chainlink-style: publish at least this often… */
    heartbeat: positiveDuration.default(3600),
    /** …and whenever the price moves by more than this fraction since the last publication. */
    deviation: fraction.default(0.005),
  })
  .strict();

const rateCurve = z
  .object({
    base: nonNegative.default(0),
    slope1: nonNegative.default(0.04),
    slope2: nonNegative.default(0.75),
    optimalUtilisation: z.number().gt(0).lt(1).default(0.8),
  })
  .strict();

const reserveSchema = z
  .object({
    asset: id,
    oracle: id,
    ltv: unitInterval,
    liquidationThreshold: unitInterval,
    liquidationBonus: z.number().min(0).max(0.5).default(0.05),
    /**
     * Tokens supplied by passive lenders (the liquidity borrowers draw on). Absent: enough for the
     * positions' borrowing to use 80 % of it.
     */
    supply: nonNegative.optional(),
    supplyCap: positive.optional(),
    borrowCap: positive.optional(),
    rate: rateCurve.default({ base: 0, slope1: 0.04, slope2: 0.75, optimalUtilisation: 0.8 }),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (r.ltv > r.liquidationThreshold) ctx.addIssue({ code: 'custom', path: ['ltv'], message: `expected ltv <= liquidationThreshold (${r.liquidationThreshold})` });
  });

const generatedPositions = z
  .object({
    count: z
      .number()
      .int()
      .positive()
      .max(POSITIONS_MAX, { message: `expected at most ${POSITIONS_MAX.toLocaleString('en-US')} positions or vaults` }),
    collateral: id,
    debt: id,
    /** Collateral value in USD at the start. */
    size: positiveNumberOrDistribution,
    /** Initial health factor; values at or below 1 are liquidatable from the first step. */
    healthFactor: positiveNumberOrDistribution,
  })
  .strict();

const csvPositions = z.object({ file: z.string().min(1) }).strict();

/** A lending market's positions file, or an account snapshot with the reserve totals it must add up to. */
const csvLendingPositions = z
  .object({
    file: z.string().min(1),
    /**
     * For an account snapshot (a file with an `account` column): per asset, the protocol's own
     * supply and borrow totals at the snapshot's block; the file's rows must add up to them.
     */
    reserveTotals: z.record(z.string(), z.object({ supply: nonNegative, borrow: nonNegative }).strict()).optional(),
    /** Relative disagreement allowed between the rows' sums and `reserveTotals` (default 0.01). */
    tolerance: z.number().min(0).max(1).optional(),
  })
  .strict();

/**
 * An empty position that an agent owns and manages from its own wallet (deposit, borrow, repay,
 * withdraw): the RL trader's account in a market. Listed after the drawn positions.
 */
const ownedPosition = z.object({ owner: id, collateral: id, debt: id }).strict();

/**
 * A weight of one asset in a generated account: a number ≥ 0 or a distribution (a draw below 0
 * counts as 0). Each account's collateral weights, and its debt weights, are normalised to 1.
 */
const accountWeight = z.union([z.number().nonnegative(), distributionSchema]);

/** One asset of generated cross-margined accounts: its share of their collateral and of their debt. */
const accountAsset = z
  .object({
    asset: id,
    collateral: accountWeight.optional(),
    debt: accountWeight.optional(),
    /** Aave's per-user flag: false, the supply is held but neither backs the debt nor can be seized. */
    usedAsCollateral: z.boolean().optional(),
  })
  .strict();

/**
 * Cross-margined accounts drawn from distributions: each holds collateral worth `size` USD split
 * over the assets by their drawn collateral weights, and owes debt split by the debt weights, sized
 * so that its health factor (Σ collateral · P · LT / Σ debt · P) at the start is the drawn value.
 */
const generatedAccounts = z
  .object({
    count: z
      .number()
      .int()
      .positive()
      .max(POSITIONS_MAX, { message: `expected at most ${POSITIONS_MAX.toLocaleString('en-US')} accounts` }),
    assets: z.array(accountAsset).min(1),
    size: positiveNumberOrDistribution,
    healthFactor: positiveNumberOrDistribution,
  })
  .strict();

export const lendingSchema = z
  .object({
    id,
    kind: z.literal('lending'),
    reserves: z.array(reserveSchema).min(1),
    /** Aave v3: at most this share of a position's debt is repaid in one liquidation… */
    closeFactor: z.number().gt(0).max(1).default(0.5),
    /** …and all of it below this health factor. */
    closeFactorHealthFactor: z.number().positive().max(1).default(0.95),
    /** Collateral below this USD value counts as none left (Aave's dust). */
    dust: nonNegative.default(1e-6),
    positions: z.array(z.union([generatedPositions, csvLendingPositions, ownedPosition])).default([]),
    /** Generated cross-margined accounts (a `positions` file with an `account` column gives them from a snapshot). */
    accounts: z.array(generatedAccounts).optional(),
    /** Whose liquidation rules apply: Aave v3's (the default) or Compound v2's. */
    rules: z.enum(['aave-v3', 'compound-v2']).optional(),
    /** Timelock and Risk-Steward bounds on changes of its reserves' parameters (governance.ts). */
    governance: lendingGovernanceSchema.optional(),
  })
  .strict();

/** Maker's English auction (Flipper, March 2020): tend then dent, bids live `ttl`, auction `tau`. */
const englishAuction = z
  .object({
    kind: z.literal('english'),
    /** Minimum bid increase (tend) and lot decrease (dent): 0.03 = 3 % (dss beg = 1.03). */
    beg: z.number().min(0).max(1).default(0.03),
    /** A bid wins if no other is accepted within this time. */
    ttl: positiveDuration.default(600),
    /** Longest an auction runs; one without bids is then restarted. */
    tau: positiveDuration.default(21600),
    /** Most collateral one auction sells (dss cat `lump`); a larger vault is bitten several times. */
    lump: positive.optional(),
  })
  .strict();

const priceCurve = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('stairstep'), step: positiveDuration.default(90), cut: unitInterval.default(0.99) }).strict(),
  z.object({ kind: z.literal('linear'), tau: positiveDuration }).strict(),
  z.object({ kind: z.literal('exponential'), cut: unitInterval }).strict(),
]);

/** Maker's Dutch auction (Clipper, Liquidations 2.0). */
const dutchAuction = z
  .object({
    kind: z.literal('dutch'),
    /** Starting price = oracle price × buf. */
    buf: z.number().min(1).default(1.2),
    /** Reset when older than this… */
    tail: positiveDuration.default(8400),
    /** …or cheaper than this share of the starting price. */
    cusp: fraction.default(0.4),
    curve: priceCurve.default({ kind: 'stairstep', step: 90, cut: 0.99 }),
    /** Keeper incentive on kick and redo: tip + chip × tab (stablecoin), paid by the system. */
    tip: nonNegative.default(0),
    chip: fraction.default(0),
    /** dss chost (dust × penalty): a partial take may not leave less than this; 0 disables the rule. */
    chost: nonNegative.default(0),
  })
  .strict();

const ilkSchema = z
  .object({
    id,
    asset: id,
    /** Maker's OSM: an oracle with `delay: 1h`. */
    oracle: id,
    /** A vault is unsafe when collateral × oracle price < debt × this ratio (1.5 = 150 %). */
    liquidationRatio: z.number().min(1),
    /** Annual stability fee, compounded every step. */
    stabilityFee: nonNegative.default(0),
    /** Liquidation penalty: an auction raises debt × (1 + penalty). */
    penalty: z.number().min(0).max(1).default(0.13),
    /** Most stablecoin this vault type may have outstanding. */
    debtCeiling: positive.optional(),
    /** How unsafe vaults are sold; absent: never liquidated (as Maker's peg stability module). */
    auction: z.discriminatedUnion('kind', [englishAuction, dutchAuction]).optional(),
    /** A peg stability module (protocols/cdp/psm.ts): its one vault swaps the asset for the stablecoin one-to-one, both ways. */
    psm: z
      .object({ tin: fraction.default(0), tout: fraction.default(0) })
      .strict()
      .optional(),
  })
  .strict()
  .refine((i) => !(i.psm && i.auction), { message: 'expected no auction for a peg stability module (its vault is never liquidated)', path: ['psm'] });

const generatedVaults = z
  .object({
    ilk: id,
    count: z
      .number()
      .int()
      .positive()
      .max(POSITIONS_MAX, { message: `expected at most ${POSITIONS_MAX.toLocaleString('en-US')} positions or vaults` }),
    /** Collateral value in USD at the start. */
    size: positiveNumberOrDistribution,
    /** Collateral value / debt at the start (1.5 = 150 %); below the liquidation ratio is unsafe from the first step. */
    collateralisation: positiveNumberOrDistribution,
  })
  .strict();

const debtAuctionSchema = z
  .object({
    /** A booked deficit waits this long before it is auctioned (dss Vow `wait`). */
    delay: duration.default(0),
    /** Stablecoin each debt auction raises (dss Vow `sump`). */
    lot: positive.default(50000),
    /** Most governance tokens one auction may mint (dss Vow `dump`); absent: no cap. */
    maxMint: positive.optional(),
    /** Bidders take the governance token at its reference price less this discount. */
    discount: z.number().min(0).lt(1).default(0),
    /** A lot nobody takes within its cap is offered again after this long with the cap × `pad` (dss Flopper tau, pad). */
    retry: positiveDuration.default(259200),
    pad: z.number().min(1).default(1.2),
  })
  .strict();

export const cdpSchema = z
  .object({
    id,
    kind: z.literal('cdp'),
    /** The asset vaults mint (its `issuer` must be this protocol). */
    stablecoin: id,
    /** Minted by debt auctions to cover a deficit. */
    governanceToken: id.optional(),
    /** System surplus at the start (stablecoin held by the system, Maker's Vow). */
    surplus: nonNegative.default(0),
    ilks: z.array(ilkSchema).min(1),
    vaults: z.array(z.union([generatedVaults, csvPositions])).default([]),
    /** Debt auctions (Maker's flop); absent: a deficit stays uncovered. */
    debtAuction: debtAuctionSchema.optional(),
    /** Timelock and Risk-Steward bounds on changes of its vault types' parameters (governance.ts). */
    governance: cdpGovernanceSchema.optional(),
  })
  .strict();

/** Option sellers drawn at the start: each account is short `contracts` of one listed series, bought by the venue's counterparty at the mark. */
const optionPositions = z
  .object({
    count: z
      .number()
      .int()
      .positive()
      .max(POSITIONS_MAX, { message: `expected at most ${POSITIONS_MAX.toLocaleString('en-US')} positions or vaults` }),
    type: z.enum(['call', 'put']),
    /** One of the venue's strikes. */
    strike: positive,
    /** One of the venue's expiries. */
    expiry: positiveDuration,
    /** Contracts (units of the underlying) each account sold. */
    contracts: positiveNumberOrDistribution,
    /** The settlement asset or the underlying. */
    collateral: id,
    /** Equity / maintenance margin at the start; at or below 1 is liquidatable from the first step. */
    healthFactor: positiveNumberOrDistribution,
  })
  .strict();

/** The implied-volatility surface (protocols/options/surface.ts). */
const volSurfaceSchema = z
  .object({
    longRunVol: z.number().gt(0).max(VOLATILITY_MAX),
    halfLife: positiveDuration.default(21600),
    meanReversion: nonNegative.default(52),
    premium: positive.default(1),
    skew: z.number().default(0.3),
    skewPerDrawdown: nonNegative.default(2),
    curvature: nonNegative.default(0.5),
    minVol: z.number().gt(0).max(VOLATILITY_MAX).default(0.05),
    maxVol: z.number().gt(0).max(VOLATILITY_MAX).default(5),
  })
  .strict()
  .refine((v) => v.minVol <= v.maxVol, { message: 'expected minVol <= maxVol', path: ['maxVol'] });

/** Deribit's portfolio-margin grid (protocols/options/margin.ts). */
const portfolioGridSchema = z
  .object({
    priceRange: z.number().gt(0).lt(1).default(0.16),
    buckets: z.number().int().min(1).max(101).default(9),
    volUp: nonNegative.default(0.5),
    volDown: z.number().min(0).lt(1).default(0.25),
    shortTermPower: nonNegative.default(0.3),
    longTermPower: nonNegative.default(0.13),
    minDays: positive.default(1),
    maintenanceFactor: z.number().gt(0).max(1).default(0.8),
  })
  .strict();

const DEFAULT_GRID = { priceRange: 0.16, buckets: 9, volUp: 0.5, volDown: 0.25, shortTermPower: 0.3, longTermPower: 0.13, minDays: 1, maintenanceFactor: 0.8 };

const optionMarginSchema = z
  .object({
    rule: z.enum(['standard', 'portfolio']).default('standard'),
    /** Standard rule, per short contract: IM = max(initial·S − OTM, initialFloor·S) + mark; MM = maintenance·S + mark. */
    initial: z.number().gt(0).lt(1).default(0.15),
    initialFloor: z.number().gt(0).lt(1).default(0.1),
    maintenance: z.number().gt(0).lt(1).default(0.075),
    grid: portfolioGridSchema.default(DEFAULT_GRID),
  })
  .strict()
  .superRefine((m, ctx) => {
    if (m.initialFloor > m.initial) ctx.addIssue({ code: 'custom', path: ['initialFloor'], message: `expected initialFloor <= initial (${m.initial})` });
    if (m.maintenance > m.initialFloor) ctx.addIssue({ code: 'custom', path: ['maintenance'], message: `expected maintenance <= initialFloor (${m.initialFloor})` });
  });

export const optionsSchema = z
  .object({
    id,
    kind: z.literal('options'),
    underlying: id,
    /** A USD stablecoin: premiums, margin and settlement are paid in it (at par). */
    settlement: id,
    /** The index price: marks, margin and settlement read it. */
    oracle: id,
    strikes: z
      .array(positive)
      .min(1)
      .refine((k) => new Set(k).size === k.length, { message: 'expected distinct strikes' }),
    expiries: z
      .array(positiveDuration)
      .min(1)
      .refine((e) => new Set(e).size === e.length, { message: 'expected distinct expiries' }),
    rate: z.number().min(-1).max(1).default(0),
    margin: optionMarginSchema.default({ rule: 'standard', initial: 0.15, initialFloor: 0.1, maintenance: 0.075, grid: DEFAULT_GRID }),
    liquidation: z
      .object({
        discount: z.number().min(0).lt(0.5).default(0.05),
        maxShare: z.number().gt(0).max(1).default(0.5),
        minContracts: nonNegative.default(1),
      })
      .strict()
      .default({ discount: 0.05, maxShare: 0.5, minContracts: 1 }),
    surface: volSurfaceSchema,
    positions: z.array(optionPositions).default([]),
    /** Timelock and Risk-Steward bounds on changes of its margin and liquidation parameters (governance.ts). */
    governance: optionsGovernanceSchema.optional(),
  })
  .strict();

export const protocolSchema = z.discriminatedUnion('kind', [lendingSchema, cdpSchema, optionsSchema]);

const gasBid = gasBidSchema;

const liquidatorSchema = z
  .object({
    id,
    kind: z.literal('liquidator'),
    protocols: z.array(id).min(1),
    /** Starting balances in tokens, e.g. { USDC: 5000000, ETH: 10 } (ETH pays gas). */
    capital: z.record(z.string(), nonNegative),
    /** Time between a position becoming liquidatable and this liquidator acting on it. */
    latency: duration.default(0),
    gasBid: gasBid.default({ kind: 'multiple', factor: 1.2 }),
    gasPerLiquidation: positive.default(400_000),
    /** Minimum profit in USD after gas and slippage. */
    minProfit: nonNegative.default(0),
    /** At most this many liquidations per step (one keeper bot's throughput). */
    maxPerStep: z.number().int().positive().default(50),
    /** On cross-margined accounts: one call per account (the default) or Qin et al.'s two steps in one bundle. */
    accountStrategy: z.enum(['one-step', 'two-step']).optional(),
  })
  .strict();

const arbitrageurSchema = z
  .object({
    id,
    kind: z.literal('arbitrageur'),
    venues: z.array(id).min(1),
    capital: z.record(z.string(), nonNegative),
    gasBid: gasBid.default({ kind: 'multiple', factor: 1.1 }),
    gasPerSwap: positive.default(150_000),
    minProfit: nonNegative.default(0),
    /** Share of the gap to the reference price closed per step (1: all of it, as far as capital allows). */
    aggressiveness: z.number().gt(0).max(1).default(1),
  })
  .strict();

const borrowerCohortSchema = z
  .object({
    id,
    kind: z.literal('borrower-cohort'),
    protocol: id,
    /** Share of the protocol's positions that belong to attentive borrowers. */
    share: fraction,
    /** They act when the health factor falls under this level… */
    alertHealthFactor: z.number().gt(1),
    /** …after this latency… */
    latency: duration.default(1800),
    /** …by adding collateral or repaying debt until the health factor is back to this level. */
    targetHealthFactor: z.number().gt(1),
    action: z.enum(['top-up', 'repay']).default('top-up'),
  })
  .strict()
  .refine((c) => c.targetHealthFactor > c.alertHealthFactor, { message: 'expected targetHealthFactor > alertHealthFactor', path: ['targetHealthFactor'] });

const lpSchema = z
  .object({
    id,
    kind: z.literal('lp'),
    venue: id,
    /** Realised volatility (annualised) over `window` above which the LP pulls liquidity. */
    volatilityThreshold: positive,
    window: positiveDuration.default(3600),
    /** Share of the pool's liquidity withdrawn when it acts (once); below 1, since an empty pool has no price. */
    withdrawShare: z.number().gt(0, { message: 'expected a share in (0, 1)' }).lt(1, { message: 'expected a share in (0, 1): a pool with no liquidity left has no price' }).default(0.5),
  })
  .strict();

const keeperSchema = z
  .object({
    id,
    kind: z.literal('keeper'),
    cdps: z.array(id).min(1),
    /** Starting balances in tokens: stablecoin to bid with, the native asset for gas. */
    capital: z.record(z.string(), nonNegative),
    gasBid: gasBid.default({ kind: 'multiple', factor: 1.2 }),
    /** Start auctions on unsafe vaults (dss bite/bark). */
    bite: z.boolean().default(true),
    /** Bid in auctions. */
    bid: z.boolean().default(true),
    /**
     * Bids value collateral at what it sells for on the best venue (or the reference price) less
     * this share; 1 bids nothing, as the zero-bid keepers of March 2020.
     */
    discount: fraction.default(0.05),
    /** Sell won collateral for the stablecoin on the best venue (refills the bidding balance). */
    sell: z.boolean().default(true),
    minProfit: nonNegative.default(0),
    /** Time between an auction starting (or a vault turning unsafe) and this keeper acting on it. */
    latency: duration.default(0),
    gasPerBite: positive.default(300_000),
    gasPerBid: positive.default(150_000),
    gasPerSwap: positive.default(150_000),
    /** At most this many transactions per step. */
    maxPerStep: z.number().int().positive().default(20),
  })
  .strict();

/** Attentive vault owners of a CDP system (the CDP counterpart of a borrower cohort). */
const vaultOwnersSchema = z
  .object({
    id,
    kind: z.literal('vault-owners'),
    cdp: id,
    /** Share of the system's vaults whose owners watch them. */
    share: fraction,
    /** They act when collateral value / debt falls under this ratio (1.75 = 175 %)… */
    alertRatio: z.number().gt(1),
    /** …and has stayed there this long… */
    latency: duration.default(1800),
    /** …by adding collateral or repaying debt until the ratio is back at this level. */
    targetRatio: z.number().gt(1),
    action: z.enum(['top-up', 'repay']).default('top-up'),
    /** The price they watch: the market (`reference`: Maker's OSM gives them an hour's warning) or the system's oracle. */
    price: z.enum(['reference', 'oracle']).default('reference'),
    /** Their fee bid; their gas is paid from outside the modelled world, but they need block space. */
    gasBid: gasBid.default({ kind: 'multiple', factor: 1.5 }),
  })
  .strict()
  .refine((c) => c.targetRatio > c.alertRatio, { message: 'expected targetRatio > alertRatio', path: ['targetRatio'] });

/** Takes over option accounts under maintenance at the venue's discount and hedges the delta it takes on. */
const optionLiquidatorSchema = z
  .object({
    id,
    kind: z.literal('option-liquidator'),
    protocols: z.array(id).min(1),
    capital: z.record(z.string(), nonNegative),
    /** Settlement tokens it posts on each venue at the start, as margin for what it takes over. */
    deposit: nonNegative.default(0),
    /** Delta-hedge what it takes over (false: the counterfactual without hedging). */
    hedge: z.boolean().default(true),
    /** Where it hedges; absent: every venue trading the underlying against the settlement asset. */
    hedgeVenues: z.array(id).optional(),
    /** Re-hedge when its net delta is further than this from zero (units of the underlying). */
    rehedgeBand: nonNegative.default(1),
    /** Tops up its venue margin from its wallet while equity is under this × initial margin. */
    marginBuffer: z.number().min(1).default(1.5),
    latency: duration.default(0),
    gasBid: gasBid.default({ kind: 'multiple', factor: 1.2 }),
    gasPerLiquidation: positive.default(500_000),
    gasPerSwap: positive.default(150_000),
    minProfit: nonNegative.default(0),
    maxPerStep: z.number().int().positive().default(20),
  })
  .strict();

/** Sells covered calls or cash-secured puts each round by auction; its idle collateral may be supplied to a lending market. */
const optionVaultSchema = z
  .object({
    id,
    kind: z.literal('option-vault'),
    protocol: id,
    strategy: z.enum(['covered-call', 'cash-secured-put']),
    capital: z.record(z.string(), nonNegative),
    /** A lending market of the scenario where the vault's idle collateral is supplied. */
    lending: id.optional(),
    /** Share of the vault's funds sold against each round. */
    allocation: z.number().gt(0).max(1).default(1),
    /** Strike / spot sought at a round's start (the nearest listed strike); default 1.1 for calls, 0.9 for puts. */
    moneyness: positive.optional(),
    /** A round sells the nearest expiry at least this far ahead. */
    minTenor: duration.default(3600),
    /** How long each round's auction runs. */
    auction: positiveDuration.default(1800),
    /** Reserve price as a share of the mark. */
    reservePrice: fraction.default(0.8),
    /** After a round that lost more than lossThreshold of the vault, depositors withdraw `share` of what is left. */
    redemption: z
      .object({ lossThreshold: fraction.default(0.02), share: fraction.default(0.5) })
      .strict()
      .optional(),
    gasBid: gasBid.default({ kind: 'multiple', factor: 1.2 }),
    gasPerTx: positive.default(200_000),
  })
  .strict();

/** Buys what option vaults auction, at the mark less its edge. */
const optionMarketMakerSchema = z
  .object({
    id,
    kind: z.literal('option-market-maker'),
    protocols: z.array(id).min(1),
    capital: z.record(z.string(), nonNegative),
    /** Settlement tokens it posts on each venue at the start, to pay premiums from. */
    deposit: nonNegative.default(0),
    /** Bids the mark × (1 − edge). */
    edge: z.number().min(0).lt(1).default(0.05),
    /** Most premium it pays in one auction (absent: what it has on the venue). */
    maxPremium: positive.optional(),
    gasBid: gasBid.default({ kind: 'multiple', factor: 1.2 }),
    gasPerTx: positive.default(200_000),
  })
  .strict();

/** Arbitrage between a CDP system's peg stability module and the stablecoin's pools (agents/psmArbitrageur.ts). */
const psmArbitrageurSchema = z
  .object({
    id,
    kind: z.literal('psm-arbitrageur'),
    cdp: id,
    /** The module's vault type (one with `psm`). */
    psm: id,
    /** Pools that trade the stablecoin. */
    venues: z.array(id).min(1),
    capital: z.record(z.string(), nonNegative),
    gasBid: gasBid.default({ kind: 'multiple', factor: 1.1 }),
    gasPerSwap: positive.default(150_000),
    minProfit: nonNegative.default(0),
    aggressiveness: z.number().gt(0).max(1).default(1),
  })
  .strict();

/**
 * A trained policy playing a liquidator (`aftershock train --env liquidator`): its slot is a
 * liquidator's (markets, capital, gas per call, latency, throughput) and its decisions come from
 * the policy folder, as in the liquidator environment on this scenario (src/rl/agents/). The
 * command line checks that the policy's observation is the one this scenario gives it.
 */
const policyAgentSchema = z
  .object({
    id,
    kind: z.literal('policy'),
    /** A policy folder written by `aftershock train` (relative paths: from the scenario's folder). */
    policy: z.string().min(1),
    /** Act on the most likely choice (true) or draw from the policy with the agent's own stream. */
    deterministic: z.boolean().default(true),
    protocols: z.array(id).min(1),
    capital: z.record(z.string(), nonNegative),
    latency: duration.default(0),
    gasPerLiquidation: positive.default(400_000),
    maxPerStep: z.number().int().positive().default(50),
  })
  .strict();

export const agentSchema = z.discriminatedUnion('kind', [
  liquidatorSchema,
  arbitrageurSchema,
  borrowerCohortSchema,
  lpSchema,
  keeperSchema,
  vaultOwnersSchema,
  optionLiquidatorSchema,
  optionVaultSchema,
  optionMarketMakerSchema,
  psmArbitrageurSchema,
  policyAgentSchema,
]);

const at = { start: duration };

/** A scheduled governance change: sent by the governance account at `at`, through the mempool like any transaction. */
const governanceChangeSchema = z
  .object({
    at: duration,
    protocol: id,
    /** A reserve's asset (lending) or a vault type's id (CDP). */
    target: id,
    set: parameterValuesSchema,
    gasBid: gasBid.default({ kind: 'multiple', factor: 1.5 }),
  })
  .strict();

const shockSchema = z.discriminatedUnion('kind', [
  /** Reference price falls (or rises, with a negative magnitude) by `magnitude` over `duration`. */
  z.object({ kind: z.literal('crash'), asset: id, magnitude: numberOrDistribution, ...at, duration: duration.default(0) }).strict(),
  z.object({ kind: z.literal('jump'), asset: id, magnitude: numberOrDistribution, ...at, duration: duration.default(0) }).strict(),
  z.object({ kind: z.literal('oracle-freeze'), oracle: id, ...at, duration: positiveDuration }).strict(),
  z.object({ kind: z.literal('oracle-delay'), oracle: id, ...at, delay: duration }).strict(),
  /**
   * What the oracle observes is × factor while it lasts: every observation, or with `venue` only
   * those of that venue (one pushed pool among a median's sources). A TWAP averages the pushed
   * samples in either way; several manipulations of one oracle combine (their factors multiply).
   */
  z.object({ kind: z.literal('oracle-manipulation'), oracle: id, venue: id.optional(), ...at, duration: positiveDuration, factor: numberOrDistribution }).strict(),
  /** Venue depth × factor (0.3 leaves 30 % of the liquidity). */
  z.object({ kind: z.literal('liquidity-withdrawal'), venue: id, ...at, factor: numberOrDistribution }).strict(),
  /**
   * An asset's reference moves to `level` × `peg` over `duration` and stays there. `peg`: a number
   * (USD), an asset id (that asset's price at the shock's start: `level: 0.93, peg: ETH` is 0.93 ETH)
   * or, absent, the asset's own price at the shock's start (`level: 0.9` is 10 % below it).
   * `absolute: true` reads `level` as a USD price and allows a move of more than 90 %.
   */
  z
    .object({
      kind: z.literal('depeg'),
      asset: id,
      level: numberOrDistribution,
      peg: z.union([positive, id]).optional(),
      absolute: z.boolean().optional(),
      ...at,
      duration: duration.default(0),
    })
    .strict(),
  /** Background gas demand × factor for a while (needs `chain.congestion`). */
  z.object({ kind: z.literal('gas-spike'), factor: numberOrDistribution, ...at, duration: positiveDuration }).strict(),
  /** A share of a protocol's reserves (a market's cash, a CDP's collateral) drained to an exploiter, once. */
  z.object({ kind: z.literal('exploit'), protocol: id, share: numberOrDistribution, ...at, asset: id.optional() }).strict(),
]);

/** One stretch of the first-price market's mined gas prices (protocols/chain/gasPriceSeries.ts). */
const gasPriceSegment = z.union([
  z
    .object({ from: duration, to: positiveDuration, mean: positive, logSd: positive })
    .strict()
    .refine((g) => g.to > g.from, { message: 'expected to > from', path: ['to'] }),
  z.object({ file: z.string().min(1), start: isoInstant }).strict(),
]);

/** Background demand for block space (protocols/chain/congestion.ts; first-price: firstPrice.ts). */
const congestionSchema = z
  .object({
    /** Off: no background demand and no gas spikes, only the simulated agents compete for blocks. */
    enabled: z.boolean().default(true),
    /** Long-run log of background demand / gas target at the reference base fee. */
    meanLogDemand: z.number().default(0),
    /** Mean reversion of the log demand, per second. */
    reversionRate: nonNegative.default(1 / 3600),
    /** Volatility of the log demand, per √second. */
    volatility: nonNegative.default(0),
    /** Base fee (gwei) at which demand equals exp(log demand) × target; default `gasPrice`. */
    referenceBaseFee: positive.optional(),
    /** Price elasticity of background demand: a spike × k settles the base fee × k^(1/elasticity). */
    elasticity: positive.default(1),
    /** Mean priority fee (gwei) of background transactions. */
    tipScale: positive.default(2),
    /** First-price market: the gas prices the rest of Ethereum's mined transactions paid, over time. */
    gasPrices: z.array(gasPriceSegment).min(1).optional(),
    /** First-price market: the quantile of those prices agents see as the gas price (0.5: the median). */
    suggestedQuantile: z.number().gt(0).lt(1).optional(),
  })
  .strict();

export const chainSchema = z
  .object({
    /** The asset gas is paid in; absent: ETH, or the scenario's WETH when it has WETH and no ETH (nativeAsset.ts). */
    nativeAsset: id.default('ETH'),
    /** Gas price in gwei when nothing else is going on (the first block's base fee with block space). */
    gasPrice: positive.default(30),
    /**
     * Block space: with `blockTime` and `gasLimit`, transactions wait in a mempool, blocks include
     * them by fee up to the gas limit (EIP-1559 base fee), and what is not included within
     * `expiry` never happens. Without them every transaction is included in its step, by fee.
     */
    blockTime: positiveDuration.optional(),
    gasLimit: positive.optional(),
    expiry: positiveDuration.default(1800),
    /** How blocks are filled: eip1559 (base fee and tips; the default) or first-price (pre-London: by bid alone). */
    feeMarket: z.enum(['eip1559', 'first-price']).optional(),
    congestion: congestionSchema.optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    const firstPrice = c.feeMarket === 'first-price';
    if (firstPrice && c.blockTime === undefined) ctx.addIssue({ code: 'custom', path: ['feeMarket'], message: 'expected blockTime and gasLimit with the first-price market (it fills blocks)' });
    if (firstPrice && c.congestion?.enabled && !c.congestion.gasPrices)
      ctx.addIssue({ code: 'custom', path: ['congestion', 'gasPrices'], message: 'expected the gas prices of the background (gasPrices) with the first-price market and congestion enabled' });
    if (!firstPrice && c.congestion?.gasPrices)
      ctx.addIssue({ code: 'custom', path: ['congestion', 'gasPrices'], message: 'expected feeMarket: first-price with gasPrices (an EIP-1559 background is set by its demand)' });
    if (!firstPrice && c.congestion?.suggestedQuantile !== undefined)
      ctx.addIssue({ code: 'custom', path: ['congestion', 'suggestedQuantile'], message: 'expected feeMarket: first-price with suggestedQuantile' });
    if ((c.blockTime === undefined) !== (c.gasLimit === undefined)) {
      ctx.addIssue({ code: 'custom', path: [c.blockTime === undefined ? 'blockTime' : 'gasLimit'], message: 'expected both blockTime and gasLimit (block space) or neither' });
    }
    if (c.congestion && c.blockTime === undefined) ctx.addIssue({ code: 'custom', path: ['congestion'], message: 'expected blockTime and gasLimit with congestion (it competes for block space)' });
  });

const SEED_MESSAGE = `expected an integer from 0 to ${SEED_MAX} (2^53 − 1, the largest exact one)`;

export const scenarioSchema = z
  .object({
    name: id,
    description: z.string().optional(),
    /** At most 2^53 − 1, where integers stop being exact as numbers (and two seeds would collide). */
    seed: z.number().int({ message: SEED_MESSAGE }).nonnegative({ message: SEED_MESSAGE }).max(SEED_MAX, { message: SEED_MESSAGE }).default(1),
    /** Simulated time; with `market.dt` it sets the number of steps. */
    horizon: positiveDuration.default(86400),
    market: marketSchema.default({ dt: 60 }),
    assets: z.array(assetSchema).min(1),
    venues: z.array(venueSchema).default([]),
    oracles: z.array(oracleSchema).default([]),
    protocols: z.array(protocolSchema).default([]),
    agents: z.array(agentSchema).default([]),
    shocks: z.array(shockSchema).default([]),
    /** Scheduled changes of protocol parameters (absent: none; no default, so runs without it read as before). */
    governance: z.array(governanceChangeSchema).optional(),
    /** Numbers no source gives, each drawn per path from its range (uncertain.ts); absent: none. */
    uncertain: z.array(uncertainSchema).optional(),
    chain: chainSchema.default({ nativeAsset: 'ETH', gasPrice: 30, expiry: 1800 }),
    /** Contagion measures over the protocols' exposure network (DebtRank, Eisenberg–Noe). */
    contagion: z
      .object({
        /** Measured every this often (and at the last step). */
        every: positiveDuration.default(3600),
        /** Capital (USD) a protocol holds beyond its books, e.g. a lending market's reserve fund; default 0. */
        capital: z.record(z.string(), nonNegative).default({}),
      })
      .strict()
      .default({ every: 3600, capital: {} }),
    options: z
      .object({
        /** Off: liquidators' sales move no venue price (the counterfactual for cascade amplification). */
        priceFeedback: z.boolean().default(true),
        /** Also run each path without price feedback, to measure cascade amplification. */
        amplification: z.boolean().default(true),
        checkInvariants: z.boolean().default(false),
        /** Also run each path with agents' hedges switched off, to measure what hedging caused (absent: not measured). */
        hedgeAttribution: z.boolean().optional(),
      })
      .strict()
      .default({ priceFeedback: true, amplification: true, checkInvariants: false }),
    /** Settings of the reinforcement-learning environments that wrap this scenario (rl.ts); a plain run ignores them. */
    rl: rlSchema.optional(),
  })
  .strict();

export type Scenario = z.infer<typeof scenarioSchema>;
export type AssetSpec = z.infer<typeof assetSchema>;
export type VenueSpec = z.infer<typeof venueSchema>;
export type OracleSpec = z.infer<typeof oracleSchema>;
export type LendingSpec = z.infer<typeof lendingSchema>;
export type ReserveSpec = LendingSpec['reserves'][number];
export type PositionsSpec = LendingSpec['positions'][number];
export type ProtocolSpec = z.infer<typeof protocolSchema>;
export type AgentSpec = z.infer<typeof agentSchema>;
export type LiquidatorSpec = z.infer<typeof liquidatorSchema>;
export type PolicyAgentSpec = z.infer<typeof policyAgentSchema>;
export type ArbitrageurSpec = z.infer<typeof arbitrageurSchema>;
export type BorrowerCohortSpec = z.infer<typeof borrowerCohortSchema>;
export type LpSpec = z.infer<typeof lpSchema>;
export type ShockSpec = z.infer<typeof shockSchema>;
export type CdpSpec = z.infer<typeof cdpSchema>;
export type OptionsSpec = z.infer<typeof optionsSchema>;
export type OptionLiquidatorSpec = z.infer<typeof optionLiquidatorSchema>;
export type OptionVaultSpec = z.infer<typeof optionVaultSchema>;
export type OptionMarketMakerSpec = z.infer<typeof optionMarketMakerSchema>;
export type IlkSpec = CdpSpec['ilks'][number];
export type KeeperSpec = z.infer<typeof keeperSchema>;
export type VaultOwnersSpec = z.infer<typeof vaultOwnersSchema>;
export type PsmArbitrageurSpec = z.infer<typeof psmArbitrageurSchema>;
export type ChainSpec = z.infer<typeof chainSchema>;
export type GasBid = z.infer<typeof gasBid>;
export type GovernanceChangeSpec = z.infer<typeof governanceChangeSchema>;
