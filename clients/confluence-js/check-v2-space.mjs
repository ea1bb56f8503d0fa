// Calls a running Quire through confluence.js's v2 client for the Space, Space Properties, Space
// Permissions, Content Properties, Task, User and admin-key methods; each method checks its
// answer against confluence.js's Zod models, so a call that returns here answered in Cloud's shape.
// Kept apart from check-v2.mjs so the groups' checks can be written side by side.
//
//   QUIRE_URL=http://localhost:8090 QUIRE_EMAIL=admin@quire.local QUIRE_TOKEN=... node check-v2-space.mjs
import { expect, host, report, step, suffix, transport, v1, v2 } from './v2-harness.mjs';

const key = `CJS${suffix.toUpperCase().replace(/[^A-Z0-9]/g, '')}`;

// Space
const space = await step('space.createSpace', async () => {
  const created = await v2.space.createSpace({ body: { key, name: `confluence.js v2 space ${suffix}`, description: { value: 'made by check-v2-space', representation: 'plain' } } });
  expect(created.key === key, `key ${created.key}`);
  return created;
});
const spaceId = Number(space?.id);
await step('space.getSpaces', async () => {
  const listed = await v2.space.getSpaces({ keys: [key], descriptionFormat: 'plain', includeIcon: true });
  expect(listed.results.length === 1 && listed.results[0].description?.plain?.value === 'made by check-v2-space', 'the space with its description');
  return listed;
});
const second = await step('space.createSpace (a second one, private)', () => v2.space.createSpace({ body: { key: `${key}B`, name: `confluence.js v2 space ${suffix} B`, createPrivateSpace: true } }));
await step('space.getSpaces (sorted, paged by cursor)', async () => {
  const first = await v2.space.getSpaces({ keys: [key, second?.key], sort: '-name', limit: 1 });
  expect(first.results[0]?.key === second?.key && first._links?.next, 'the second space first, with a next link');
  const cursor = new URL(first._links.next, host).searchParams.get('cursor');
  const next = await v2.space.getSpaces({ keys: [key, second?.key], sort: '-name', limit: 1, cursor });
  expect(next.results[0]?.key === key && !next._links?.next, 'then the first, and no more');
  return next;
});
await step('space.getSpaceById', () => v2.space.getSpaceById({
  id: spaceId, descriptionFormat: 'view', includeIcon: true, includeOperations: true, includeProperties: true, includePermissions: true, includeLabels: true,
}));

// Space properties
const spaceProperty = await step('spaceProperties.createSpaceProperty', () => v2.spaceProperties.createSpaceProperty({ spaceId, key: 'cjs', value: { on: true } }));
await step('spaceProperties.getSpaceProperties', async () => {
  const listed = await v2.spaceProperties.getSpaceProperties({ spaceId, key: 'cjs' });
  expect(listed.results.length === 1, `${listed.results.length} properties`);
  return listed;
});
await step('spaceProperties.getSpacePropertyById', () => v2.spaceProperties.getSpacePropertyById({ spaceId, propertyId: Number(spaceProperty?.id) }));
await step('spaceProperties.updateSpacePropertyById', async () => {
  const updated = await v2.spaceProperties.updateSpacePropertyById({ spaceId, propertyId: Number(spaceProperty?.id), key: 'cjs', value: 'two', version: { number: 2, message: 'check' } });
  expect(updated.version?.number === 2, `version ${updated.version?.number}`);
  return updated;
});
await step('spaceProperties.deleteSpacePropertyById', () => v2.spaceProperties.deleteSpacePropertyById({ spaceId, propertyId: Number(spaceProperty?.id) }));

// Space permissions
await step('spacePermissions.getSpacePermissionsAssignments', async () => {
  const listed = await v2.spacePermissions.getSpacePermissionsAssignments({ id: spaceId });
  expect(listed.results.some(p => p.operation?.key === 'administer'), 'the creator administers the space');
  return listed;
});
await step('spacePermissions.getAvailableSpacePermissions', () => v2.spacePermissions.getAvailableSpacePermissions({ limit: 5 }));

// Content properties, on a page made through v1 (with a task in its body, for the Task group)
const homepageId = Number(space?.homepageId);
const me = await v1.users.getCurrentUser();
const page = await step('v1 content.createContent (a page with a task)', () => transport.sendRequest({
  url: '/wiki/rest/api/content', method: 'POST',
  body: {
    type: 'page', title: `tasks ${suffix}`, space: { key }, ancestors: [{ id: String(homepageId) }],
    body: { storage: { representation: 'storage', value: `<ac:task-list><ac:task><ac:task-id>1</ac:task-id><ac:task-status>incomplete</ac:task-status><ac:task-body>Check <ac:link><ri:user ri:account-id="${me.accountId}" /></ac:link></ac:task-body></ac:task></ac:task-list>` } },
  },
}));
const pageId = Number(page?.id);
const property = await step('contentProperties.createPageProperty', () => v2.contentProperties.createPageProperty({ pageId, key: 'cjs', value: ['a', 'b'] }));
await step('contentProperties.getPageContentProperties', () => v2.contentProperties.getPageContentProperties({ pageId, sort: '-key' }));
await step('contentProperties.getPageContentPropertiesById', () => v2.contentProperties.getPageContentPropertiesById({ pageId, propertyId: Number(property?.id) }));
await step('contentProperties.updatePagePropertyById', () => v2.contentProperties.updatePagePropertyById({ pageId, propertyId: Number(property?.id), key: 'cjs', value: 'two', version: { number: 2 } }));
await step('contentProperties.deletePagePropertyById', () => v2.contentProperties.deletePagePropertyById({ pageId, propertyId: Number(property?.id) }));

// Task
const task = await step('task.getTasks', async () => {
  const listed = await v2.task.getTasks({ pageId: [pageId], bodyFormat: 'storage' });
  expect(listed.results.length === 1 && listed.results[0].assignedTo === me.accountId, 'the page\'s task, assigned');
  return listed.results[0];
});
await step('task.getTaskById', () => v2.task.getTaskById({ id: Number(task?.id), bodyFormat: 'atlas_doc_format' }));
await step('task.updateTask', async () => {
  const done = await v2.task.updateTask({ id: Number(task?.id), body: { status: 'complete' } });
  expect(done.status === 'complete', `status ${done.status}`);
  return done;
});

// User
await step('user.createBulkUserLookup', async () => {
  const found = await v2.user.createBulkUserLookup({ body: { accountIds: [me.accountId] } });
  expect(found.results[0]?.accountId === me.accountId, 'the caller');
  return found;
});
await step('user.checkAccessByEmail', async () => {
  const checked = await v2.user.checkAccessByEmail({ body: { emails: [`nobody-${suffix}@example.test`, 'not an address'] } });
  expect(checked.emailsWithoutAccess?.length === 1 && checked.invalidEmails?.length === 1, JSON.stringify(checked));
  return checked;
});
await step('user.inviteByEmail', () => v2.user.inviteByEmail({ body: { emails: [`invited-${suffix}@example.test`] } }));

// Admin key
await step('adminKey.enableAdminKey', () => v2.adminKey.enableAdminKey({ body: { durationInMinutes: 5 } }));
await step('adminKey.getAdminKey', async () => {
  const held = await v2.adminKey.getAdminKey();
  expect(held.accountId === me.accountId, `account ${held.accountId}`);
  return held;
});
await step('adminKey.disableAdminKey', () => v2.adminKey.disableAdminKey());

await v1.space.deleteSpace({ spaceKey: key }).catch(() => undefined);
await v1.space.deleteSpace({ spaceKey: `${key}B` }).catch(() => undefined);
report();
