// Calls a running Quire through confluence.js's v2 client (createV2Client), whose methods check
// each response against Zod models of Atlassian's v2 API: a call that returns here has worked and
// answered in Confluence Cloud's v2 shape. Groups are added here as Quire serves them.
//
//   QUIRE_URL=http://localhost:8090 QUIRE_EMAIL=admin@quire.local QUIRE_TOKEN=... node check-v2.mjs
import { createV1Client, createV2Client } from 'confluence.js';
import { createClient } from 'confluence.js/core';
import { expect, report, step } from './steps.mjs';

const host = process.env.QUIRE_URL ?? 'http://localhost:8090';
const transport = createClient({
  host,
  auth: { type: 'basic', email: process.env.QUIRE_EMAIL, apiToken: process.env.QUIRE_TOKEN },
});
const v1 = createV1Client(transport);
const v2 = createV2Client(transport);


const suffix = Math.random().toString(36).slice(2, 8);
const key = `CJV${suffix.toUpperCase().replace(/[^A-Z0-9]/g, '')}`;


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


// Blog Post
const post = await step('blogPost.createBlogPost', () => v2.blogPost.createBlogPost({
  body: { spaceId, status: 'current', title: `v2 post ${suffix}`, body: { representation: 'storage', value: '<p>a post</p>' } },
}));
await step('blogPost.getBlogPostById', () => v2.blogPost.getBlogPostById({ id: Number(post?.id), bodyFormat: 'storage' }));
await step('blogPost.getBlogPosts', () => v2.blogPost.getBlogPosts({ spaceId: [Number(spaceId)] }));
await step('blogPost.getBlogPostsInSpace', async () => {
  const listed = await v2.blogPost.getBlogPostsInSpace({ id: Number(spaceId) });
  expect(listed.results.some(p => p.id === post?.id), 'the new post is listed');
  return listed;
});
await step('blogPost.updateBlogPost', () => v2.blogPost.updateBlogPost({
  id: Number(post?.id),
  body: { id: post?.id, status: 'current', title: `v2 post ${suffix} (2)`, body: { representation: 'storage', value: '<p>again</p>' }, version: { number: 2 } },
}));

// Space
const space2 = await step('space.createSpace', () => v2.space.createSpace({ body: { key: `${key}2`, name: `confluence.js v2 space ${suffix}` } }));
await step('space.getSpaces', () => v2.space.getSpaces({ keys: [key, `${key}2`] }));
await step('space.getSpaceById', () => v2.space.getSpaceById({
  id: Number(spaceId), descriptionFormat: 'plain', includeLabels: true, includeProperties: true, includeOperations: true, includePermissions: true,
}));
await step('spacePermissions.getSpacePermissionsAssignments', () => v2.spacePermissions.getSpacePermissionsAssignments({ id: Number(spaceId) }));
await step('spacePermissions.getAvailableSpacePermissions', () => v2.spacePermissions.getAvailableSpacePermissions());

// Space properties
const spaceProperty = await step('spaceProperties.createSpaceProperty', () => v2.spaceProperties.createSpaceProperty({ spaceId: Number(spaceId), key: `sp${suffix}`, value: { a: 1 } }));
await step('spaceProperties.getSpaceProperties', () => v2.spaceProperties.getSpaceProperties({ spaceId: Number(spaceId) }));
await step('spaceProperties.getSpacePropertyById', () => v2.spaceProperties.getSpacePropertyById({ spaceId: Number(spaceId), propertyId: Number(spaceProperty?.id) }));
await step('spaceProperties.updateSpacePropertyById', () => v2.spaceProperties.updateSpacePropertyById({
  spaceId: Number(spaceId), propertyId: Number(spaceProperty?.id), key: `sp${suffix}`, value: { a: 2 }, version: { number: 2 },
}));
await step('spaceProperties.deleteSpacePropertyById', () => v2.spaceProperties.deleteSpacePropertyById({ spaceId: Number(spaceId), propertyId: Number(spaceProperty?.id) }));

// Content properties (pages, blog posts; attachments and comments below)
const pageProperty = await step('contentProperties.createPageProperty', () => v2.contentProperties.createPageProperty({ pageId: Number(page?.id), key: `pp${suffix}`, value: { on: true } }));
await step('contentProperties.getPageContentProperties', () => v2.contentProperties.getPageContentProperties({ pageId: Number(page?.id) }));
await step('contentProperties.getPageContentPropertiesById', () => v2.contentProperties.getPageContentPropertiesById({ pageId: Number(page?.id), propertyId: Number(pageProperty?.id) }));
await step('contentProperties.updatePagePropertyById', () => v2.contentProperties.updatePagePropertyById({
  pageId: Number(page?.id), propertyId: Number(pageProperty?.id), key: `pp${suffix}`, value: { on: false }, version: { number: 2 },
}));
await step('contentProperties.deletePagePropertyById', () => v2.contentProperties.deletePagePropertyById({ pageId: Number(page?.id), propertyId: Number(pageProperty?.id) }));
const postProperty = await step('contentProperties.createBlogpostProperty', () => v2.contentProperties.createBlogpostProperty({ blogpostId: Number(post?.id), key: `bp${suffix}`, value: 'one' }));
await step('contentProperties.getBlogpostContentProperties', () => v2.contentProperties.getBlogpostContentProperties({ blogpostId: Number(post?.id) }));
await step('contentProperties.getBlogpostContentPropertiesById', () => v2.contentProperties.getBlogpostContentPropertiesById({ blogpostId: Number(post?.id), propertyId: Number(postProperty?.id) }));
await step('contentProperties.updateBlogpostPropertyById', () => v2.contentProperties.updateBlogpostPropertyById({
  blogpostId: Number(post?.id), propertyId: Number(postProperty?.id), key: `bp${suffix}`, value: 'two', version: { number: 2 },
}));
await step('contentProperties.deleteBlogpostPropertyById', () => v2.contentProperties.deleteBlogpostPropertyById({ blogpostId: Number(post?.id), propertyId: Number(postProperty?.id) }));

