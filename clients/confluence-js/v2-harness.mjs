// What every v2 check shares: confluence.js's v1 and v2 clients over one transport to the Quire
// named by QUIRE_URL/QUIRE_EMAIL/QUIRE_TOKEN, a step runner that records each call's outcome
// (with the Zod issues when confluence.js refused an answer), and the report that ends the run.
import { createV1Client, createV2Client } from 'confluence.js';
import { createClient } from 'confluence.js/core';

export const host = process.env.QUIRE_URL ?? 'http://localhost:8090';
export const transport = createClient({
  host,
  auth: { type: 'basic', email: process.env.QUIRE_EMAIL, apiToken: process.env.QUIRE_TOKEN },
});
export const v1 = createV1Client(transport);
export const v2 = createV2Client(transport);

export function expect(condition, message) {
  if (!condition) throw new Error(`unexpected answer: ${message}`);
}

export const suffix = Math.random().toString(36).slice(2, 8);
const results = [];

export async function step(name, call) {
  try {
    const value = await call();
    results.push({ name, ok: true });
    return value;
  } catch (error) {
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
