/**
 * An in-process EVM (@ethereumjs/evm) with just enough around it to deploy compiled contracts from
 * their Hardhat artifacts and call them: library linking by the artifacts' `linkReferences`,
 * ABI encoding and decoding with ethers' Interface, revert reasons decoded. No network, no
 * blocks: every call runs at the EVM's default block (timestamp 0), so no interest accrues
 * between calls and Aave's indices stay at exactly one ray.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createEVM, type EVM } from '@ethereumjs/evm';
import { type Address, createAddressFromString, bytesToHex, hexToBytes } from '@ethereumjs/util';
import { Interface, type InterfaceAbi, type Log as EthersLog } from 'ethers';

const require = createRequire(import.meta.url);

export interface Artifact {
  contractName: string;
  abi: InterfaceAbi;
  bytecode: string;
  linkReferences: Record<string, Record<string, { start: number; length: number }[]>>;
}

/** The artifact of `contracts/…/Name.sol` in @aave/core-v3. */
export function aaveArtifact(sourcePath: string): Artifact {
  const name = sourcePath.replace(/^.*\//, '').replace(/\.sol$/, '');
  const file = require.resolve(`@aave/core-v3/artifacts/${sourcePath}/${name}.json`);
  return JSON.parse(readFileSync(file, 'utf8')) as Artifact;
}

/** The creation bytecode with each library's address written over its placeholders. */
export function linkBytecode(artifact: Artifact, libraries: Record<string, string>): string {
  let hex = artifact.bytecode.slice(2);
  for (const refs of Object.values(artifact.linkReferences)) {
    for (const [lib, places] of Object.entries(refs)) {
      const address = libraries[lib];
      if (!address) throw new Error(`${artifact.contractName} needs library ${lib}`);
      for (const { start, length } of places) {
        hex = hex.slice(0, start * 2) + address.slice(2).toLowerCase() + hex.slice((start + length) * 2);
      }
    }
  }
  return `0x${hex}`;
}

export class CallFailed extends Error {}

export interface Deployed {
  address: string;
  iface: Interface;
}

export class Chain {
  private constructor(readonly evm: EVM) {}

  static async create(): Promise<Chain> {
    return new Chain(await createEVM());
  }

  /** Deploys `artifact` with constructor `args` from `from`, libraries linked by name. */
  async deploy(from: string, artifact: Artifact, args: unknown[] = [], libraries: Record<string, string> = {}): Promise<Deployed> {
    const iface = new Interface(artifact.abi);
    const data = linkBytecode(artifact, libraries) + iface.encodeDeploy(args).slice(2);
    const result = await this.evm.runCall({ caller: addr(from), data: hexToBytes(data as `0x${string}`), gasLimit: 60_000_000n });
    const error = result.execResult.exceptionError;
    if (error || !result.createdAddress) throw new CallFailed(`deploying ${artifact.contractName}: ${error?.error ?? 'no address'} ${revertReason(result.execResult.returnValue)}`);
    return { address: result.createdAddress.toString(), iface };
  }

  /** Sends a state-changing call; throws CallFailed with the revert reason. Returns the decoded result and the logs. */
  async send(from: string, to: Deployed, fn: string, args: unknown[]): Promise<{ result: unknown[]; logs: EthersLog[] }> {
    const data = to.iface.encodeFunctionData(fn, args);
    const out = await this.evm.runCall({ caller: addr(from), to: addr(to.address), data: hexToBytes(data as `0x${string}`), gasLimit: 30_000_000n });
    const error = out.execResult.exceptionError;
    if (error) throw new CallFailed(`${fn}: ${error.error} ${revertReason(out.execResult.returnValue)}`);
    const result = [...to.iface.decodeFunctionResult(fn, bytesToHex(out.execResult.returnValue))];
    const logs = (out.execResult.logs ?? []).map(
      ([address, topics, logData]) => ({ address: bytesToHex(address), topics: topics.map((t) => bytesToHex(t)), data: bytesToHex(logData) }) as unknown as EthersLog,
    );
    return { result, logs };
  }

  /** A read-only call (state is not changed even if the function would). */
  async view(to: Deployed, fn: string, args: unknown[] = []): Promise<unknown[]> {
    const data = to.iface.encodeFunctionData(fn, args);
    const out = await this.evm.runCall({
      caller: addr(ZERO),
      to: addr(to.address),
      data: hexToBytes(data as `0x${string}`),
      gasLimit: 30_000_000n,
      isStatic: true,
      skipNonceIncrement: true,
    });
    const error = out.execResult.exceptionError;
    if (error) throw new CallFailed(`${fn}: ${error.error} ${revertReason(out.execResult.returnValue)}`);
    return [...to.iface.decodeFunctionResult(fn, bytesToHex(out.execResult.returnValue))];
  }

  /** The contract at `address` seen through `artifact`'s ABI. */
  at(address: string, artifact: Artifact): Deployed {
    return { address, iface: new Interface(artifact.abi) };
  }
}

export const ZERO = '0x0000000000000000000000000000000000000000';

/** A fixed, readable address for actor `n` (not a key-derived account: the EVM needs no signatures). */
export function actor(n: number): string {
  return `0x${(0x1000 + n).toString(16).padStart(40, '0')}`;
}

function addr(a: string): Address {
  return createAddressFromString(a);
}

/** Error(string) reason of a revert, or the raw data. */
function revertReason(data: Uint8Array): string {
  const hex = bytesToHex(data);
  if (hex.startsWith('0x08c379a0')) {
    try {
      return `'${new Interface(['function Error(string)']).decodeFunctionData('Error', hex)[0]}'`;
    } catch {
      return hex;
    }
  }
  return hex === '0x' ? '' : hex;
}