// Tree: children, descendants, ancestors
const child2 = await step('page.createPage (second child)', () => v2.page.createPage({ body: { spaceId, title: `v2 child 2 ${suffix}`, parentId: page?.id } }));
const grandchild = await step('page.createPage (grandchild)', () => v2.page.createPage({ body: { spaceId, title: `v2 grandchild ${suffix}`, parentId: child2?.id } }));
await step('children.getChildPages', async () => {
  const children = await v2.children.getChildPages({ id: Number(page?.id) });
  expect(children.results.some(c => c.id === child2?.id), 'the child is listed');
  return children;
});
await step('children.getPageDirectChildren', () => v2.children.getPageDirectChildren({ id: Number(page?.id) }));
await step('descendants.getPageDescendants', async () => {
  const descendants = await v2.descendants.getPageDescendants({ id: Number(page?.id) });
  expect(descendants.results.some(d => d.id === grandchild?.id), 'the grandchild is a descendant');
  return descendants;
});
await step('ancestors.getPageAncestors', async () => {
  const ancestors = await v2.ancestors.getPageAncestors({ id: Number(grandchild?.id) });
  expect(ancestors.results.some(a => a.id === page?.id), 'the page is an ancestor');
  return ancestors;
});

// Versions
await step('version.getPageVersions', async () => {
  const versions = await v2.version.getPageVersions({ id: Number(page?.id), bodyFormat: 'storage' });
  expect(versions.results.length === 3, `${versions.results.length} versions`);
  return versions;
});
await step('version.getPageVersionDetails', () => v2.version.getPageVersionDetails({ pageId: Number(page?.id), versionNumber: 1 }));
await step('version.getBlogPostVersions', () => v2.version.getBlogPostVersions({ id: Number(post?.id) }));
await step('version.getBlogPostVersionDetails', () => v2.version.getBlogPostVersionDetails({ blogpostId: Number(post?.id), versionNumber: 2 }));

// Labels
const labelName = `cjl${suffix}`;
const labelled = await transport.sendRequest({ url: `/wiki/rest/api/content/${page?.id}/label`, method: 'POST', body: [{ prefix: 'global', name: labelName }] });
await transport.sendRequest({ url: `/wiki/rest/api/content/${post?.id}/label`, method: 'POST', body: [{ prefix: 'global', name: labelName }] });
const labelId = (labelled?.results ?? []).find(l => l.name === labelName)?.id;
await step('label.getPageLabels', () => v2.label.getPageLabels({ id: Number(page?.id) }));
await step('label.getBlogPostLabels', () => v2.label.getBlogPostLabels({ id: Number(post?.id) }));
await step('label.getLabels', () => v2.label.getLabels({ labelId: [Number(labelId)] }));
await step('label.getSpaceContentLabels', () => v2.label.getSpaceContentLabels({ id: Number(spaceId) }));
await step('label.getSpaceLabels', () => v2.label.getSpaceLabels({ id: Number(spaceId) }));
await step('blogPost.getLabelBlogPosts', () => v2.blogPost.getLabelBlogPosts({ id: Number(labelId) }));

// Attachments (uploaded through v1: v2 has no upload)
const uploaded = await step('v1 contentAttachments.createAttachment', () => v1.contentAttachments.createAttachment({
  id: page?.id, attachments: { filename: `v2-${suffix}.txt`, content: Buffer.from('attached\n') },
}));
const attachmentId = uploaded?.results?.[0]?.id;
await transport.sendRequest({ url: `/wiki/rest/api/content/${attachmentId}/label`, method: 'POST', body: [{ prefix: 'global', name: labelName }] }).catch(() => undefined);
await step('attachment.getAttachmentById', async () => {
  const attachment = await v2.attachment.getAttachmentById({ id: attachmentId, includeLabels: true, includeVersions: true });
  expect(attachment.title === `v2-${suffix}.txt`, `title ${attachment.title}`);
  return attachment;
});
await step('attachment.getAttachments', () => v2.attachment.getAttachments({ filename: `v2-${suffix}.txt` }));
await step('attachment.getPageAttachments', () => v2.attachment.getPageAttachments({ id: Number(page?.id) }));
await step('attachment.getBlogpostAttachments', () => v2.attachment.getBlogpostAttachments({ id: Number(post?.id) }));
await step('attachment.getLabelAttachments', () => v2.attachment.getLabelAttachments({ id: Number(labelId) }));
await step('label.getAttachmentLabels', () => v2.label.getAttachmentLabels({ id: attachmentId }));
await step('version.getAttachmentVersions', () => v2.version.getAttachmentVersions({ id: attachmentId }));
await step('version.getAttachmentVersionDetails', () => v2.version.getAttachmentVersionDetails({ attachmentId, versionNumber: 1 }));
const attachmentProperty = await step('contentProperties.createAttachmentProperty', () => v2.contentProperties.createAttachmentProperty({ attachmentId, key: `ap${suffix}`, value: 'x' }));
await step('contentProperties.getAttachmentContentProperties', () => v2.contentProperties.getAttachmentContentProperties({ attachmentId }));
await step('contentProperties.getAttachmentContentPropertiesById', () => v2.contentProperties.getAttachmentContentPropertiesById({ attachmentId, propertyId: Number(attachmentProperty?.id) }));
await step('contentProperties.updateAttachmentPropertyById', () => v2.contentProperties.updateAttachmentPropertyById({
  attachmentId, propertyId: Number(attachmentProperty?.id), key: `ap${suffix}`, value: 'y', version: { number: 2 },
}));
await step('contentProperties.deleteAttachmentPropertyById', () => v2.contentProperties.deleteAttachmentPropertyById({ attachmentId, propertyId: Number(attachmentProperty?.id) }));
await step('operation.getAttachmentOperations', () => v2.operation.getAttachmentOperations({ id: attachmentId }));

