/**
 * Every field of the scenario JSON Schema that `aftershock schema` prints has a description (so
 * editors show help), and every entry of the descriptions table names a field that exists (so
 * the table cannot drift from the schema). Reference: the schema itself, walked independently of
 * the code that fills it in.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { z } from 'zod';
import { scenarioSchema } from '../../src/scenario/schema.js';
import { describeSchemaFields } from '../../src/scenario/fieldDocs.js';

/** Every property in a JSON Schema without a description, by a walk of its own. */
function undescribed(node: unknown, path: string, out: string[]): string[] {
  if (Array.isArray(node)) node.forEach((n) => undescribed(n, path, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
      if (k === 'properties' && v && typeof v === 'object') {
        for (const [name, prop] of Object.entries(v as Record<string, { description?: string }>)) {
          if (!prop.description) out.push(`${path}.${name}`);
          undescribed(prop, `${path}.${name}`, out);
        }
      } else undescribed(v, path, out);
    }
  }
  return out;
}

test('every field of the scenario JSON Schema has a description; every description names a field', () => {
  const schema = z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  const before = undescribed(schema, '', []).length;
  assert.ok(before > 300, `the bare zod schema leaves most fields undescribed (${before})`);
  const { missing, unused } = describeSchemaFields(schema);
  assert.equal(missing, []);
  assert.equal(unused, []);
  assert.equal(undescribed(schema, '', []), []);
});

test.run();
