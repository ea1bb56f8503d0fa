// Calls a running Quire through confluence.js's v1 client. confluence.js checks each
// response against a Zod schema derived from Atlassian's OpenAPI description, so a call
// that returns here has both worked and answered in Confluence's shape.
//
//   QUIRE_URL=http://localhost:8090 QUIRE_EMAIL=admin@quire.local QUIRE_TOKEN=qt_... node check.mjs
import { createV1Client } from 'confluence.js';

// confluence.js 3 leaves out v1 operations that Atlassian deprecated (GET /space, space
// properties, ...); the HTTP tests cover those.
const host = process.env.QUIRE_URL ?? 'http://localhost:8090';
const client = createV1Client({
  host,
  auth: { type: 'basic', email: process.env.QUIRE_EMAIL, apiToken: process.env.QUIRE_TOKEN },
});

const suffix = Math.random().toString(36).slice(2, 8);
const key = `CJS${suffix.toUpperCase().replace(/[^A-Z0-9]/g, '')}`;
const results = [];

async function step(name, call) {
  try {
    const value = await call();
    results.push({ name, ok: true });
    return value;
  } catch (error) {
    results.push({ name, ok: false, error: String(error?.message ?? error).slice(0, 400) });
    return undefined;
  }
}

const me = await step('users.getCurrentUser', () => client.users.getCurrentUser());
await step('users.getUser', () => client.users.getUser({ accountId: me?.accountId }));
await step('users.getAnonymousUser', () => client.users.getAnonymousUser());
await step('users.getGroupMembershipsForUser', () => client.users.getGroupMembershipsForUser({ accountId: me?.accountId }));
await step('users.getBulkUserLookup', () => client.users.getBulkUserLookup({ accountId: me?.accountId }));
await step('users.getPrivacyUnsafeUserEmail', () => client.users.getPrivacyUnsafeUserEmail({ accountId: me?.accountId }));

const group = await step('group.createGroup', () => client.group.createGroup({ name: `cjs-${suffix}` }));
await step('group.getGroups', () => client.group.getGroups());
await step('group.searchGroups', () => client.group.searchGroups({ query: 'cjs' }));
await step('group.getGroupByGroupId', () => client.group.getGroupByGroupId({ id: group?.id }));
await step('group.addUserToGroupByGroupId', () => client.group.addUserToGroupByGroupId({ groupId: group?.id, accountId: me?.accountId }));
await step('group.getGroupMembersByGroupId', () => client.group.getGroupMembersByGroupId({ groupId: group?.id }));
await step('group.removeMemberFromGroupByGroupId', () => client.group.removeMemberFromGroupByGroupId({ groupId: group?.id, accountId: me?.accountId }));
await step('group.removeGroupById', () => client.group.removeGroupById({ id: group?.id }));

await step('userProperties.createUserProperty', () => client.userProperties.createUserProperty({ userId: me?.accountId, key: `k${suffix}`, value: { a: 1 } }));
await step('userProperties.getUserProperty', () => client.userProperties.getUserProperty({ userId: me?.accountId, key: `k${suffix}` }));
await step('userProperties.getUserProperties', () => client.userProperties.getUserProperties({ userId: me?.accountId }));
await step('userProperties.deleteUserProperty', () => client.userProperties.deleteUserProperty({ userId: me?.accountId, key: `k${suffix}` }));

await step('space.createSpace', () => client.space.createSpace({ key, name: `confluence.js ${suffix}`, description: { plain: { value: 'made by check.mjs', representation: 'plain' } } }));
await step('space.createPrivateSpace', () => client.space.createPrivateSpace({ key: `${key}P`, name: `private ${suffix}` }));
await step('space.updateSpace', () => client.space.updateSpace({ spaceKey: key, name: `renamed ${suffix}` }));
await step('spaceSettings.getSpaceSettings', () => client.spaceSettings.getSpaceSettings({ spaceKey: key }));
await step('spaceSettings.updateSpaceSettings', () => client.spaceSettings.updateSpaceSettings({ spaceKey: key, routeOverrideEnabled: true }));
await step('experimental.addLabelsToSpace', () => client.experimental.addLabelsToSpace({ spaceKey: key, body: [{ prefix: 'global', name: 'cjs' }] }));
await step('experimental.getLabelsForSpace', () => client.experimental.getLabelsForSpace({ spaceKey: key }));
const task = await step('space.deleteSpace', () => client.space.deleteSpace({ spaceKey: key }));
await step('longRunningTask.getTask', () => client.longRunningTask.getTask({ id: task?.id }));
await step('longRunningTask.getTasks', () => client.longRunningTask.getTasks());

for (const r of results) console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name}${r.ok ? '' : `: ${r.error}`}`);
const failed = results.filter(r => !r.ok).length;
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