// Comments
const footer = await step('comment.createFooterComment', () => v2.comment.createFooterComment({
  pageId: page?.id, body: { representation: 'storage', value: '<p>a footer comment</p>' },
}));
const reply = await step('comment.createFooterComment (reply)', () => v2.comment.createFooterComment({
  parentCommentId: footer?.id, body: { representation: 'storage', value: '<p>a reply</p>' },
}));
await step('comment.createFooterComment (blog post)', () => v2.comment.createFooterComment({ blogPostId: post?.id, body: { representation: 'storage', value: '<p>on the post</p>' } }));
// Quire takes no comments on attachments yet (see the README), so getAttachmentComments lists none.
const inline = await step('comment.createInlineComment', () => v2.comment.createInlineComment({
  pageId: page?.id, body: { representation: 'storage', value: '<p>inline</p>' },
  inlineCommentProperties: { textSelection: 'second', textSelectionMatchCount: 1, textSelectionMatchIndex: 0 },
}));
await step('comment.getFooterCommentById', () => v2.comment.getFooterCommentById({ commentId: Number(footer?.id), bodyFormat: 'storage', includeLikes: true, includeOperations: true }));
await step('comment.getInlineCommentById', () => v2.comment.getInlineCommentById({ commentId: Number(inline?.id), bodyFormat: 'storage' }));
await step('comment.getPageFooterComments', () => v2.comment.getPageFooterComments({ id: Number(page?.id), bodyFormat: 'storage' }));
await step('comment.getPageInlineComments', () => v2.comment.getPageInlineComments({ id: Number(page?.id) }));
await step('comment.getBlogPostFooterComments', () => v2.comment.getBlogPostFooterComments({ id: Number(post?.id) }));
await step('comment.getBlogPostInlineComments', () => v2.comment.getBlogPostInlineComments({ id: Number(post?.id) }));
await step('comment.getAttachmentComments', () => v2.comment.getAttachmentComments({ id: attachmentId }));
await step('comment.getFooterComments', () => v2.comment.getFooterComments({ limit: 5 }));
await step('comment.getInlineComments', () => v2.comment.getInlineComments({ limit: 5 }));
await step('comment.getFooterCommentChildren', async () => {
  const children = await v2.comment.getFooterCommentChildren({ id: Number(footer?.id) });
  expect(children.results.some(c => c.id === reply?.id), 'the reply is a child');
  return children;
});
await step('comment.getInlineCommentChildren', () => v2.comment.getInlineCommentChildren({ id: Number(inline?.id) }));
await step('comment.updateFooterComment', () => v2.comment.updateFooterComment({
  commentId: Number(footer?.id), body: { version: { number: 2 }, body: { representation: 'storage', value: '<p>edited</p>' } },
}));
await step('comment.updateInlineComment', () => v2.comment.updateInlineComment({
  commentId: Number(inline?.id), version: { number: 2 }, body: { representation: 'storage', value: '<p>inline, edited</p>' }, resolved: true,
}));
await step('version.getFooterCommentVersions', () => v2.version.getFooterCommentVersions({ id: Number(footer?.id) }));
await step('version.getFooterCommentVersionDetails', () => v2.version.getFooterCommentVersionDetails({ id: Number(footer?.id), versionNumber: 1 }));
await step('version.getInlineCommentVersions', () => v2.version.getInlineCommentVersions({ id: Number(inline?.id) }));
await step('version.getInlineCommentVersionDetails', () => v2.version.getInlineCommentVersionDetails({ id: Number(inline?.id), versionNumber: 1 }));
const commentProperty = await step('contentProperties.createCommentProperty', () => v2.contentProperties.createCommentProperty({ commentId: Number(footer?.id), key: `cp${suffix}`, value: ['one'] }));
await step('contentProperties.getCommentContentProperties', () => v2.contentProperties.getCommentContentProperties({ commentId: Number(footer?.id) }));
await step('contentProperties.getCommentContentPropertiesById', () => v2.contentProperties.getCommentContentPropertiesById({ commentId: Number(footer?.id), propertyId: Number(commentProperty?.id) }));
await step('contentProperties.updateCommentPropertyById', () => v2.contentProperties.updateCommentPropertyById({
  commentId: Number(footer?.id), propertyId: Number(commentProperty?.id), key: `cp${suffix}`, value: ['two'], version: { number: 2 },
}));
await step('contentProperties.deleteCommentPropertyById', () => v2.contentProperties.deleteCommentPropertyById({ commentId: Number(footer?.id), propertyId: Number(commentProperty?.id) }));

