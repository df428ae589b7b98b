/**
 * A path's own scenario: the file's, with each declared-uncertain input (scenario/uncertain.ts) at
 * the value this path drew for it. Everything else the world is built from comes from that
 * scenario, so a drawn keeper's gas bid or vault count is simply the path's input. A scenario
 * without uncertain inputs is returned as it is (the same object), and so is its prepared market.
 */
import type { LoadedScenario } from '../../scenario/load.js';
import type { Scenario } from '../../scenario/schema.js';
import { scenarioSchema } from '../../scenario/schema.js';
import { drawUncertain, resolveUncertainField, withValues } from '../../scenario/uncertain.js';
import type { PathKey } from '../../scenario/fieldPath.js';
import type { PreparedMarket } from '../../market/generate.js';
import { InputError } from '../../util/errors.js';

export interface PathInputs {
  loaded: LoadedScenario;
  book?: Scenario;
  /** A market prepared for the file's scenario, when the draws leave prices alone. */
  market?: PreparedMarket;
  /** The drawn value of each uncertain input, in the list's order (empty without any). */
  values: number[];
}

function fieldPaths(s: Scenario): PathKey[][] {
  return (s.uncertain ?? []).map((u) => {
    const r = resolveUncertainField(s, u.field);
    if ('problem' in r) throw new Error(`uncertain input ${u.field}: ${r.problem}`); // checked on loading
    return r.path;
  });
}

function reparse(s: Scenario, loaded: LoadedScenario, values: number[]): Scenario {
  const parsed = scenarioSchema.safeParse(s);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const drawn = (s.uncertain ?? []).map((u, k) => `${u.field} = ${values[k]}`).join(', ');
  throw new InputError(
    `the uncertain inputs drawn for a path (${drawn}) make the scenario invalid at ${issue.path.join('.')}: ${issue.message}; narrow their ranges`,
    loaded.file,
    undefined,
    'uncertain',
  );
}

export function pathInputs(loaded: LoadedScenario, seed: number, path: number, book?: Scenario, market?: PreparedMarket): PathInputs {
  const inputs = loaded.scenario.uncertain ?? [];
  if (inputs.length === 0) return { loaded, book, market, values: [] };
  const values = drawUncertain(inputs, seed, path);
  const paths = fieldPaths(loaded.scenario);
  const scenario = reparse(withValues(loaded.scenario, paths, values), loaded, values);
  let drawnBook: Scenario | undefined;
  if (book) {
    // the shared loan book of a sweep takes the same draws wherever its fields exist
    const bookPaths = paths.map((p, k) => ({ p, k })).filter(({ p }) => typeof p.reduce<unknown>((node, key) => (node as Record<PropertyKey, unknown> | undefined)?.[key], book) === 'number');
    drawnBook = reparse(
      withValues(
        book,
        bookPaths.map((x) => x.p),
        bookPaths.map((x) => values[x.k]),
      ),
      loaded,
      values,
    );
  }
  // a draw that changes a price process or the clock needs the market prepared anew
  const touchesMarket = paths.some((p) => p[0] === 'assets' || p[0] === 'market');
  return { loaded: { ...loaded, scenario }, book: drawnBook, market: touchesMarket ? undefined : market, values };
}
