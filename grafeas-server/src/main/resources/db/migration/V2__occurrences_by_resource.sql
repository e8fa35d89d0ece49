-- The admission webhook lists one image's occurrences in both of the image's spellings:
--   listNoteOccurrences(note, resourceUrl = A OR resourceUrl = B)
--   listOccurrences(project, (resourceUrl = A OR resourceUrl = B) AND kind = K)
-- Both databases turn the OR into resource_uri IN (A, B), and H2 looks an IN list up only in an
-- index whose first column it names: under V1 it walked every occurrence of the note or project
-- (an authority's note holds one attestation per image it ever signed), 0.3 to 1 s per list at
-- 10^6 occurrences. With the resource first, each spelling is one lookup, after which the note or
-- project and the kind filter a handful of rows; the same index serves resourceUrl = A alone.
CREATE INDEX occurrences_resource ON occurrences (resource_uri, seq);
DROP INDEX occurrences_project_resource;
