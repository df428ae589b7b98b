/**
 * Aftershock's public library API: `import { … } from 'aftershock'`.
 * The risk models (`models/`, `risk/`) are usable without the simulator.
 */
export { Rng, deriveSeed } from './util/rng.js';
export { InputError } from './util/errors.js';
export { shapley, shapleyOfInputs, type ShapleyResult } from './risk/shapley.js';
export {
  generateReferencePaths,
  prepareMarket,
  PreparedMarket,
  type AssetPriceSpec,
  type MarketOptions,
} from './market/generate.js';
export {
  priceProcessSchema,
  marketSchema,
  SECONDS_PER_YEAR,
  type PriceProcessSpec,
  type PriceProcessInput,
  type MarketSpec,
  type MarketInput,
  type CorrelationsSpec,
  type GarchTParams,
} from './market/schema.js';
export { cholesky, NotPositiveDefiniteError } from './market/cholesky.js';
export * as constantProduct from './models/amm/constantProduct.js';
export * as stableswap from './models/amm/stableswap.js';
export * as depthCurve from './models/amm/depthCurve.js';
export type { DepthCurve } from './models/amm/depthCurve.js';
export { readPriceCsv, readReturnsCsv, type PriceSeries, type ReturnSeries, type PriceCsvOptions } from './util/priceCsv.js';
export { toReturns, type ReturnKind } from './models/returns.js';
export { loadReturns, type LoadedReturns, type LoadReturnsOptions } from './models/loadReturns.js';
export { ewmaFilter, ewmaForecast, fitEwma, RISKMETRICS_LAMBDA, type EwmaFit, type EwmaOptions } from './models/ewma.js';
export {
  fitGarch,
  garchFilter,
  garchForecast,
  garchLogLik,
  garchPersistence,
  garchStdErrors,
  garchParamNames,
  simulateGarch,
  type StdErrorMethod,
  type GarchFit,
  type GarchParams,
  type GarchModel,
  type GarchDist,
  type GarchFitOptions,
} from './models/garch.js';
export { saveModel, loadModel, type VolatilityFit } from './models/modelStore.js';
export { fitLstm, loadLstm, LstmModel, type LstmOptions, type LstmMeta, type HybridGarch } from './models/lstm.js';
export { fitHybrid, type HybridOptions } from './models/hybrid.js';
export { garchVariancePath } from './models/garchPath.js';
export { qlike, mse, lossSeries, type LossName } from './models/evaluate/losses.js';
export {
  dieboldMariano,
  dieboldMarianoFromDifferential,
  type DieboldMarianoOptions,
  type DieboldMarianoResult,
  type LongRunKernel,
  type Alternative as DieboldMarianoAlternative,
} from './models/evaluate/dieboldMariano.js';
export {
  makeForecaster,
  ewmaForecaster,
  garchForecaster,
  neuralForecaster,
  FORECASTER_NAMES,
  type VolatilityForecaster,
  type ForecasterName,
  type ForecasterSettings,
} from './models/evaluate/forecasters.js';
export { rollingForecasts, type RollingOptions, type RollingResult } from './models/evaluate/rolling.js';
export { compareForecasts, type Comparison, type ModelScore, type DmComparison } from './models/evaluate/compare.js';
export { slippageAdjustedValue, haircutCurve, singleVenueProceeds, type VenueSpec, type SlippageAdjustedValue, type VenueFill } from './risk/slippageAdjustedValue.js';
export {
  collateralRequirement,
  collateralRequirementSeries,
  requiredRatio,
  badDebtProbability,
  windowVariance,
  explainRequirement,
  varianceSeries,
  REQUIREMENT_FACTORS,
  type RequirementInputs,
  type RequirementResult,
  type RequirementBaseline,
  type RequirementSeries,
  type RequirementSeriesOptions,
  type LiquidationWindow,
} from './risk/collateralRequirement.js';
export { normalPdf, normalCdf, normalQuantile, studentTPdf, studentTCdf, studentTQuantile, chiSquareCdf, chiSquareSf, binomialCdf } from './risk/distributions.js';
export { logGamma, logBeta, regularizedGammaP, regularizedGammaQ, regularizedBeta } from './risk/specialFunctions.js';
export type { VarEs, PredictiveDistribution } from './risk/varTypes.js';
export { historicalVaR, empiricalVarEsSorted } from './risk/historicalVar.js';
export { normalVaR } from './risk/normalVar.js';
export { studentTVaR } from './risk/studentTVar.js';
export { fitStudentT, type StudentTFit } from './risk/fitStudentT.js';
export { filteredHistoricalVaR, fhsPredictive } from './risk/filteredHistoricalVar.js';
export { monteCarloVaR, type MonteCarloVarOptions, type MonteCarloVarResult } from './risk/monteCarloVar.js';
export { predictiveVarEs, samplePredictive } from './risk/predictive.js';
export { kupiecPof, type KupiecResult } from './risk/kupiec.js';
export { christoffersen, hitTransitions, type ChristoffersenResult } from './risk/christoffersen.js';
export { baselTrafficLight, type BaselResult, type BaselZone } from './risk/baselTrafficLight.js';
export { acerbiSzekelyZ2, acerbiSzekelyTest, Z2_CRITICAL_5PCT, Z2_CRITICAL_001PCT, type AcerbiSzekelyResult } from './risk/acerbiSzekely.js';
export { rollingVarBacktest, VAR_MODELS, type VarModel, type RollingBacktest, type RollingBacktestOptions } from './risk/rollingBacktest.js';
export { varBacktestReport, type VarBacktestReport } from './risk/varBacktestReport.js';
export { gbmBarrierProbability, gbmBarrierProbabilityDiscrete, BGK_BETA } from './risk/gbmBarrierProbability.js';
export { liquidationPrice, liquidationPriceRatio } from './risk/liquidationPrice.js';
export {
  validateLiquidationInputs,
  gbmLiquidationProbability,
  gbmLiquidationTermStructure,
  explainLiquidationProbability,
  explainGbmLiquidation,
  defaultLiquidationBaseline,
  LIQUIDATION_FACTORS,
  type LiquidationInputs,
  type GbmLiquidationInputs,
  type LiquidationBaseline,
  type LiquidationExplanation,
  type TermPoint,
} from './risk/liquidationProbability.js';
export {
  garchLiquidationProbability,
  garchLiquidationTermStructure,
  explainGarchLiquidation,
  type GarchLiquidationOptions,
} from './risk/garchLiquidationProbability.js';
export {
  nextBaseFee,
  gasTarget,
  effectivePriorityFee,
  gasCostNative,
  ELASTICITY_MULTIPLIER,
  BASE_FEE_MAX_CHANGE_DENOMINATOR,
  GWEI,
} from './protocols/chain/baseFee.js';
export {
  Mempool,
  type Transaction,
  type TxId,
  type Inclusion,
  type BackgroundLoad,
  type BlockSpec,
  type BlockFill,
} from './protocols/chain/mempool.js';
export { CongestionProcess, type CongestionParams, type GasSpike } from './protocols/chain/congestion.js';
export { Chain, type ChainParams, type BlockResult } from './protocols/chain/chain.js';
export {
  Flipper,
  type FlipParams,
  type FlipAuction,
  type FlipRejection,
  type TendResult,
  type DentResult,
  type DealResult,
} from './protocols/cdp/flip.js';
export { linearDecrease, stairstepExponentialDecrease, exponentialDecrease, type Abacus } from './protocols/cdp/abaci.js';
export {
  Clipper,
  type ClipParams,
  type ClipSale,
  type ClipRejection,
  type ClipKickResult,
  type ClipTakeResult,
  type ClipRedoResult,
} from './protocols/cdp/clip.js';
export {
  buildExposureNetwork,
  interProtocolAssets,
  interProtocolLiabilities,
  liabilityMatrix,
  type ExposureNetwork,
  type ProtocolEquity,
  type Holding,
} from './network/exposures.js';
export {
  debtRank,
  debtRankOfSet,
  debtRankOfEach,
  debtRankOfNetwork,
  impactMatrix,
  equityShares,
  investmentShares,
  leverageMatrix,
  linearDebtRank,
  type DebtRankImpact,
  type DebtRankResult,
  type LinearDebtRankResult,
} from './network/debtRank.js';
export { clearingVector, clearingVectorByIteration, clearNetwork, type ClearingOptions, type ClearingResult } from './network/eisenbergNoe.js';
export {
  CdpSystem,
  type IlkParams,
  type Ilk,
  type AuctionParams,
  type DebtAuctionParams,
  type AuctionRecord,
  type CdpTotals,
} from './protocols/cdp/cdpSystem.js';
export { VaultBook, generateVaults, readVaultsCsv, type VaultRows } from './protocols/cdp/vaults.js';
export { createBlockspace, BlockInclusion, InstantInclusion, OFF_LEDGER_GAS, type Blockspace, type InclusionStats } from './sim/blockspace.js';
export { ContagionTracker, measuresContagion, type ContagionMeasure } from './sim/contagion.js';
export { balanceSheets, balanceSheetOf, type BalanceSheet } from './sim/balanceSheets.js';
export type { Protocol, ProtocolContext, TxContext, ProtocolTx, ProtocolFigures, ProtocolMetric, BalanceSheetFigures, Exploit, Drained } from './sim/protocol.js';
// option pricing (models/options) and options risk (risk/): usable without the simulator
export { bsm, bsmPrice, type OptionType, type BsmInput, type Greeks } from './models/options/blackScholes.js';
export { black76, black76Price, type Black76Input } from './models/options/black76.js';
export { inverseOption, inverseSettlement, type InverseGreeks } from './models/options/inverse.js';
export {
  impliedVol,
  black76ImpliedVol,
  inverseImpliedVol,
  ivResolution,
  priceBounds,
  normalisedImpliedVol,
  ArbitrageBoundsError,
  type ImpliedVolInput,
  type PriceBounds,
} from './models/options/impliedVol.js';
export {
  sviTotalVariance,
  sviSlope,
  sviCurvature,
  sviImpliedVol,
  sviDensityFactor,
  sviParamsProblem,
  butterflyCheck,
  calendarCheck,
  type SviParams,
  type SviSlice,
  type ArbitrageRegion,
  type ButterflyCheck,
  type CalendarCheck,
  type CalendarViolation,
  type GridOptions as SviGridOptions,
} from './models/options/svi.js';
export { fitSvi, type SviFit, type SviFitOptions } from './models/options/sviFit.js';
export {
  hestonNandi,
  hestonNandiPrice,
  hestonNandiLogMgf,
  hestonNandiPersistence,
  hestonNandiProblem,
  riskNeutralGamma,
  periodsOf,
  type HestonNandiParams,
  type HestonNandiOption,
} from './models/options/hestonNandi.js';
export { hestonNandiMonteCarlo, type MonteCarloPrice, type MonteCarloOptions } from './models/options/hestonNandiMc.js';
export { fitHestonNandi, hestonNandiLogLik, type HestonNandiFit, type HestonNandiFitOptions } from './models/options/hestonNandiFit.js';
export {
  garchMonteCarlo,
  simulateRiskNeutralGarch,
  priceFromTerminal,
  type GarchPricingModel,
  type GarchMarket,
  type GarchMcOptions,
  type GarchOption,
  type GarchMcResult,
  type RiskNeutralPaths,
  type McPrice,
} from './models/options/garchMc.js';
export { TruncatedT, DEFAULT_TRUNCATION } from './models/options/truncatedT.js';
export { garchSmile, hestonNandiSmile, smileFromPrices, strikesAt, type SmilePoint, type SmileMarket } from './models/options/smile.js';
export { bookValue, bookGreeks, bookProblem, positionVegas, type OptionBook, type OptionPosition, type BookGreeks } from './risk/optionBook.js';
export {
  optionsVaR,
  stressLoss,
  simulateMoves,
  changeInValue,
  APPROXIMATION_METHODS,
  type MarketMoves,
  type OptionsVarOptions,
  type OptionsVarResult,
  type ApproximationMethod,
  type Move,
} from './risk/optionsVar.js';
export { adviseCollateral, ADVICE_DEFAULTS, type Advice, type AdviceOptions } from './risk/collateralAdvice.js';
export { loadScenario, parseScenario, applyOverrides, lineOfField, locateError, type LoadedScenario } from './scenario/load.js';
export { scenarioSchema, type Scenario } from './scenario/schema.js';
export { bounds, draw, type Distribution, type NumberOrDistribution } from './scenario/distribution.js';
export {
  distribution as pathDistribution,
  quantileSorted,
  wilsonInterval,
  proportion,
  type Distribution as PathDistribution,
  type Proportion,
} from './report/tailMetrics.js';
export { summarisePaths, type PathsSummary, type RiskFigures, type CdpRiskFigures, type ProtocolRiskFigures } from './report/pathsSummary.js';
export { pathsCsv, pathsArrow, pathsLayout, type PathsLayout } from './report/pathsTable.js';
export { toPathRecord, type PathRecord, type ProtocolPathFigures, type CdpAuctionFigures, type ContagionPathFigures } from './parallel/pathRecord.js';
export { scenarioSource, runPathTask, ScenarioCache, type ScenarioSource, type PathTask } from './parallel/pathTask.js';
export { LocalPool, defaultWorkers, type LocalPoolOptions } from './parallel/pool.js';
export { runPaths, type RunPathsOptions, type RunPathsResult } from './parallel/runPaths.js';
export { Checkpoint, checkpointPath, type RunIdentity } from './parallel/checkpoint.js';
export { RedisExecutor, startRedisWorker, type RedisExecutorOptions, type RedisWorkerOptions } from './parallel/redisBackend.js';
export { resolveGrid, gridCells, type GridAxis, type GridCell } from './parallel/grid.js';
export type { PathExecutor, PathFailure, BatchOutcome } from './parallel/executor.js';
export * as experimental from './experimental.js';
export { runScenario, type RunScenarioOptions, type PathRun, type PathsRun } from './library/runScenario.js';
export type { RunSummary, ProtocolSummary } from './report/summary.js';
export type { StartState, ProtocolStart, ReserveStart, IlkStart } from './report/startState.js';
export type { SimEvent, EventDetail } from './sim/world.js';
