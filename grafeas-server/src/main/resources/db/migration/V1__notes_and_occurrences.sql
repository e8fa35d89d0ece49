-- One script for PostgreSQL and H2: both read this subset of SQL the same way.
-- Each object is its protobuf bytes (body) plus the columns list filters and lookups use.
-- seq orders rows for keyset pagination; it never changes when a row is replaced.

CREATE TABLE notes (
    name        VARCHAR                  NOT NULL PRIMARY KEY,
    seq         BIGINT GENERATED ALWAYS AS IDENTITY,
    project     VARCHAR                  NOT NULL,
    note_id     VARCHAR                  NOT NULL,
    kind        VARCHAR(64)              NOT NULL,
    create_time TIMESTAMP WITH TIME ZONE NOT NULL,
    update_time TIMESTAMP WITH TIME ZONE NOT NULL,
    body        BYTEA                    NOT NULL
);

CREATE UNIQUE INDEX notes_seq ON notes (seq);
CREATE INDEX notes_project ON notes (project, seq);

CREATE TABLE occurrences (
    name         VARCHAR                  NOT NULL PRIMARY KEY,
    seq          BIGINT GENERATED ALWAYS AS IDENTITY,
    project      VARCHAR                  NOT NULL,
    kind         VARCHAR(64)              NOT NULL,
    resource_uri VARCHAR                  NOT NULL,
    note_name    VARCHAR                  NOT NULL,
    note_project VARCHAR                  NOT NULL,
    note_id      VARCHAR                  NOT NULL,
    create_time  TIMESTAMP WITH TIME ZONE NOT NULL,
    update_time  TIMESTAMP WITH TIME ZONE NOT NULL,
    body         BYTEA                    NOT NULL
);

CREATE UNIQUE INDEX occurrences_seq ON occurrences (seq);
-- listOccurrences of a project, optionally by kind or by image (resourceUrl = ... AND kind = ...)
CREATE INDEX occurrences_project ON occurrences (project, seq);
CREATE INDEX occurrences_project_kind ON occurrences (project, kind, seq);
CREATE INDEX occurrences_project_resource ON occurrences (project, resource_uri, seq);
-- listNoteOccurrences, and noteName filters
CREATE INDEX occurrences_note ON occurrences (note_name, seq);
CREATE INDEX occurrences_project_note ON occurrences (project, note_project, note_id, seq);
