/**
 * The one place that starts TensorFlow.js for the neural volatility models.
 *
 * Backend: WebAssembly (`@tensorflow/tfjs-backend-wasm`, XNNPACK with SIMD). `@tensorflow/tfjs-node`
 * cannot be installed offline (its install script downloads libtensorflow), and in Node the wasm
 * backend runs single-threaded (tfjs disables its threaded build under Node), so a run uses one
 * core and floating-point operations happen in the same order every time: with every initialiser
 * seeded and no library-side shuffling, the same seed gives bit-identical weights and forecasts.
 */
import type * as TF from '@tensorflow/tfjs';

let ready: Promise<typeof TF> | undefined;

/**
 * Initialises tfjs on the wasm backend once per process and returns the `tf` namespace. tfjs is
 * loaded here, on first use, rather than imported at the top: loading it takes most of a second,
 * and the simulator and the statistical models never need it.
 */
export function initTf(): Promise<typeof TF> {
  ready ??= (async () => {
    const tf = await import('@tensorflow/tfjs');
    await import('@tensorflow/tfjs-backend-wasm');
    const ok = await tf.setBackend('wasm');
    if (!ok) throw new Error('TensorFlow.js: the wasm backend failed to initialise');
    await tf.ready();
    return tf;
  })();
  return ready;
}
