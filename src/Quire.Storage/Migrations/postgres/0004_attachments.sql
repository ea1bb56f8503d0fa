-- Attachments: content of type 'attachment' whose container is a page or blog post. Each
-- version of an attachment has a row in attachment_files naming the bytes it holds; the
-- bytes live in a blob store under their SHA-256 (content-addressed), listed in blobs.

CREATE TABLE blobs (
    key        TEXT   PRIMARY KEY,
    size       BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE attachment_files (
    content_id BIGINT  NOT NULL REFERENCES content (id) ON DELETE CASCADE,
    version    INTEGER NOT NULL,
    blob_key   TEXT    NOT NULL REFERENCES blobs (key),
    file_size  BIGINT  NOT NULL,
    media_type TEXT    NOT NULL,
    comment    TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (content_id, version)
);
CREATE INDEX ix_attachment_files_blob ON attachment_files (blob_key);

-- A file name is unique among the current attachments of a page.
CREATE UNIQUE INDEX ux_content_attachment_title ON content (container_id, title_lower)
    WHERE type = 'attachment' AND status = 'current';

-- The database blob store (Quire:Attachments:Store=database): bytes in 1 MiB chunks, so
-- every server node reaches them. An upload writes its chunks under a temporary key and
-- renames them to the blob's key in the transaction that records the attachment.
CREATE TABLE blob_chunks (
    blob_key TEXT    NOT NULL,
    seq      INTEGER NOT NULL,
    data     BYTEA   NOT NULL,
    PRIMARY KEY (blob_key, seq)
);
