import { z } from 'zod';
import type { Register } from './program.js';
import { action } from './common.js';
import { scenarioSchema } from '../scenario/schema.js';
import { describeSchemaFields } from '../scenario/fieldDocs.js';

export const register: Register = (program) => {
  program
    .command('schema')
    .description('print the JSON Schema of scenario files (for editor completion)')
    .action(
      action(async () => {
        const schema = z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any' });
        describeSchemaFields(schema as Record<string, unknown>);
        process.stdout.write(`${JSON.stringify({ ...schema, title: 'Aftershock scenario' }, null, 2)}\n`);
      }),
    );
};
