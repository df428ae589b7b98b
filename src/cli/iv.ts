/**
 * `aftershock iv [bsm|black76|inverse] --price P …`: the implied volatility of an option price, with
 * the flags of `price` (less --vol). A price on or outside the no-arbitrage bounds is bad input: one
 * line naming --price, both bounds, exit 2. Prints the resolution the price allows (ε·M/vega) beside
 * the volatility.
 */
import type { Register } from './program.js';
import { action, numberFlag, printJson } from './common.js';
import { checkChoice } from './volatilityInput.js';
import { finiteFlag, onlyFor, optionType, positiveFlag } from './optionFlags.js';
import { InputError } from '../util/errors.js';
import { ArbitrageBoundsError, impliedVol, ivResolution, priceBounds } from '../models/options/impliedVol.js';

const MODELS = ['bsm', 'black76', 'inverse'] as const;

interface IvFlags {
  price?: string;
  type?: string;
  strike?: string;
  expiry?: string;
  rate?: string;
  carry?: string;
  spot?: string;
  forward?: string;
  json?: boolean;
}

const CONTRACT = ['price', 'type', 'strike', 'expiry', 'rate', 'json'];
const ALLOWED: Record<(typeof MODELS)[number], string[]> = {
  bsm: [...CONTRACT, 'spot', 'carry'],
  black76: [...CONTRACT, 'forward'],
  inverse: [...CONTRACT, 'spot', 'carry'],
};

const fmt = (x: number, digits = 10) => String(Number(x.toPrecision(digits)));

export const register: Register = (program) => {
  program
    .command('iv')
    .description('implied volatility of an option price: bsm (default), black76 or inverse (price in coin)')
    .argument('[model]', MODELS.join(' | '), 'bsm')
    .option('--price <P>', 'the option price (inverse: in coin)')
    .option('--type <type>', 'call | put (default call)')
    .option('--strike <K>', 'strike price')
    .option('--expiry <years>', 'time to expiry in years')
    .option('--rate <r>', 'continuously compounded risk-free rate (default 0)')
    .option('--spot <S>', 'price of the underlying (bsm, inverse)')
    .option('--forward <F>', 'forward or futures price (black76)')
    .option('--carry <b>', 'cost of carry b (bsm, inverse; default: the rate)')
    .option('--json', 'print one JSON document')
    .action(
      action((modelArg: string, f: IvFlags) => {
        const model = checkChoice('model', modelArg, MODELS);
        const { json: _json, ...given } = f;
        onlyFor(model, given, ALLOWED[model]);
        const price = numberFlag('price', f.price);
        if (price === undefined) throw new InputError('expected the option price, got nothing (the flag is required)', undefined, undefined, '--price');
        const type = optionType(f.type);
        const strike = positiveFlag('strike', f.strike);
        const expiry = positiveFlag('expiry', f.expiry, 'a positive number of years');
        const rate = finiteFlag('rate', f.rate, 0);
        const spot = model === 'black76' ? positiveFlag('forward', f.forward) : positiveFlag('spot', f.spot);
        const carry = model === 'black76' ? 0 : numberFlag('carry', f.carry);
        // the inverse option's coin premium is its dollar premium over the spot
        const usdPrice = model === 'inverse' ? price * spot : price;
        const input = { type, spot, strike, expiry, rate, carry };
        let iv: number;
        try {
          iv = impliedVol({ ...input, price: usdPrice });
        } catch (err) {
          if (err instanceof ArbitrageBoundsError) {
            // for inverse options the bounds are in dollars; say so rather than convert silently
            throw new InputError(model === 'inverse' ? `${err.message} (dollar prices: the coin price × spot ${spot})` : err.message, undefined, undefined, '--price');
          }
          throw err;
        }
        const resolution = ivResolution({ ...input, vol: iv });
        const bounds = priceBounds(input);
        const scale = model === 'inverse' ? 1 / spot : 1;
        if (f.json) {
          printJson({ iv, resolution, bounds: { lower: bounds.lower * scale, upper: bounds.upper * scale } });
          return;
        }
        const cur = model === 'inverse' ? ' coin' : '';
        process.stdout.write(
          [
            `implied volatility ${fmt(iv)} (${fmt(100 * iv, 6)} %)`,
            `resolution ${resolution.toPrecision(2)}: the price determines the volatility to about this (rounding of the price over its vega)`,
            `no-arbitrage bounds of the price: (${fmt(bounds.lower * scale)}, ${fmt(bounds.upper * scale)})${cur}`,
          ].join('\n') + '\n',
        );
      }),
    );
};