// Likes (given through the endpoint Confluence's web interface uses) and operations
for (const id of [page?.id, post?.id, footer?.id, inline?.id])
  await transport.sendRequest({ url: `/wiki/rest/likes/1.0/content/${id}/likes`, method: 'POST', headers: { 'X-Atlassian-Token': 'no-check' } }).catch(() => undefined);
await step('like.getPageLikeCount', async () => {
  const count = await v2.like.getPageLikeCount({ id: Number(page?.id) });
  expect(count.count === 1, `count ${count.count}`);
  return count;
});
await step('like.getPageLikeUsers', () => v2.like.getPageLikeUsers({ id: Number(page?.id) }));
await step('like.getBlogPostLikeCount', () => v2.like.getBlogPostLikeCount({ id: Number(post?.id) }));
await step('like.getBlogPostLikeUsers', () => v2.like.getBlogPostLikeUsers({ id: Number(post?.id) }));
await step('like.getFooterLikeCount', () => v2.like.getFooterLikeCount({ id: Number(footer?.id) }));
await step('like.getFooterLikeUsers', () => v2.like.getFooterLikeUsers({ id: Number(footer?.id) }));
await step('like.getInlineLikeCount', () => v2.like.getInlineLikeCount({ id: Number(inline?.id) }));
await step('like.getInlineLikeUsers', () => v2.like.getInlineLikeUsers({ id: Number(inline?.id) }));
await step('operation.getPageOperations', () => v2.operation.getPageOperations({ id: Number(page?.id) }));
await step('operation.getBlogPostOperations', () => v2.operation.getBlogPostOperations({ id: Number(post?.id) }));
await step('operation.getSpaceOperations', () => v2.operation.getSpaceOperations({ id: Number(spaceId) }));
await step('operation.getFooterCommentOperations', () => v2.operation.getFooterCommentOperations({ id: Number(footer?.id) }));
await step('operation.getInlineCommentOperations', () => v2.operation.getInlineCommentOperations({ id: Number(inline?.id) }));
await step('page.getPageById (every include)', () => v2.page.getPageById({
  id: Number(page?.id), includeLabels: true, includeProperties: true, includeOperations: true, includeLikes: true, includeVersions: true,
  includeFavoritedByCurrentUserStatus: true,
}));

// Content, tasks, users, admin key
await step('content.convertContentIdsToContentTypes', async () => {
  const kinds = await v2.content.convertContentIdsToContentTypes({ body: { contentIds: [page?.id, post?.id, footer?.id, attachmentId] } });
  expect(kinds.results?.[page?.id] === 'page', JSON.stringify(kinds.results));
  return kinds;
});
await step('page.updatePage (a task list)', () => v2.page.updatePage({
  id: Number(page?.id),
  body: { id: page?.id, status: 'current', title: `v2 page ${suffix} (4)`, version: { number: 4 },
    body: { representation: 'storage', value: '<ac:task-list><ac:task><ac:task-id>1</ac:task-id><ac:task-status>incomplete</ac:task-status><ac:task-body>check v2</ac:task-body></ac:task></ac:task-list>' } },
}));
const tasks = await step('task.getTasks', () => v2.task.getTasks({ pageId: [Number(page?.id)], bodyFormat: 'storage' }));
const task = tasks?.results?.[0];
await step('task.getTaskById', () => v2.task.getTaskById({ id: Number(task?.id) }));
await step('task.updateTask', () => v2.task.updateTask({ id: Number(task?.id), body: { status: 'complete' } }));
const me = await v1.users.getCurrentUser();
await step('user.createBulkUserLookup', () => v2.user.createBulkUserLookup({ body: { accountIds: [me.accountId] } }));
await step('user.checkAccessByEmail', () => v2.user.checkAccessByEmail({ body: { emails: [process.env.QUIRE_EMAIL, `nobody-${suffix}@example.test`] } }));
await step('user.inviteByEmail', () => v2.user.inviteByEmail({ body: { emails: [`invited-${suffix}@example.test`] } }));
await step('adminKey.enableAdminKey', () => v2.adminKey.enableAdminKey({ body: { durationInMinutes: 10 } }));
await step('adminKey.getAdminKey', () => v2.adminKey.getAdminKey());
await step('adminKey.disableAdminKey', () => v2.adminKey.disableAdminKey());

