-- 0001_foundation.sql — districts, API tokens, the audit log, idempotency keys, and the shared
-- SQL helpers (timestamps as RFC 3339 text, accent-insensitive folding for search).
-- Never edit once landed: add a new migration instead.

-- RFC 3339 UTC text with microseconds, e.g. 2024-05-31T08:00:00.000000Z.
CREATE FUNCTION edx_ts(t timestamptz) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
$$;

-- Folds text for search: lower case, no diacritics (NFD, combining marks removed), đ → d.
-- "Đồng Lê", "dong le", "ĐỒNG LÊ" and "Đồng Lê" in decomposed form all fold to "dong le".
CREATE FUNCTION edx_fold(t text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
  SELECT lower(translate(regexp_replace(normalize(t, NFD), '[\u0300-\u036f]', '', 'g'),
                         'đĐ', 'dD'))
$$;

CREATE TABLE districts (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code        text NOT NULL UNIQUE,
  name        text NOT NULL,
  province    text NOT NULL,
  office_name text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX districts_updated_at ON districts (updated_at, id);

-- The schools registry proper arrives with its own migration; tokens of role `school` and
-- the rule that a district with schools cannot be deleted need the table to exist now.
CREATE TABLE schools (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_id uuid NOT NULL REFERENCES districts (id) ON DELETE RESTRICT,
  code        text NOT NULL UNIQUE,
  name        text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX schools_district ON schools (district_id);

CREATE TABLE tokens (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  secret_hash text NOT NULL UNIQUE,             -- hex SHA-256 of the secret; never the secret
  role        text NOT NULL CHECK (role IN ('admin', 'district', 'school', 'reader')),
  district_id uuid REFERENCES districts (id) ON DELETE CASCADE,
  school_id   uuid REFERENCES schools (id) ON DELETE CASCADE,
  label       text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz,
  revoked_at  timestamptz,
  CHECK ((role = 'admin' AND district_id IS NULL AND school_id IS NULL)
      OR (role = 'district' AND district_id IS NOT NULL AND school_id IS NULL)
      OR (role = 'school' AND district_id IS NOT NULL AND school_id IS NOT NULL)
      OR (role = 'reader' AND school_id IS NULL))
);
CREATE INDEX tokens_district ON tokens (district_id);

CREATE TABLE audit (
  id             bigserial PRIMARY KEY,
  at             timestamptz NOT NULL DEFAULT now(),
  actor_token_id uuid,          -- NULL: the command line (edudx token create)
  actor_role     text,
  actor_label    text,
  action         text NOT NULL CHECK (action IN ('create', 'update', 'delete', 'revoke')),
  entity         text NOT NULL,
  entity_id      uuid NOT NULL,
  district_id    uuid,
  before         jsonb,
  after          jsonb
);
CREATE INDEX audit_at ON audit (at DESC, id DESC);
CREATE INDEX audit_entity ON audit (entity, entity_id);
CREATE INDEX audit_district ON audit (district_id, at DESC);

-- Responses of creating POSTs sent with an Idempotency-Key, kept 24 hours.
CREATE TABLE idempotency_keys (
  token_id     uuid NOT NULL,
  path         text NOT NULL,
  key          text NOT NULL,
  request_hash text NOT NULL,
  status       integer,
  location     text,
  body         text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (token_id, path, key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);

CREATE FUNCTION edx_district_json(d districts) RETURNS json
LANGUAGE sql STABLE AS $$
  SELECT json_build_object('id', d.id, 'code', d.code, 'name', d.name, 'province', d.province,
                           'office_name', d.office_name, 'created_at', edx_ts(d.created_at),
                           'updated_at', edx_ts(d.updated_at))
$$;

CREATE FUNCTION edx_token_json(t tokens) RETURNS json
LANGUAGE sql STABLE AS $$
  SELECT json_build_object('id', t.id, 'role', t.role, 'district_id', t.district_id,
                           'school_id', t.school_id, 'label', t.label,
                           'created_at', edx_ts(t.created_at), 'updated_at', edx_ts(t.updated_at),
                           'expires_at', edx_ts(t.expires_at), 'revoked_at', edx_ts(t.revoked_at))
$$;

CREATE FUNCTION edx_audit_json(a audit) RETURNS json
LANGUAGE sql STABLE AS $$
  SELECT json_build_object('id', a.id, 'at', edx_ts(a.at), 'actor_token_id', a.actor_token_id,
                           'actor_role', a.actor_role, 'actor_label', a.actor_label,
                           'action', a.action, 'entity', a.entity, 'entity_id', a.entity_id,
                           'district_id', a.district_id, 'before', a.before, 'after', a.after)
$$;
