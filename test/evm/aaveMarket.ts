/**
 * A small Aave v3 market deployed from @aave/core-v3 1.19's own artifacts into the in-process EVM
 * (chain.ts), set up the way the protocol's deployment scripts do it: PoolAddressesProvider,
 * ACLManager, the logic libraries linked into the Pool and PoolConfigurator implementations,
 * which the provider puts behind its proxies; AToken/StableDebtToken/VariableDebtToken
 * implementations, one DefaultReserveInterestRateStrategy, AaveOracle over mock Chainlink
 * aggregators (a price move deploys a new aggregator and points the oracle at it), and mintable
 * mock ERC-20s. The deployer is pool admin; the market's users are plain addresses.
 */
import { Chain, type Deployed, ZERO, aaveArtifact, actor } from './chain.js';

const A = {
  provider: aaveArtifact('contracts/protocol/configuration/PoolAddressesProvider.sol'),
  acl: aaveArtifact('contracts/protocol/configuration/ACLManager.sol'),
  pool: aaveArtifact('contracts/protocol/pool/Pool.sol'),
  configurator: aaveArtifact('contracts/protocol/pool/PoolConfigurator.sol'),
  aToken: aaveArtifact('contracts/protocol/tokenization/AToken.sol'),
  stableDebt: aaveArtifact('contracts/protocol/tokenization/StableDebtToken.sol'),
  variableDebt: aaveArtifact('contracts/protocol/tokenization/VariableDebtToken.sol'),
  rates: aaveArtifact('contracts/protocol/pool/DefaultReserveInterestRateStrategy.sol'),
  oracle: aaveArtifact('contracts/misc/AaveOracle.sol'),
  erc20: aaveArtifact('contracts/mocks/tokens/MintableERC20.sol'),
  aggregator: aaveArtifact('contracts/mocks/oracle/CLAggregators/MockAggregator.sol'),
};
const LIBRARIES = ['SupplyLogic', 'BorrowLogic', 'LiquidationLogic', 'EModeLogic', 'BridgeLogic', 'PoolLogic', 'ConfiguratorLogic'];

export interface AssetSpec {
  symbol: string;
  decimals: number;
  /** USD; the aggregators quote 8 decimals, as Chainlink's USD feeds do. */
  price: number;
  ltv: number;
  liquidationThreshold: number;
  /** As a fraction: 0.05 is configured as 10500 bps. */
  liquidationBonus: number;
  /** Treasury's share of the bonus, a fraction: 0.1 is 1000 bps. */
  protocolFee: number;
}

const RAY = 10n ** 27n;
const bps = (x: number) => BigInt(Math.round(x * 1e4));
export const price8 = (usd: number) => BigInt(Math.round(usd * 1e8));

export interface AccountData {
  totalCollateralBase: bigint;
  totalDebtBase: bigint;
  liquidationThreshold: bigint;
  healthFactor: bigint;
}

export interface LiquidationResult {
  /** From the LiquidationCall event: debt repaid and collateral to the liquidator, in token units. */
  debtRepaid: bigint;
  liquidatorCollateral: bigint;
  /** Treasury's aToken gain. */
  protocolFee: bigint;
  /** The user's aToken loss and variable-debt loss (conservation checks). */
  userCollateralLoss: bigint;
  userDebtLoss: bigint;
}

export class AaveMarket {
  readonly admin = actor(0);
  readonly treasury = actor(1);
  readonly tokens: Deployed[] = [];
  readonly aTokens: Deployed[] = [];
  readonly debtTokens: Deployed[] = [];

  private constructor(
    readonly chain: Chain,
    readonly assets: AssetSpec[],
    readonly pool: Deployed,
    readonly configurator: Deployed,
    readonly oracle: Deployed,
  ) {}

