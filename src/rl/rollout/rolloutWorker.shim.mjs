// Worker-thread entry when running from TypeScript sources: on Node 20 tsx hooks only the main
// thread, so each worker registers tsx itself and then loads the TypeScript worker (see STACK.md).
// Built runs (dist/) load rolloutWorker.js directly and never use this file.
import { register } from 'tsx/esm/api';

register();
// the worker starts serving requests when its module is evaluated
await import('./rolloutWorker.ts');
