// Calls a running Quire through confluence.js's v2 client (createV2Client), whose methods check
// each response against Zod models of Atlassian's v2 API: a call that returns here has worked and
// answered in Confluence Cloud's v2 shape. Groups are added here as Quire serves them.
//
//   QUIRE_URL=http://localhost:8090 QUIRE_EMAIL=admin@quire.local QUIRE_TOKEN=... node check-v2.mjs
import { createV1Client, createV2Client } from 'confluence.js';
import { createClient } from 'confluence.js/core';
import { checkAttachmentsCommentsLikesOperations } from './v2-attachments-comments.mjs';

const host = process.env.QUIRE_URL ?? 'http://localhost:8090';
const transport = createClient({
  host,
  auth: { type: 'basic', email: process.env.QUIRE_EMAIL, apiToken: process.env.QUIRE_TOKEN },
});
const v1 = createV1Client(transport);
const v2 = createV2Client(transport);

function expect(condition, message) {
  if (!condition) throw new Error(`unexpected answer: ${message}`);
}

const suffix = Math.random().toString(36).slice(2, 8);
const key = `CJV${suffix.toUpperCase().replace(/[^A-Z0-9]/g, '')}`;
const results = [];

async function step(name, call) {
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

// The space comes from v1 (v2's createSpace is checked with the Space group).
const space = await step('v1 space.createSpace', () => v1.space.createSpace({ key, name: `confluence.js v2 ${suffix}` }));
const spaceId = String(space?.id);

// Page
const page = await step('page.createPage', async () => {
  const created = await v2.page.createPage({
    body: { spaceId, status: 'current', title: `v2 page ${suffix}`, body: { representation: 'storage', value: '<p>Hello <strong>v2</strong></p>' } },
  });
  expect(created.version?.number === 1, `version ${created.version?.number}`);
  expect(created.body?.storage?.value === '<p>Hello <strong>v2</strong></p>', 'the body as written');
  return created;
});
const child = await step('page.createPage (child, atlas_doc_format)', () => v2.page.createPage({
  body: {
    spaceId, title: `v2 child ${suffix}`, parentId: page?.id,
    body: { representation: 'atlas_doc_format', value: JSON.stringify({ type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'from ADF' }] }] }) },
  },
}));
await step('page.getPageById (storage)', async () => {
  const read = await v2.page.getPageById({ id: Number(page?.id), bodyFormat: 'storage' });
  expect(read.title === `v2 page ${suffix}`, `title ${read.title}`);
  return read;
});
await step('page.getPageById (atlas_doc_format)', async () => {
  const read = await v2.page.getPageById({ id: Number(child?.id), bodyFormat: 'atlas_doc_format' });
  expect(JSON.parse(read.body.atlas_doc_format.value).type === 'doc', 'an ADF document');
  expect(read.parentId === page?.id, `parent ${read.parentId}`);
  return read;
});
await step('page.getPageById (view)', () => v2.page.getPageById({ id: Number(page?.id), bodyFormat: 'view' }));
await step('page.getPages', async () => {
  const listed = await v2.page.getPages({ spaceId: [Number(spaceId)], limit: 1, sort: '-created-date' });
  expect(listed.results.length === 1 && listed._links?.next, 'a first page with a next link');
  return listed;
});
await step('page.getPagesInSpace', async () => {
  const listed = await v2.page.getPagesInSpace({ id: Number(spaceId), bodyFormat: 'storage' });
  expect(listed.results.some(p => p.id === page?.id), 'the new page is listed');
  return listed;
});
await step('page.updatePage', () => v2.page.updatePage({
  id: Number(page?.id),
  body: { id: page?.id, status: 'current', title: `v2 page ${suffix} (2)`, body: { representation: 'storage', value: '<p>second</p>' }, version: { number: 2, message: 'by check-v2' } },
}));
await step('page.updatePageTitle', async () => {
  const renamed = await v2.page.updatePageTitle({ id: Number(page?.id), body: { status: 'current', title: `v2 page ${suffix} (3)` } });
  expect(renamed.version?.number === 3, `version ${renamed.version?.number}`);
  return renamed;
});
await step('v1 label + page.getLabelPages', async () => {
  const labels = await v1.contentLabels?.addLabelsToContent?.({ id: page?.id, body: [{ prefix: 'global', name: `cjv${suffix}` }] })
    ?? await transport.sendRequest({ url: `/wiki/rest/api/content/${page?.id}/label`, method: 'POST', body: [{ prefix: 'global', name: `cjv${suffix}` }] });
  const label = (labels.results ?? []).find(l => l.name === `cjv${suffix}`);
  const listed = await v2.page.getLabelPages({ id: Number(label?.id) });
  expect(listed.results.some(p => p.id === page?.id), 'the labelled page is listed');
  return listed;
});
const draft = await step('page.createPage (draft)', () => v2.page.createPage({ body: { spaceId, status: 'draft' } }));
await step('page.deletePage (draft)', () => v2.page.deletePage({ id: Number(draft?.id), draft: true }));
await step('page.deletePage (trash)', () => v2.page.deletePage({ id: Number(child?.id) }));
await step('page.deletePage (purge)', () => v2.page.deletePage({ id: Number(child?.id), purge: true }));

// Attachment, Comment, Like, Operation
await checkAttachmentsCommentsLikesOperations({ host, v2, step, expect, key, spaceId, suffix });

await v1.space.deleteSpace({ spaceKey: key }).catch(() => undefined);
for (const r of results) console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name}${r.ok ? '' : `: ${r.error}`}`);
const failed = results.filter(r => !r.ok).length;
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
