-- +goose Up
-- People profiles: a bio, tags and notes written by users, custom fields
-- (defined by admins, valued per person) and saved segments (filters).
ALTER TABLE people ADD COLUMN bio TEXT NOT NULL DEFAULT '';

CREATE TABLE person_tags (
    person_id  INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    tag        TEXT NOT NULL,
    created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (person_id, tag)
);
CREATE INDEX person_tags_tag ON person_tags (tag);

CREATE TABLE person_notes (
    id         INTEGER PRIMARY KEY,
    person_id  INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    author_id  INTEGER REFERENCES users(id) ON DELETE SET NULL,
    body       TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX person_notes_person ON person_notes (person_id, id);

CREATE TABLE custom_fields (
    id         INTEGER PRIMARY KEY,
    key        TEXT NOT NULL UNIQUE,
    label      TEXT NOT NULL,
    type       TEXT NOT NULL,
    options    TEXT NOT NULL DEFAULT '[]',
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE person_fields (
    person_id  INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    field_id   INTEGER NOT NULL REFERENCES custom_fields(id) ON DELETE CASCADE,
    value      TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (person_id, field_id)
);
CREATE INDEX person_fields_field ON person_fields (field_id, value);

CREATE TABLE segments (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    filters    TEXT NOT NULL,
    owner_id   INTEGER REFERENCES users(id) ON DELETE SET NULL,
    shared     INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

-- +goose Down
DROP TABLE segments;
DROP TABLE person_fields;
DROP TABLE custom_fields;
DROP TABLE person_notes;
DROP TABLE person_tags;
ALTER TABLE people DROP COLUMN bio;