// Classification levels (defined first through Quire's admin endpoint: Cloud's organization admins define them elsewhere)
// and data policies. Whiteboards' and databases' levels are checked with their kinds below; the levels are archived at the end.
const level = await step('admin: define classification levels', async () => {
  const made = [];
  for (const [name, color] of [[`Internal ${suffix}`, 'BLUE'], [`Confidential ${suffix}`, 'RED']])
    made.push(await transport.sendRequest({ url: '/wiki/rest/api/admin/classification-levels', method: 'POST', body: { name, color, guideline: 'check-v2' } }));
  expect(made.every(l => l?.id), JSON.stringify(made));
  return { internal: made[0].id, confidential: made[1].id };
});
await step('classificationLevel.getClassificationLevels', async () => {
  const levels = await v2.classificationLevel.getClassificationLevels();
  expect(levels.some(l => l.id === level?.internal && l.status === 'PUBLISHED'), 'the new level is listed');
  return levels;
});
await step('classificationLevel.putSpaceDefaultClassificationLevel', () => v2.classificationLevel.putSpaceDefaultClassificationLevel({
  id: Number(spaceId), body: { id: level?.internal, status: 'current' },
}));
await step('classificationLevel.getSpaceDefaultClassificationLevel', async () => {
  const found = await v2.classificationLevel.getSpaceDefaultClassificationLevel({ id: Number(spaceId) });
  expect(found.id === level?.internal, `default ${found.id}`);
  return found;
});
for (const [kind, id] of [['Page', page?.id], ['BlogPost', post?.id]]) {
  await step(`classificationLevel.put${kind}ClassificationLevel`, () => v2.classificationLevel[`put${kind}ClassificationLevel`]({
    id: Number(id), body: { id: level?.confidential, status: 'current' },
  }));
  await step(`classificationLevel.get${kind}ClassificationLevel`, async () => {
    const found = await v2.classificationLevel[`get${kind}ClassificationLevel`]({ id: Number(id), status: 'current' });
    expect(found.id === level?.confidential && found.color === 'RED', JSON.stringify(found));
    return found;
  });
  await step(`classificationLevel.post${kind}ClassificationLevel (reset)`, async () => {
    await v2.classificationLevel[`post${kind}ClassificationLevel`]({ id: Number(id), body: { status: 'current' } });
    const found = await v2.classificationLevel[`get${kind}ClassificationLevel`]({ id: Number(id) });
    expect(found.id === level?.internal, `back to the space's default, not ${found.id}`);
    return found;
  });
}
await step('classificationLevel.deleteSpaceDefaultClassificationLevel', () => v2.classificationLevel.deleteSpaceDefaultClassificationLevel({ id: Number(spaceId) }));
await step('dataPolicies.getDataPolicyMetadata', async () => {
  const metadata = await v2.dataPolicies.getDataPolicyMetadata();
  expect(metadata.anyContentBlocked === false, JSON.stringify(metadata));
  return metadata;
});
await step('dataPolicies.getDataPolicySpaces', async () => {
  const spaces = await v2.dataPolicies.getDataPolicySpaces({ keys: [key], limit: 5 });
  expect(spaces.results?.length === 1 && spaces.results[0].key === key && spaces.results[0].dataPolicy?.anyContentBlocked === false, JSON.stringify(spaces.results));
  return spaces;
});

// Custom content: a site admin declares the type first (Quire's admin endpoint; Cloud's apps declare theirs in a descriptor).
const customType = `ac:confluence-js-check:note-${suffix}`;
const basic = `Basic ${Buffer.from(`${process.env.QUIRE_EMAIL}:${process.env.QUIRE_TOKEN}`).toString('base64')}`;
await step('admin custom-content-types (declare)', async () => {
  const response = await fetch(`${host}/wiki/rest/api/admin/custom-content-types`, {
    method: 'POST', headers: { Authorization: basic, 'Content-Type': 'application/json' },
    body: JSON.stringify({ key: customType, name: 'Check note', apiSupport: {
      supportedContainerTypes: ['space', 'page', 'blogpost', customType], supportedChildTypes: ['attachment', 'comment', customType] } }),
  });
  expect(response.status === 201, `status ${response.status}`);
  return response.json();
});
const custom = await step('customContent.createCustomContent', async () => {
  const created = await v2.customContent.createCustomContent({
    body: { type: customType, spaceId, title: `custom ${suffix}`, body: { representation: 'storage', value: '<p>custom</p>' } },
  });
  expect(created.type === customType && created.spaceId === spaceId, `type ${created.type}, space ${created.spaceId}`);
  return created;
});
const customId = Number(custom?.id);
const customChild = await step('customContent.createCustomContent (in custom content)', () => v2.customContent.createCustomContent({
  body: { type: customType, customContentId: custom?.id, title: `custom child ${suffix}`, body: { representation: 'storage', value: '<p>child</p>' } },
}));
await step('customContent.createCustomContent (in a page)', () => v2.customContent.createCustomContent({
  body: { type: customType, pageId: page?.id, title: `custom in page ${suffix}`, body: { representation: 'storage', value: '<p>in page</p>' } },
}));
await step('customContent.getCustomContentById', () => v2.customContent.getCustomContentById({
  id: customId, bodyFormat: 'storage', includeLabels: true, includeProperties: true, includeOperations: true, includeVersions: true,
}));
await step('customContent.getCustomContentByType', () => v2.customContent.getCustomContentByType({ type: customType, spaceId: [Number(spaceId)], bodyFormat: 'storage' }));
await step('customContent.getCustomContentByTypeInSpace', () => v2.customContent.getCustomContentByTypeInSpace({ id: Number(spaceId), type: customType }));
await step('customContent.getCustomContentByTypeInPage', async () => {
  const found = await v2.customContent.getCustomContentByTypeInPage({ id: Number(page?.id), type: customType });
  expect(found.results.length === 1, `${found.results.length} results`);
  return found;
});
await step('customContent.getCustomContentByTypeInBlogPost', () => v2.customContent.getCustomContentByTypeInBlogPost({ id: Number(post?.id), type: customType }));
await step('customContent.updateCustomContent', () => v2.customContent.updateCustomContent({
  id: customId,
  body: { id: custom?.id, type: customType, status: 'current', spaceId, title: `custom ${suffix} v2`, body: { representation: 'storage', value: '<p>two</p>' }, version: { number: 2 } },
}));
await step('children.getChildCustomContent', async () => {
  const children = await v2.children.getChildCustomContent({ id: customId });
  expect(children.results.some(c => c.id === customChild?.id), 'the child is listed');
  return children;
});
await step('version.getCustomContentVersions', () => v2.version.getCustomContentVersions({ customContentId: customId, bodyFormat: 'storage' }));
await step('version.getCustomContentVersionDetails', () => v2.version.getCustomContentVersionDetails({ customContentId: customId, versionNumber: 1 }));
await transport.sendRequest({ url: `/wiki/rest/api/content/${customId}/label`, method: 'POST', body: [{ prefix: 'global', name: labelName }] });
await step('label.getCustomContentLabels', () => v2.label.getCustomContentLabels({ id: customId }));
await step('v1 contentAttachments.createAttachment (custom content)', () => v1.contentAttachments.createAttachment({
  id: String(customId), attachments: { filename: `custom-${suffix}.txt`, content: Buffer.from('custom\n') },
}));
await step('attachment.getCustomContentAttachments', () => v2.attachment.getCustomContentAttachments({ id: customId }));
await step('comment.createFooterComment (custom content)', () => v2.comment.createFooterComment({
  customContentId: custom?.id, body: { representation: 'storage', value: '<p>on custom content</p>' },
}));
await step('comment.getCustomContentComments', () => v2.comment.getCustomContentComments({ id: customId, bodyFormat: 'storage' }));
await step('operation.getCustomContentOperations', () => v2.operation.getCustomContentOperations({ id: customId }));
const customProperty = await step('contentProperties.createCustomContentProperty', () => v2.contentProperties.createCustomContentProperty({ customContentId: customId, key: `ccp${suffix}`, value: { a: 1 } }));
await step('contentProperties.getCustomContentContentProperties', () => v2.contentProperties.getCustomContentContentProperties({ customContentId: customId }));
await step('contentProperties.getCustomContentContentPropertiesById', () => v2.contentProperties.getCustomContentContentPropertiesById({ customContentId: customId, propertyId: Number(customProperty?.id) }));
await step('contentProperties.updateCustomContentPropertyById', () => v2.contentProperties.updateCustomContentPropertyById({
  customContentId: customId, propertyId: Number(customProperty?.id), key: `ccp${suffix}`, value: { a: 2 }, version: { number: 2 },
}));
await step('contentProperties.deleteCustomContentPropertyById', () => v2.contentProperties.deleteCustomContentPropertyById({ customContentId: customId, propertyId: Number(customProperty?.id) }));
await step('customContent.deleteCustomContent', () => v2.customContent.deleteCustomContent({ id: Number(customChild?.id) }));
await step('customContent.deleteCustomContent (purge)', () => v2.customContent.deleteCustomContent({ id: Number(customChild?.id), purge: true }));

