-- 0027_files.sql — evidence files (issue 16): each file's name, type, size and SHA-256 in
-- `files`, its bytes in 1 MiB `bytea` chunks in `file_chunks` (not large objects: chunks go with
-- pg_dump's defaults and logical replication, leave no lo_unlink bookkeeping behind a deleted
-- row, and are read back a chunk at a time). A file belongs to the district of the token that
-- uploaded it; until attached to something (a report value, an assessment answer) only its
-- uploader reads it, and it is removed after 24 h. Each district may hold file_quota_bytes of
-- files (5 GiB unless set otherwise).
ALTER TABLE districts ADD COLUMN file_quota_bytes bigint NOT NULL DEFAULT 5368709120
  CHECK (file_quota_bytes >= 0);

CREATE TABLE files (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_id      uuid REFERENCES districts (id) ON DELETE CASCADE, -- NULL: an admin's own
  filename         text NOT NULL CHECK (filename <> '' AND octet_length(filename) <= 255),
  content_type     text NOT NULL,
  size             bigint NOT NULL CHECK (size > 0 AND size <= 20971520),
  sha256           text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  created_at       timestamptz NOT NULL DEFAULT now(),
  created_by_token uuid,
  created_by_role  text,
  created_by_label text,
  attached_at      timestamptz, -- NULL: attached to nothing yet
  school_id        uuid REFERENCES schools (id) ON DELETE SET NULL -- attached to a school's data
);
CREATE INDEX files_district ON files (district_id);
CREATE INDEX files_unattached ON files (created_at) WHERE attached_at IS NULL;

CREATE TABLE file_chunks (
  file_id uuid NOT NULL REFERENCES files (id) ON DELETE CASCADE,
  n       int NOT NULL CHECK (n >= 0),
  data    bytea NOT NULL,
  PRIMARY KEY (file_id, n)
);
ALTER TABLE file_chunks ALTER COLUMN data SET STORAGE EXTERNAL; -- PDFs, images: compressed already

-- Report values carry the ids of their evidence files beside evidence_url (the files are marked
-- attached when a value names them: files.attached_at, and school_id for a school's report).
ALTER TABLE report_values ADD COLUMN evidence_files jsonb NOT NULL DEFAULT '[]';
ALTER TABLE report_value_history ADD COLUMN evidence_files jsonb NOT NULL DEFAULT '[]';
