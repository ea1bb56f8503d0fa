-- Inline comments become dangling when an edit of their page removes their marker (v2's
-- resolutionStatus "dangling", v1's extensions.resolution.status): comment_resolutions takes that
-- status too.
ALTER TABLE comment_resolutions DROP CONSTRAINT comment_resolutions_status_check;
ALTER TABLE comment_resolutions ADD CONSTRAINT comment_resolutions_status_check
    CHECK (status IN ('resolved', 'reopened', 'dangling'));