// The page tree's other kinds share their methods' shapes: one walk checks every method of a kind (create under a
// parent, read, the five property calls, operations, ancestors, direct children, descendants, delete).
async function checkTreeKind(api, Kind, idName, parentId, body = {}, query = {}) {
  const created = await step(`${api}.create${Kind}`, async () => {
    const made = await v2[api][`create${Kind}`]({ ...query, body: { spaceId, title: `${Kind} ${suffix}`, parentId, ...body } });
    expect(made.parentId === parentId, `parent ${made.parentId}`);
    expect(made.version?.number === 1, `version ${made.version?.number}`);
    return made;
  });
  const id = Number(created?.id);
  await step(`${api}.get${Kind}ById`, async () => {
    const read = await v2[api][`get${Kind}ById`]({ id });
    expect(read.title === `${Kind} ${suffix}`, `title ${read.title}`);
    return read;
  });
  const property = await step(`contentProperties.create${Kind}Property`, () => v2.contentProperties[`create${Kind}Property`]({ id, key: `tp${suffix}`, value: { on: true } }));
  await step(`contentProperties.get${Kind}ContentProperties`, () => v2.contentProperties[`get${Kind}ContentProperties`]({ id }));
  await step(`contentProperties.get${Kind}ContentPropertiesById`, () => v2.contentProperties[`get${Kind}ContentPropertiesById`]({ [idName]: id, propertyId: Number(property?.id) }));
  await step(`contentProperties.update${Kind}PropertyById`, () => v2.contentProperties[`update${Kind}PropertyById`]({
    [idName]: id, propertyId: Number(property?.id), key: `tp${suffix}`, value: { on: false }, version: { number: 2 },
  }));
  await step(`contentProperties.delete${Kind}PropertyById`, () => v2.contentProperties[`delete${Kind}PropertyById`]({ [idName]: id, propertyId: Number(property?.id) }));
  await step(`operation.get${Kind}Operations`, () => v2.operation[`get${Kind}Operations`]({ id }));
  await step(`ancestors.get${Kind}Ancestors`, async () => {
    const ancestors = await v2.ancestors[`get${Kind}Ancestors`]({ id });
    expect(ancestors.results.some(a => a.id === parentId), 'the parent is an ancestor');
    return ancestors;
  });
  await step(`children.get${Kind}DirectChildren`, () => v2.children[`get${Kind}DirectChildren`]({ id }));
  await step(`descendants.get${Kind}Descendants`, () => v2.descendants[`get${Kind}Descendants`]({ id }));
  return created;
}

// Folder (a page inside it names it as its ancestor)
const folder = await checkTreeKind('folder', 'Folder', 'folderId', page?.id);
const inFolder = await step('page.createPage (in a folder)', () => v2.page.createPage({ body: { spaceId, title: `v2 in folder ${suffix}`, parentId: folder?.id } }));
await step('ancestors.getPageAncestors (through a folder)', async () => {
  const ancestors = await v2.ancestors.getPageAncestors({ id: Number(inFolder?.id) });
  expect(ancestors.results.some(a => a.id === folder?.id && a.type === 'folder'), JSON.stringify(ancestors.results));
  return ancestors;
});
await step('children.getFolderDirectChildren (its page)', async () => {
  const children = await v2.children.getFolderDirectChildren({ id: Number(folder?.id) });
  expect(children.results.some(c => c.id === inFolder?.id), 'the page is the folder\'s child');
  return children;
});

