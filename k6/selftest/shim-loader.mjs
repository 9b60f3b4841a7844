// Node module hooks that resolve k6's built-in modules to the shim in k6-shim.mjs.
const SHIM = new URL('./k6-shim.mjs', import.meta.url).href;
const NAMES = { 'k6': 'k6', 'k6/http': 'http', 'k6/encoding': 'encoding', 'k6/metrics': 'metrics' };

export async function resolve(specifier, context, next) {
  if (specifier in NAMES) return { url: `${SHIM}?module=${NAMES[specifier]}`, shortCircuit: true };
  return next(specifier, context);
}

export async function load(url, context, next) {
  if (url.startsWith(SHIM + '?module=')) {
    const name = new URL(url).searchParams.get('module');
    const source = `import * as shim from ${JSON.stringify(SHIM)};\nexport default shim.${name};\n` +
      (name === 'k6' ? 'export const check = shim.k6.check, fail = shim.k6.fail, sleep = shim.k6.sleep;\n' : '') +
      (name === 'metrics' ? 'export const Counter = shim.metrics.Counter, Rate = shim.metrics.Rate, Trend = shim.metrics.Trend;\n' : '');
    return { format: 'module', source, shortCircuit: true };
  }
  return next(url, context);
}
