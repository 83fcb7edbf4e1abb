-- The registry's first schema. Times are ISO-8601 UTC text (sortable, the same on both
-- databases); channel history names versions by number, so it reads without joins.
CREATE TABLE bucket (
  id BIGSERIAL PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
);
CREATE TABLE version (
  id BIGSERIAL PRIMARY KEY,
  bucket_id BIGINT NOT NULL REFERENCES bucket (id),
  number INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('succeeded', 'failed', 'cancelled')),
  git_commit TEXT,
  content_hash TEXT NOT NULL,
  template TEXT NOT NULL,
  who TEXT NOT NULL,
  host TEXT NOT NULL,
  imagebake_version TEXT NOT NULL,
  started_at TEXT NOT NULL,
  ended_at TEXT NOT NULL,
  revoked_at TEXT,
  revoked_by TEXT,
  revoke_reason TEXT,
  UNIQUE (bucket_id, number)
);
CREATE INDEX version_fingerprint ON version (bucket_id, content_hash);
CREATE TABLE label (
  version_id BIGINT NOT NULL REFERENCES version (id),
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (version_id, key)
);
CREATE TABLE build (
  id BIGSERIAL PRIMARY KEY,
  version_id BIGINT NOT NULL REFERENCES version (id),
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  status TEXT NOT NULL,
  error TEXT,
  UNIQUE (version_id, name)
);
CREATE TABLE artifact (
  id BIGSERIAL PRIMARY KEY,
  build_id BIGINT NOT NULL REFERENCES build (id),
  position INTEGER NOT NULL,
  builder_id TEXT NOT NULL,
  artifact_id TEXT NOT NULL,
  region TEXT,
  description TEXT
);
CREATE INDEX artifact_build ON artifact (build_id);
CREATE INDEX artifact_ref ON artifact (artifact_id);
CREATE TABLE artifact_file (
  artifact_id BIGINT NOT NULL REFERENCES artifact (id),
  position INTEGER NOT NULL,
  path TEXT NOT NULL,
  size BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  PRIMARY KEY (artifact_id, position)
);
CREATE TABLE parent (
  build_id BIGINT NOT NULL REFERENCES build (id),
  kind TEXT NOT NULL,
  ref TEXT NOT NULL,
  checksum TEXT
);
CREATE INDEX parent_build ON parent (build_id);
CREATE TABLE channel (
  bucket_id BIGINT NOT NULL REFERENCES bucket (id),
  name TEXT NOT NULL,
  version_id BIGINT NOT NULL REFERENCES version (id),
  updated_at TEXT NOT NULL,
  PRIMARY KEY (bucket_id, name)
);
CREATE TABLE channel_history (
  id BIGSERIAL PRIMARY KEY,
  bucket_id BIGINT NOT NULL REFERENCES bucket (id),
  channel TEXT NOT NULL,
  at TEXT NOT NULL,
  who TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('set', 'rollback')),
  from_version INTEGER,
  to_version INTEGER NOT NULL
);
CREATE INDEX channel_history_channel ON channel_history (bucket_id, channel, id);
