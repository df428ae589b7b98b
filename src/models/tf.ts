/**
 * The one place that starts TensorFlow.js for the neural volatility models.
 *
 * Backend: WebAssembly (`@tensorflow/tfjs-backend-wasm`, XNNPACK with SIMD). `@tensorflow/tfjs-node`
 * cannot be installed offline (its install script downloads libtensorflow), and in Node the wasm
 * backend runs single-threaded (tfjs disables its threaded build under Node), so a run uses one
 * core and floating-point operations happen in the same order every time: with every initialiser
 * seeded and no library-side shuffling, the same seed gives bit-identical weights and forecasts.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';

let ready: Promise<typeof tf> | undefined;

/** Initialises tfjs on the wasm backend once per process and returns the `tf` namespace. */
export function initTf(): Promise<typeof tf> {
  ready ??= (async () => {
    const ok = await tf.setBackend('wasm');
    if (!ok) throw new Error('TensorFlow.js: the wasm backend failed to initialise');
    await tf.ready();
    return tf;
  })();
  return ready;
}

export { tf };