// A whiteboard's or database's classification level: set, read, reset to the space's default (none here: 404 after the reset).
async function checkTreeKindLevel(Kind, id) {
  await step(`classificationLevel.put${Kind}ClassificationLevel`, () => v2.classificationLevel[`put${Kind}ClassificationLevel`]({
    id: Number(id), body: { id: level?.confidential, status: 'current' },
  }));
  await step(`classificationLevel.get${Kind}ClassificationLevel`, async () => {
    const found = await v2.classificationLevel[`get${Kind}ClassificationLevel`]({ id: Number(id) });
    expect(found.id === level?.confidential, JSON.stringify(found));
    return found;
  });
  await step(`classificationLevel.post${Kind}ClassificationLevel (reset)`, () =>
    v2.classificationLevel[`post${Kind}ClassificationLevel`]({ id: Number(id), body: { status: 'current' } }));
}

// Whiteboard (templateKey and locale are accepted; Quire stores no canvas)
const whiteboard = await checkTreeKind('whiteboard', 'Whiteboard', 'whiteboardId', folder?.id, { templateKey: 'kanban-board', locale: 'en-US' });
await checkTreeKindLevel('Whiteboard', whiteboard?.id);
await step('whiteboard.deleteWhiteboard', () => v2.whiteboard.deleteWhiteboard({ id: Number(whiteboard?.id) }));

// Database (private: only its creator sees it)
const database = await checkTreeKind('database', 'Database', 'databaseId', page?.id, {}, { private: true });
await checkTreeKindLevel('Database', database?.id);
await step('database.deleteDatabase', () => v2.database.deleteDatabase({ id: Number(database?.id) }));

// Smart Link (embeds)
const embed = await checkTreeKind('smartLink', 'SmartLink', 'embedId', folder?.id, { embedUrl: 'https://example.com/board?a=1&b=2' });
await step('smartLink.getSmartLinkById (embedUrl)', async () => {
  const read = await v2.smartLink.getSmartLinkById({ id: Number(embed?.id) });
  expect(read.embedUrl === 'https://example.com/board?a=1&b=2', `embedUrl ${read.embedUrl}`);
  return read;
});
await step('smartLink.deleteSmartLink', () => v2.smartLink.deleteSmartLink({ id: Number(embed?.id) }));
await step('folder.deleteFolder', () => v2.folder.deleteFolder({ id: Number(folder?.id) }));

// Space roles: the system roles, a custom one (created, changed, removed) and a group given a role in the space.
const systemRoles = await step('spaceRoles.getAvailableSpaceRoles', async () => {
  const listed = await v2.spaceRoles.getAvailableSpaceRoles({ roleType: 'SYSTEM', limit: 10 });
  expect(listed.results?.map((r) => r.name).join() === 'Admin,Manager,Collaborator,Viewer', JSON.stringify(listed.results?.map((r) => r.name)));
  return listed;
});
const viewerRole = systemRoles?.results?.find((r) => r.name === 'Viewer');
await step('spaceRoles.getSpaceRolesById', () => v2.spaceRoles.getSpaceRolesById({ id: String(viewerRole?.id) }));
await step('spaceRoles.getSpaceRoleMode', () => v2.spaceRoles.getSpaceRoleMode());
const customRole = await step('spaceRoles.createSpaceRole', () => v2.spaceRoles.createSpaceRole({
  name: `cjs role ${suffix}`, description: 'Reads and exports', spacePermissions: ['read/space', 'export/space'],
}));
await step('spaceRoles.updateSpaceRole', async () => {
  const updated = await v2.spaceRoles.updateSpaceRole({
    id: String(customRole?.id), name: `cjs role ${suffix}`, description: 'Reads, exports, comments', spacePermissions: ['read/space', 'export/space', 'create/comment'],
  });
  expect(updated.description === 'Reads, exports, comments', updated.description);
  return updated;
});
const roleGroup = await step('v1 group.createGroup', () => v1.group.createGroup({ name: `cjs-roles-${suffix}` }));
await step('spaceRoles.setSpaceRoleAssignments', async () => {
  const set = await v2.spaceRoles.setSpaceRoleAssignments({
    id: Number(spaceId), body: { principal: { principalType: 'GROUP', principalId: roleGroup?.id }, roleId: String(viewerRole?.id) },
  });
  expect(set.results?.[0]?.roleId === String(viewerRole?.id), JSON.stringify(set.results));
  return set;
});
await step('spaceRoles.getSpaceRoleAssignments', async () => {
  const listed = await v2.spaceRoles.getSpaceRoleAssignments({ id: Number(spaceId), principalType: 'GROUP', principalId: roleGroup?.id });
  expect(listed.results?.length === 1, JSON.stringify(listed.results));
  return listed;
});
await step('spaceRoles.deleteSpaceRole', () => v2.spaceRoles.deleteSpaceRole({ id: String(customRole?.id) }));