  static async deploy(assets: AssetSpec[]): Promise<AaveMarket> {
    const chain = await Chain.create();
    const admin = actor(0);
    const provider = await chain.deploy(admin, A.provider, ['Aftershock differential', admin]);
    await chain.send(admin, provider, 'setACLAdmin', [admin]);
    const acl = await chain.deploy(admin, A.acl, [provider.address]);
    await chain.send(admin, provider, 'setACLManager', [acl.address]);
    await chain.send(admin, acl, 'addPoolAdmin', [admin]);

    const libraries: Record<string, string> = {};
    for (const name of LIBRARIES) {
      const artifact = aaveArtifact(`contracts/protocol/libraries/logic/${name}.sol`);
      libraries[name] = (await chain.deploy(admin, artifact, [], libraries)).address;
    }
    const flashLoan = aaveArtifact('contracts/protocol/libraries/logic/FlashLoanLogic.sol'); // links BorrowLogic
    libraries.FlashLoanLogic = (await chain.deploy(admin, flashLoan, [], libraries)).address;

    const poolImpl = await chain.deploy(admin, A.pool, [provider.address], libraries);
    await chain.send(admin, provider, 'setPoolImpl', [poolImpl.address]);
    const pool = chain.at(String((await chain.view(provider, 'getPool'))[0]), A.pool);
    const configuratorImpl = await chain.deploy(admin, A.configurator, [], libraries);
    await chain.send(admin, provider, 'setPoolConfiguratorImpl', [configuratorImpl.address]);
    const configurator = chain.at(String((await chain.view(provider, 'getPoolConfigurator'))[0]), A.configurator);

    const market = { tokens: [] as Deployed[], sources: [] as string[] };
    for (const a of assets) {
      market.tokens.push(await chain.deploy(admin, A.erc20, [a.symbol, a.symbol, a.decimals]));
      market.sources.push((await chain.deploy(admin, A.aggregator, [price8(a.price)])).address);
    }
    const tokenAddresses = market.tokens.map((t) => t.address);
    const oracle = await chain.deploy(admin, A.oracle, [provider.address, tokenAddresses, market.sources, ZERO, ZERO, 10n ** 8n]);
    await chain.send(admin, provider, 'setPriceOracle', [oracle.address]);

    // rates do not matter here (no time passes), but a reserve needs a strategy
    const rates = await chain.deploy(admin, A.rates, [provider.address, (RAY * 8n) / 10n, 0n, (RAY * 4n) / 100n, (RAY * 75n) / 100n, 0n, 0n, 0n, 0n, (RAY * 2n) / 10n]);
    const aTokenImpl = await chain.deploy(admin, A.aToken, [pool.address]);
    const stableImpl = await chain.deploy(admin, A.stableDebt, [pool.address]);
    const variableImpl = await chain.deploy(admin, A.variableDebt, [pool.address]);
    const inputs = assets.map((a, i) => ({
      aTokenImpl: aTokenImpl.address,
      stableDebtTokenImpl: stableImpl.address,
      variableDebtTokenImpl: variableImpl.address,
      underlyingAssetDecimals: a.decimals,
      interestRateStrategyAddress: rates.address,
      underlyingAsset: tokenAddresses[i],
      treasury: actor(1),
      incentivesController: ZERO,
      aTokenName: `a${a.symbol}`,
      aTokenSymbol: `a${a.symbol}`,
      variableDebtTokenName: `vd${a.symbol}`,
      variableDebtTokenSymbol: `vd${a.symbol}`,
      stableDebtTokenName: `sd${a.symbol}`,
      stableDebtTokenSymbol: `sd${a.symbol}`,
      params: '0x',
    }));
    await chain.send(admin, configurator, 'initReserves', [inputs]);
    const m = new AaveMarket(chain, assets, pool, configurator, oracle);
    for (let i = 0; i < assets.length; i++) {
      const a = assets[i];
      const asset = tokenAddresses[i];
      await chain.send(admin, configurator, 'configureReserveAsCollateral', [asset, bps(a.ltv), bps(a.liquidationThreshold), bps(1 + a.liquidationBonus)]);
      await chain.send(admin, configurator, 'setReserveBorrowing', [asset, true]);
      await chain.send(admin, configurator, 'setLiquidationProtocolFee', [asset, bps(a.protocolFee)]);
      const data = (await chain.view(pool, 'getReserveData', [asset]))[0] as { aTokenAddress: string; variableDebtTokenAddress: string };
      m.tokens.push(market.tokens[i]);
      m.aTokens.push(chain.at(data.aTokenAddress, A.aToken));
      m.debtTokens.push(chain.at(data.variableDebtTokenAddress, A.variableDebt));
    }
    return m;
  }

  async supply(user: string, i: number, amount: bigint): Promise<void> {
    await this.chain.send(user, this.tokens[i], 'mint(address,uint256)', [user, amount]);
    await this.chain.send(user, this.tokens[i], 'approve', [this.pool.address, amount]);
    await this.chain.send(user, this.pool, 'supply', [this.tokens[i].address, amount, user, 0]);
  }

