/**
 * How an actor bids for block space, shared by the agents' specs, the scheduled governance changes
 * and the RL settings: a fixed price in gwei, or a multiple of the current gas price.
 */
import { z } from 'zod';

const positive = z.number().positive();

export const gasBidSchema = z.union([
  z.object({ kind: z.literal('fixed'), gwei: positive }).strict(),
  /** Bid the current gas price times a factor (a keeper that follows the market). */
  z.object({ kind: z.literal('multiple'), factor: positive }).strict(),
]);

export type GasBid = z.infer<typeof gasBidSchema>;