// Space permission transition: the combinations held without a role, and moving one of them to a role.
await step('v1 space permission (custom access for the group)', () => v1.spacePermissions.addPermissionToSpace({
  spaceKey: key, subject: { type: 'group', identifier: roleGroup?.id }, operation: { key: 'export', target: 'space' },
}));
const combinations = await step('spacePermissionTransition.listSpacePermissionCombinations', async () => {
  const listed = await v2.spacePermissionTransition.listSpacePermissionCombinations({ limit: 250 });
  expect(listed.results.some((c) => c.permissions.map((p) => p.id).join() === 'create/comment,export/space,read/space'), 'the group\'s combination');
  return listed;
});
const groupCombination = combinations?.results?.find((c) => c.permissions.map((p) => p.id).join() === 'create/comment,export/space,read/space');
const generated = await step('spacePermissionTransition.generateSpacePermissionCombinations', () => v2.spacePermissionTransition.generateSpacePermissionCombinations());
const transitionTask = await step('spacePermissionTransition.bulkAssignSpacePermissionRoles', () => v2.spacePermissionTransition.bulkAssignSpacePermissionRoles({
  assignments: [{ permissionCombinationId: groupCombination?.combinationId, principalTypeAssignments: [{ principalType: 'GROUP', removeAccess: false, roleId: String(viewerRole?.id) }] }],
  spaceSelection: { spaceType: 'SPECIFIC', selectedSpaces: [{ id: spaceId, key }] },
}));
await step('spacePermissionTransition.bulkRemoveSpacePermissionAccess', () => v2.spacePermissionTransition.bulkRemoveSpacePermissionAccess({
  permissionCombinationIds: [groupCombination?.combinationId],
  spaceSelection: { spaceType: 'SPECIFIC', selectedSpaces: [{ id: spaceId, key }] },
}));
await step('spacePermissionTransition.getSpacePermissionTransitionTaskStatus', async () => {
  let status;
  for (let i = 0; i < 50; i++) {
    status = await v2.spacePermissionTransition.getSpacePermissionTransitionTaskStatus({ taskId: transitionTask?.taskId });
    if (status.status !== 'IN_PROGRESS') break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(status.status === 'COMPLETED', JSON.stringify(status));
  await v2.spacePermissionTransition.getSpacePermissionTransitionTaskStatus({ taskId: generated?.taskId });
  return status;
});

// App properties (site admins' while Quire has no apps)
await step('appProperties.putForgeAppProperty', () => v2.appProperties.putForgeAppProperty({ propertyKey: `cjs-${suffix}`, body: { colour: 'blue' } }));
await step('appProperties.getForgeAppProperty', async () => {
  const read = await v2.appProperties.getForgeAppProperty({ propertyKey: `cjs-${suffix}` });
  expect(read.value?.colour === 'blue', JSON.stringify(read));
  return read;
});
await step('appProperties.getForgeAppProperties', () => v2.appProperties.getForgeAppProperties({ limit: 5 }));
await step('appProperties.deleteForgeAppProperty', () => v2.appProperties.deleteForgeAppProperty({ propertyKey: `cjs-${suffix}` }));

// Redactions: ranges of the body (pointed at in its ADF) and the title, taken out in a new version.
const secretPage = await step('page.createPage (to redact)', () => v2.page.createPage({
  body: { spaceId, title: `Secret ${suffix}`, body: { representation: 'storage', value: '<p>The code is 12345.</p>' } },
}));
await step('redactions.postRedactPage', async () => {
  const redacted = await v2.redactions.postRedactPage({
    id: Number(secretPage?.id),
    body: { createdAt: new Date().toISOString(), versionNumber: 1, body: { redactions: [{ pointer: '/content/0/content/0/text', from: 12, to: 17, reason: 'code' }] }, title: { redactions: [{ pointer: '/', from: 0, to: 6 }] } },
  });
  expect(redacted.body?.redactions?.[0]?.redactionId, JSON.stringify(redacted));
  const read = await v2.page.getPageById({ id: Number(secretPage?.id), bodyFormat: 'storage' });
  expect(!read.body?.storage?.value?.includes('12345') && read.version?.number === 2, read.body?.storage?.value);
  return redacted;
});
const secretPost = await step('blogPost.createBlogPost (to redact)', () => v2.blogPost.createBlogPost({
  body: { spaceId, title: `Secret post ${suffix}`, body: { representation: 'storage', value: '<p>Call 555-0100.</p>' } },
}));
await step('redactions.postRedactBlog', () => v2.redactions.postRedactBlog({
  id: Number(secretPost?.id),
  body: { createdAt: new Date().toISOString(), body: { redactions: [{ pointer: '/content/0/content/0/text', from: 5, to: 13 }] } },
}));

// The classification levels made above leave the site's list.
for (const id of [level?.internal, level?.confidential].filter(Boolean))
  await transport.sendRequest({ url: `/wiki/rest/api/admin/classification-levels/${id}/archive`, method: 'POST', body: {} }).catch(() => undefined);

// Clean up what the groups above made: comments, attachment, post, the second space.
await step('comment.deleteFooterComment', () => v2.comment.deleteFooterComment({ commentId: Number(reply?.id) }));
await step('comment.deleteInlineComment', () => v2.comment.deleteInlineComment({ commentId: Number(inline?.id) }));
await step('attachment.deleteAttachment', () => v2.attachment.deleteAttachment({ id: attachmentId }));
await step('blogPost.deleteBlogPost', () => v2.blogPost.deleteBlogPost({ id: Number(post?.id) }));
await step('blogPost.deleteBlogPost (redacted)', () => v2.blogPost.deleteBlogPost({ id: Number(secretPost?.id) }));
if (roleGroup?.id) await v1.group.removeGroupById({ id: roleGroup.id }).catch(() => undefined);
if (space2?.key) await v1.space.deleteSpace({ spaceKey: space2.key }).catch(() => undefined);

await v1.space.deleteSpace({ spaceKey: key }).catch(() => undefined);
report();