  async borrow(user: string, i: number, amount: bigint): Promise<void> {
    await this.chain.send(user, this.pool, 'borrow', [this.tokens[i].address, amount, 2n, 0, user]);
  }

  async useAsCollateral(user: string, i: number, use: boolean): Promise<void> {
    await this.chain.send(user, this.pool, 'setUserUseReserveAsCollateral', [this.tokens[i].address, use]);
  }

  /** Moves asset `i`'s oracle price: a new aggregator answering `usd`, set as the asset's source. */
  async setPrice(i: number, usd: number): Promise<void> {
    const source = await this.chain.deploy(this.admin, A.aggregator, [price8(usd)]);
    await this.chain.send(this.admin, this.oracle, 'setAssetSources', [[this.tokens[i].address], [source.address]]);
  }

  async price(i: number): Promise<bigint> {
    return (await this.chain.view(this.oracle, 'getAssetPrice', [this.tokens[i].address]))[0] as bigint;
  }

  async accountData(user: string): Promise<AccountData> {
    const r = (await this.chain.view(this.pool, 'getUserAccountData', [user])) as bigint[];
    // (totalCollateralBase, totalDebtBase, availableBorrowsBase, currentLiquidationThreshold, ltv, healthFactor)
    return { totalCollateralBase: r[0], totalDebtBase: r[1], liquidationThreshold: r[3], healthFactor: r[5] };
  }

  /** The user's aToken and variable-debt balances per reserve, and the using-as-collateral bits. */
  async balances(user: string): Promise<{ collateral: bigint[]; debt: bigint[]; usedAsCollateral: boolean[] }> {
    const config = ((await this.chain.view(this.pool, 'getUserConfiguration', [user]))[0] as { data: bigint }).data;
    const collateral: bigint[] = [];
    const debt: bigint[] = [];
    const usedAsCollateral: boolean[] = [];
    for (let i = 0; i < this.assets.length; i++) {
      collateral.push((await this.chain.view(this.aTokens[i], 'balanceOf', [user]))[0] as bigint);
      debt.push((await this.chain.view(this.debtTokens[i], 'balanceOf', [user]))[0] as bigint);
      usedAsCollateral.push(((config >> BigInt(2 * i + 1)) & 1n) === 1n); // reserve ids follow the init order
    }
    return { collateral, debt, usedAsCollateral };
  }

  /** `liquidationCall(collateral, debt, user, debtToCover, false)` by `liquidator`, funded for it. */
  async liquidate(liquidator: string, user: string, collateral: number, debt: number, debtToCover: bigint, funding: bigint): Promise<LiquidationResult> {
    await this.chain.send(liquidator, this.tokens[debt], 'mint(address,uint256)', [liquidator, funding]);
    await this.chain.send(liquidator, this.tokens[debt], 'approve', [this.pool.address, funding]);
    const aBefore = (await this.chain.view(this.aTokens[collateral], 'balanceOf', [user]))[0] as bigint;
    const dBefore = (await this.chain.view(this.debtTokens[debt], 'balanceOf', [user]))[0] as bigint;
    const tBefore = (await this.chain.view(this.aTokens[collateral], 'balanceOf', [this.treasury]))[0] as bigint;
    const { logs } = await this.chain.send(liquidator, this.pool, 'liquidationCall', [this.tokens[collateral].address, this.tokens[debt].address, user, debtToCover, false]);
    const event = logs.map((l) => this.pool.iface.parseLog(l)).find((e) => e?.name === 'LiquidationCall');
    if (!event) throw new Error('no LiquidationCall event');
    const aAfter = (await this.chain.view(this.aTokens[collateral], 'balanceOf', [user]))[0] as bigint;
    const dAfter = (await this.chain.view(this.debtTokens[debt], 'balanceOf', [user]))[0] as bigint;
    const tAfter = (await this.chain.view(this.aTokens[collateral], 'balanceOf', [this.treasury]))[0] as bigint;
    return {
      debtRepaid: event.args.debtToCover as bigint,
      liquidatorCollateral: event.args.liquidatedCollateralAmount as bigint,
      protocolFee: tAfter - tBefore,
      userCollateralLoss: aBefore - aAfter,
      userDebtLoss: dBefore - dAfter,
    };
  }
}
