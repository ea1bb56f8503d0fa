// What check.mjs (v1) and check-v2.mjs share: named steps that record whether each call
// worked, a plain expectation, and the report that ends a run.
const results = [];

// A call can pass the schema and still be wrong; this catches the plainest ways.
export function expect(condition, message) {
  if (!condition) throw new Error(`unexpected answer: ${message}`);
}

export async function step(name, call) {
  try {
    const value = await call();
    results.push({ name, ok: true });
    return value;
  } catch (error) {
    // A schema mismatch says where: zod's issues ride on the error's cause.
    const issues = (error?.cause?.issues ?? []).map(i => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    results.push({ name, ok: false, error: `${String(error?.message ?? error).slice(0, 400)}${issues ? ` [${issues.slice(0, 600)}]` : ''}` });
    return undefined;
  }
}

/** Prints every step and exits non-zero when one failed. */
export function report() {
  for (const r of results) console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name}${r.ok ? '' : `: ${r.error}`}`);
  const failed = results.filter(r => !r.ok).length;
  console.log(`${results.length - failed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}
